package dev.honestcompute.receipts.perf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.ReceiptReadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the measurements back out of receipts' {@code performance} sections (as written by
 * {@link PerformanceReport}), for {@code baseline update} and {@code baseline compare}.
 */
final class ReceiptPerformance {

    /** One measurement of one receipt. {@code field} is its JSON Pointer inside the receipt, for messages. */
    record Entry(Path file, String field, String testClass, String testMethod, String name, String unit,
                 double[] msPerUnit, JsonNode host) {
    }

    /** What was found under a receipts directory. */
    record Scan(List<Entry> entries, int filesRead, int filesWithoutPerformance) {
    }

    private ReceiptPerformance() {
    }

    /** Every {@code *.json} file under {@code dir} (recursively, sorted); files without a performance section are counted. */
    static Scan scan(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new BaselineException("receipts directory " + dir + " does not exist; run the tests first "
                    + "(mvn test writes target/receipts/) or point the command at a directory of receipts");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        List<Entry> entries = new ArrayList<>();
        int without = 0;
        for (Path file : files) {
            List<Entry> found = read(file);
            if (found.isEmpty()) {
                without++;
            }
            entries.addAll(found);
        }
        return new Scan(List.copyOf(entries), files.size(), without);
    }

    /** The measurements of one receipt file; empty when it has no performance section. */
    static List<Entry> read(Path file) {
        Receipt receipt;
        try {
            receipt = Receipt.read(file);
        } catch (ReceiptReadException e) {
            throw new BaselineException("receipt " + e.getMessage(), e);
        }
        JsonNode perf = receipt.get(ReceiptFields.PERFORMANCE);
        if (perf.isMissingNode() || perf.isNull()) {
            return List.of();
        }
        String pointer = "/" + ReceiptFields.PERFORMANCE + "/" + PerformanceReport.MEASUREMENTS;
        JsonNode list = perf.path(PerformanceReport.MEASUREMENTS);
        if (!list.isArray() || list.isEmpty()) {
            throw new BaselineException("receipt " + file + " field '" + pointer + "': expected a non-empty array "
                    + "of measurements, found " + list.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + "; was the receipt written by @MeasurePerformance of this version?");
        }
        String testClass = text(file, "/test/class", receipt.get(ReceiptFields.TEST).path(ReceiptFields.CLASS));
        String testMethod = text(file, "/test/method", receipt.get(ReceiptFields.TEST).path(ReceiptFields.METHOD));
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = pointer + "/" + i;
            JsonNode entry = list.get(i);
            String name = text(file, field + "/name", entry.path("name"));
            String unit = text(file, field + "/unit", entry.path("unit"));
            JsonNode samples = entry.path("samples_ms");
            JsonNode units = entry.path("units_per_iteration");
            if (!samples.isArray() || samples.isEmpty() || !units.isArray() || units.size() != samples.size()) {
                throw new BaselineException("receipt " + file + " fields '" + field + "/samples_ms' and '" + field
                        + "/units_per_iteration': expected two non-empty arrays of equal length");
            }
            double[] msPerUnit = new double[samples.size()];
            for (int s = 0; s < msPerUnit.length; s++) {
                JsonNode ms = samples.get(s);
                JsonNode u = units.get(s);
                if (!ms.isNumber() || !Double.isFinite(ms.asDouble()) || !(ms.asDouble() > 0)
                        || !u.isIntegralNumber() || u.asLong() <= 0) {
                    throw new BaselineException("receipt " + file + " field '" + field + "/samples_ms/" + s
                            + "': expected a finite latency > 0 with units_per_iteration > 0, found " + ms + " ms, "
                            + u + " units");
                }
                msPerUnit[s] = ms.asDouble() / u.asLong();
            }
            JsonNode host = Hosts.validated(entry.get("host"), "receipt " + file + " field '" + field + "/host'");
            out.add(new Entry(file, field, testClass, testMethod, name, unit, msPerUnit, host));
        }
        return out;
    }

    private static String text(Path file, String field, JsonNode v) {
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw new BaselineException("receipt " + file + " field '" + field + "': expected a non-blank string; "
                    + "was the receipt written by @EmitsReceipt of this version?");
        }
        return v.textValue();
    }
}
