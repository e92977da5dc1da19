package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.ReceiptSections;
import dev.honestcompute.receipts.internal.ReceiptJson;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only: captures, after each test of a {@code ...TestCases} class, the receipt sections other extensions put
 * through {@link ReceiptSections}, as the JSON the receipt writer would serialize. Reads the package-private
 * {@code ReceiptSections.existing(...).sections()} reflectively because {@code @EmitsReceipt} (which writes them into
 * the receipt file) lives on another branch; once merged, these tests can read the receipt files instead.
 */
public final class CapturedSections implements AfterEachCallback {

    private static final Map<String, ObjectNode> BY_METHOD = new ConcurrentHashMap<>();

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Method existing = ReceiptSections.class.getDeclaredMethod("existing", ExtensionContext.class);
        existing.setAccessible(true);
        Object sections = existing.invoke(null, context);
        ObjectNode json = ReceiptJson.mapper().createObjectNode();
        if (sections != null) {
            Method all = ReceiptSections.class.getDeclaredMethod("sections");
            all.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<ReceiptSections.Section, Object> map = (Map<ReceiptSections.Section, Object>) all.invoke(sections);
            map.forEach((section, content) -> json.set(section.jsonName(), ReceiptJson.mapper().valueToTree(content)));
        }
        BY_METHOD.put(context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName(), json);
    }

    /** The sections captured for a test method, as a JSON object (empty when none were put). */
    public static JsonNode of(Class<?> testClass, String method) {
        ObjectNode json = BY_METHOD.get(testClass.getName() + "#" + method);
        if (json == null) {
            throw new AssertionError("no sections captured for " + testClass.getName() + "#" + method
                    + "; did the test case run with @ExtendWith(CapturedSections.class)?");
        }
        return json;
    }

    public static void clear() {
        BY_METHOD.clear();
    }
}
