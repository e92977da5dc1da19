package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.internal.ReceiptJson;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Test-only: after each test of a {@code ...TestCases} class that also carries {@code @EmitsReceipt} (declared after
 * this extension, so the receipt is written first), reads the receipt the library wrote and keeps it for assertions.
 * Nothing here reaches into the library: the sections are exactly what the receipt file holds.
 */
public final class CapturedSections implements AfterEachCallback {

    private static final Map<String, List<JsonNode>> BY_METHOD = new ConcurrentHashMap<>();

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Path dir = Path.of(context.getConfigurationParameter(EmitsReceipt.DIR_PARAMETER).orElse("target/receipts"));
        String uniqueId = context.getUniqueId();
        JsonNode receipt = null;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json"))::iterator) {
                JsonNode r = ReceiptJson.readObject(f);
                if (uniqueId.equals(r.path("test").path("unique_id").asText())) {
                    receipt = r;
                    break;
                }
            }
        }
        if (receipt == null) {
            throw new AssertionError("no receipt of " + uniqueId + " in " + dir.toAbsolutePath()
                    + "; declare @ExtendWith(CapturedSections.class) before @EmitsReceipt on the test case");
        }
        BY_METHOD.computeIfAbsent(context.getRequiredTestClass().getName() + "#"
                + context.getRequiredTestMethod().getName(), k -> new ArrayList<>()).add(receipt);
    }

    /** The receipt of a test method (its latest invocation), as written. */
    public static JsonNode of(Class<?> testClass, String method) {
        List<JsonNode> all = BY_METHOD.get(testClass.getName() + "#" + method);
        if (all == null || all.isEmpty()) {
            throw new AssertionError("no receipt captured for " + testClass.getName() + "#" + method
                    + "; did the test case run with @ExtendWith(CapturedSections.class) @EmitsReceipt?");
        }
        return all.get(all.size() - 1);
    }

    public static void clear() {
        BY_METHOD.clear();
    }
}
