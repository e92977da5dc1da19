package dev.honestcompute.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.internal.ReceiptCheck;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads fields of written receipts and re-checks them with the same check the extension used. */
final class ReceiptAssertions {

    static final String KERNELS_EMPTY_RULE = "HC005";
    static final String FALLBACK_RULE = "HC017";

    private ReceiptAssertions() {
    }

    static long kernelCalls(JsonNode receipt, String kernelId) {
        long calls = 0;
        for (JsonNode k : receipt.path("kernel_stats")) {
            if (k.path("id").asText().equals(kernelId)) {
                calls += k.path("calls").asLong();
            }
        }
        return calls;
    }

    static String testUniqueId(JsonNode receipt) {
        return receipt.path("test").path("unique_id").asText();
    }

    static String testStatus(JsonNode receipt) {
        return receipt.path("test").path("status").asText();
    }

    static String testDisplayName(JsonNode receipt) {
        return receipt.path("test").path("display_name").asText();
    }

    static List<ReceiptCheck.Violation> violations(Path file, String policy) {
        try {
            return ReceiptCheck.check(Receipt.read(file).tree(), policy);
        } catch (ReceiptReadException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static void assertVerifies(Path file, String policy) {
        assertThat(violations(file, policy)).as("violations of %s", file).isEmpty();
    }

    static void assertFailsVerification(Path file, String policy) {
        assertThat(violations(file, policy)).as("violations of %s", file).isNotEmpty();
    }
}
