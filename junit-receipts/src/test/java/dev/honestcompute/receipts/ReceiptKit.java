package dev.honestcompute.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.internal.ReceiptJson;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs {@code ...TestCases} classes inside EngineTestKit with receipts going to a temporary directory. */
final class ReceiptKit {

    private ReceiptKit() {
    }

    static EngineExecutionResults run(Path receipts, Class<?> testCase) {
        return run(receipts, testCase, Map.of());
    }

    static EngineExecutionResults run(Path receipts, Class<?> testCase, Map<String, String> extraParameters) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(EmitsReceipt.DIR_PARAMETER, receipts.toString())
                .configurationParameters(extraParameters)
                .selectors(selectClass(testCase))
                .execute();
    }

    /** Every receipt under {@code dir} (run-summary.json excluded), as paths relative to {@code dir}, sorted. */
    static List<String> receiptFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().equals("run-summary.json"))
                    .map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return ReceiptJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String caseDir(Class<?> testCase) {
        return testCase.getName().replace('$', '_');
    }
}
