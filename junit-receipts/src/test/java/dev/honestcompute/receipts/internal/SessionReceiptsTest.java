package dev.honestcompute.receipts.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionReceiptsTest {

    @TempDir
    Path dir;

    @Test
    void twoTestsMappingToOneFileAreAnErrorNamingBoth() {
        Path file = dir.resolve("com.acme.T/m.json");
        SessionReceipts.claim(file, "[test-a]");
        SessionReceipts.claim(file, "[test-a]"); // the same test again (a re-run) is fine
        assertThatThrownBy(() -> SessionReceipts.claim(file, "[test-b]"))
                .hasMessageContaining("[test-a]").hasMessageContaining("[test-b]").hasMessageContaining(file.toString());
    }

    @Test
    void drainReturnsEachFileOnceSortedAndForgetsIt() {
        SessionReceipts.register(dir, new SessionReceipts.Written(dir.resolve("b.json"), "11", "[b]", "passed"));
        SessionReceipts.register(dir, new SessionReceipts.Written(dir.resolve("a.json"), "22", "[a]", "passed"));
        SessionReceipts.register(dir, new SessionReceipts.Written(dir.resolve("a.json"), "33", "[a]", "failed"));

        assertThat(SessionReceipts.drain(dir)).extracting(SessionReceipts.Written::sha256).containsExactly("33", "11");
        assertThat(SessionReceipts.drain(dir)).isEmpty();
    }
}
