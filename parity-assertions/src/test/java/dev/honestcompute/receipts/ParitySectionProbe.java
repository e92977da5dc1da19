package dev.honestcompute.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test helper living in the receipts package so it can read the package-private sections of a test: records the
 * parity section each test put, by method name, as {@code @EmitsReceipt} would see it in {@code afterEach}.
 */
public final class ParitySectionProbe implements AfterEachCallback {

    public static final Map<String, JsonNode> RECORDED = new ConcurrentHashMap<>();

    @Override
    public void afterEach(ExtensionContext context) {
        ReceiptSections s = ReceiptSections.existing(context);
        JsonNode parity = s == null ? null : s.sections().get(ReceiptSections.Section.PARITY);
        if (parity != null) {
            RECORDED.put(context.getRequiredTestMethod().getName(), parity);
        }
    }
}
