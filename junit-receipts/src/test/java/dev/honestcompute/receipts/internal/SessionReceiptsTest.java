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
    void onlyTheLibraryListsAReceiptForTheRunSummary() {
        assertThatThrownBy(() -> SessionReceipts.register(dir,
                new SessionReceipts.Written(dir.resolve("forged.json"), "11", "[never-ran]", "passed")))
                .isInstanceOf(IllegalCallerException.class)
                .hasMessageContaining("the session's list of receipts is written only by Honest Compute's own extensions")
                .hasMessageContaining(SessionReceiptsTest.class.getName());
        assertThat(SessionReceipts.drain(dir)).isEmpty();
    }
}
