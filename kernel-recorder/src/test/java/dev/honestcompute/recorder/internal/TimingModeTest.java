package dev.honestcompute.recorder.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimingModeTest {

    @Test
    void offEveryCallOrOneCallInAPowerOfTwo() {
        assertThat(TimingMode.parse(null).every).isZero();
        assertThat(TimingMode.parse("").every).isZero();
        assertThat(TimingMode.parse("false").every).isZero();
        assertThat(TimingMode.parse("true").every).isEqualTo(1);
        assertThat(TimingMode.parse(" TRUE ").every).isEqualTo(1);
        assertThat(TimingMode.parse("sampled").every).isEqualTo(TimingMode.DEFAULT_SAMPLE);
        assertThat(TimingMode.parse("sampled:64").every).isEqualTo(64);
        assertThat(TimingMode.parse("sampled:64")).hasToString("one call in 64 per thread");
    }

    @Test
    void anythingElseIsRejectedNamingThePropertyAndTheChoices() {
        for (String bad : new String[] {"yes", "sampled:3", "sampled:0", "sampled:-4", "sampled:x", "sampled:2097152"}) {
            assertThatThrownBy(() -> TimingMode.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-Dhonestcompute.recorder.timing=" + bad)
                    .hasMessageContaining("expected false, true (time every kernel call), sampled")
                    .hasMessageContaining("sampled:N with N a power of two");
        }
    }
}
