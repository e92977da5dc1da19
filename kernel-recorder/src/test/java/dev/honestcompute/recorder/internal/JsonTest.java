package dev.honestcompute.recorder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recorder's own JSON reader (kernels.json): strict about duplicate keys, bounded in depth and size. */
class JsonTest {

    @Test
    void aDuplicateKeyIsAnErrorWhereverItIs() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}", "k.json")).isInstanceOf(KernelsConfigException.class)
                .hasMessage("k.json:1:11: invalid JSON: duplicate member 'a' in the object at ''");
        assertThatThrownBy(() -> Json.parse("{\"kernels\":[{\"class\":\"a.B\",\n \"class\":\"c.D\"}]}", "k.json"))
                .hasMessage("k.json:2:9: invalid JSON: duplicate member 'class' in the object at '/kernels/0'");
        assertThatThrownBy(() -> Json.parse("{\"a\":null,\"a\":null}", "k.json"))
                .hasMessageContaining("duplicate member 'a'");
    }

    @Test
    void keysAreComparedAfterUnescaping() {
        assertThatThrownBy(() -> Json.parse("{\"ab\":1,\"\\u0061b\":2}", "k.json"))
                .hasMessageContaining("duplicate member 'ab'");
    }

    @Test
    void aDuplicateKeyInAKernelsConfigEntryFailsTheConfig() {
        assertThatThrownBy(() -> KernelsConfig.parse("{\"kernels\":[{\"class\":\"a.B\",\"methods\":[\"x\"],"
                + "\"backend\":\"simd\",\"backend\":\"scalar\"}]}", "kernels.json"))
                .isInstanceOf(KernelsConfigException.class)
                .hasMessageContaining("kernels.json:1:").hasMessageContaining("duplicate member 'backend'");
    }

    @Test
    void a100kDeepDocumentIsAClearErrorNotAStackOverflow() {
        for (String deep : new String[] {"[".repeat(100_000), "{\"a\":".repeat(100_000),
                "{\"kernels\":" + "[".repeat(100_000)}) {
            assertThatThrownBy(() -> Json.parse(deep, "deep.json")).isInstanceOf(KernelsConfigException.class)
                    .hasMessageStartingWith("deep.json:1:")
                    .hasMessageContaining("invalid JSON: nesting deeper than 64 levels at '");
        }
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        Object v = Json.parse("[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH), "ok.json");
        assertThat(v).isInstanceOf(List.class);
        Object m = Json.parse("{\"a\":{\"b\":[1,{\"c\":[]}]},\"d\":[]}", "ok.json");
        assertThat(m).isInstanceOf(Map.class);
        assertThatThrownBy(() -> Json.parse("[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1), "x.json"))
                .hasMessageContaining("nesting deeper than 64 levels");
    }

    @Test
    void anOversizedDocumentIsRejectedBeforeParsing() {
        String big = " ".repeat(Json.MAX_CHARS + 1);
        assertThatThrownBy(() -> Json.parse(big, "big.json"))
                .hasMessageContaining("big.json: invalid JSON: the document has " + (Json.MAX_CHARS + 1)
                        + " characters, more than the " + Json.MAX_CHARS + " accepted");
    }
}
