package dev.honestcompute.maven;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArgLineTest {

    private static final Path JAR = Path.of("/repo/dev/honestcompute/kernel-recorder/0.1.0/kernel-recorder-0.1.0.jar");

    private static AgentArguments args(boolean vector, String timing) {
        return new AgentArguments(JAR, "20261203T101500Z-0a1b2c3d", vector, false, timing, List.of(), List.of());
    }

    private static String prepend(AgentArguments a, String previous) {
        return ArgLine.prepend(a.words(), previous, a.replaces());
    }

    @Test
    void putsTheAgentAndBuildIdInFrontOfAnUndefinedProperty() {
        assertThat(prepend(args(false, null), null)).isEqualTo("-javaagent:" + JAR
                + " -Dhonestcompute.build.id=20261203T101500Z-0a1b2c3d");
    }

    @Test
    void keepsWhatJacocoAndTheUserPutThereInTheirOrder() {
        String jacoco = "-javaagent:/m2/org/jacoco/org.jacoco.agent/0.8.13/org.jacoco.agent-0.8.13-runtime.jar=destfile=/p/target/jacoco.exec";
        String out = prepend(args(true, "sampled"), jacoco + " -Xmx512m -Dconsumer.flag=kept");
        assertThat(out).isEqualTo("-javaagent:" + JAR + " -Dhonestcompute.build.id=20261203T101500Z-0a1b2c3d"
                + " -Dhonestcompute.recorder.timing=sampled --add-modules jdk.incubator.vector " + jacoco
                + " -Xmx512m -Dconsumer.flag=kept");
    }

    @Test
    void replacesAnEarlierCopyOfItselfInsteadOfLoadingTheAgentTwice() {
        AgentArguments a = args(true, "sampled");
        String once = prepend(a, "-Xmx1g");
        String twice = prepend(a, once);
        assertThat(twice).isEqualTo(once);
        assertThat(twice.split("-javaagent:", -1)).hasSize(2);
    }

    @Test
    void removesAnOlderRecorderJarAndAnEarlierBuildIdButKeepsOptionsItDoesNotSet() {
        String out = prepend(args(false, null), "-javaagent:/old/kernel-recorder-0.0.9.jar "
                + "-Dhonestcompute.build.id=stale -Dhonestcompute.recorder.timing=true --add-modules jdk.incubator.vector");
        assertThat(out).isEqualTo("-javaagent:" + JAR + " -Dhonestcompute.build.id=20261203T101500Z-0a1b2c3d"
                + " -Dhonestcompute.recorder.timing=true --add-modules jdk.incubator.vector");
    }

    @Test
    void quotesAJarPathWithSpacesAndSplitsItBackAsOneWord() {
        AgentArguments a = new AgentArguments(Path.of("/home/a user/kernel-recorder-0.1.0.jar"), "id", false, false,
                null, List.of(), List.of());
        String out = prepend(a, "\"-Dx=a b\" -Xss2m");
        assertThat(out).isEqualTo("\"-javaagent:/home/a user/kernel-recorder-0.1.0.jar\" -Dhonestcompute.build.id=id"
                + " \"-Dx=a b\" -Xss2m");
        assertThat(ArgLine.split(out)).containsExactly("-javaagent:/home/a user/kernel-recorder-0.1.0.jar",
                "-Dhonestcompute.build.id=id", "-Dx=a b", "-Xss2m");
        assertThat(prepend(a, out)).isEqualTo(out);
    }

    @Test
    void kernelsConfigsAndMockPackagesUseTheRecordersSeparators() {
        AgentArguments a = new AgentArguments(JAR, "id", false, true, null,
                List.of(Path.of("/p/jlama.json"), Path.of("/p/onnx.json")), List.of("com.example.fakes", "org.x"));
        assertThat(a.words()).contains("-Dhonestcompute.kernels.config=/p/jlama.json" + java.io.File.pathSeparator
                + "/p/onnx.json", "-Dhonestcompute.mock.packages=com.example.fakes,org.x",
                "--enable-native-access=ALL-UNNAMED");
    }

    @Test
    void rejectsATimingTheRecorderWouldRefuse() {
        assertThat(AgentArguments.checkTiming("sampled:64")).isEqualTo("sampled:64");
        assertThat(AgentArguments.checkTiming(null)).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgentArguments.checkTiming("sampled:10"))
                .hasMessageContaining("<timing>sampled:10</timing>").hasMessageContaining("power of two");
    }

    @Test
    void rejectsABuildIdThatWouldBreakTheArgLine() {
        assertThat(BuildId.check("ci-1234.5")).isEqualTo("ci-1234.5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BuildId.check("a b"))
                .hasMessageContaining("build id 'a b'").hasMessageContaining("no spaces");
        assertThat(BuildId.create(new java.util.Date(0))).matches("19700101T000000Z-[0-9a-f]{8}");
    }
}
