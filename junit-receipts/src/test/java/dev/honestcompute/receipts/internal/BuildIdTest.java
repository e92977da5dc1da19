package dev.honestcompute.receipts.internal;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildIdTest {

    private static BuildId resolve(Map<String, String> parameters) {
        return BuildId.resolve(name -> Optional.ofNullable(parameters.get(name)));
    }

    @Test
    void aConfiguredIdIsUsedAsItIs() {
        for (String id : new String[] {"20261123T100000.123Z", "gh-1234567-2", "0b4f3c2e-9c1d-4c55-8f61-2f0f3c4e2a11",
                "ci:job@runner+1"}) {
            BuildId build = resolve(Map.of("honestcompute.build.id", " " + id + " "));
            assertThat(build.value()).isEqualTo(id);
            assertThat(build.configured()).isTrue();
            assertThat(build.source()).isEqualTo("configured");
        }
    }

    @Test
    void withoutOneTheJvmUsesOneIdForItself() {
        BuildId a = resolve(Map.of());
        BuildId b = resolve(Map.of("honestcompute.build.id", "  "));
        assertThat(a).isEqualTo(b);
        assertThat(a.configured()).isFalse();
        assertThat(a.source()).isEqualTo("generated");
        assertThat(a.value()).matches("jvm-\\d{8}T\\d{6}\\.\\d{3}Z-\\d+").endsWith("-" + ProcessHandle.current().pid());
    }

    @Test
    void anInvalidIdIsRefusedNamingTheParameterAndAValidExample() {
        for (String bad : new String[] {"two words", "-leading-dash", "a/b", "x".repeat(129), "${maven.build.timestamp}"}) {
            assertThatThrownBy(() -> resolve(Map.of("honestcompute.build.id", bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'honestcompute.build.id' = '")
                    .hasMessageContaining("is not a valid build id")
                    .hasMessageContaining("-Dhonestcompute.build.id=${maven.build.timestamp}");
        }
    }
}
