package dev.honestcompute.receipts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.ReceiptRule;

import java.util.Map;
import java.util.Set;

/** HC022–HC025: test results, corrections, performance numbers. */
final class OutcomeChecks {

    /** Fields of our {@code performance} section that must be strictly positive (others: finite and >= 0). */
    static final Set<String> POSITIVE_PERFORMANCE_FIELDS = Set.of("total_time_ms", "units_per_second",
            "tokens_per_second", "measured_iterations", "total_units", "samples_ms", "min_ms", "max_ms", "mean_ms",
            "p50_ms", "p95_ms", "median_ms");
    /** Parts of a performance entry that are not measurements. */
    static final Set<String> NOT_MEASURED = Set.of(ReceiptFields.HOST, ReceiptFields.KERNELS);

    private OutcomeChecks() {
    }

    /** HC022, HC023. Absent test_results is a violation under the default policy only. */
    static void testResults(Subject s, Findings f) {
        JsonNode results = s.get(ReceiptFields.TEST_RESULTS);
        String ptr = "/" + ReceiptFields.TEST_RESULTS;
        if (results.isMissingNode() && s.isBitnet()) {
            return;
        }
        if (!results.isObject()) {
            f.error(ReceiptRule.TESTS_FAILED, ptr, results, "test_results must be an object with total_tests, "
                    + "passed, failed, skipped; found " + Findings.typeName(results));
            return;
        }
        JsonNode failed = results.path(ReceiptFields.FAILED);
        String failedPtr = ptr + "/" + ReceiptFields.FAILED;
        if (!ObservationChecks.isLong(failed) || failed.longValue() < 0) {
            f.error(ReceiptRule.TESTS_FAILED, failedPtr, failed, "test_results.failed must be a non-negative "
                    + "integer, found " + (failed.isNumber() ? failed.toString() : Findings.typeName(failed)));
        } else if (failed.longValue() != 0) {
            f.error(ReceiptRule.TESTS_FAILED, failedPtr, failed, failed.longValue() + " test(s) failed; a receipt "
                    + "needs 0 failed tests");
        }
        JsonNode status = s.get(ReceiptFields.TEST).path(ReceiptFields.STATUS);
        if (!s.isBitnet() && status.isTextual() && !status.textValue().equals(ReceiptFields.PASSED)
                && !(failed.isIntegralNumber() && failed.longValue() > 0)) {
            f.error(ReceiptRule.TESTS_FAILED, "/" + ReceiptFields.TEST + "/" + ReceiptFields.STATUS, status,
                    "the test ended '" + status.textValue() + "', not 'passed'; the receipt is evidence of that run,"
                            + " never a passing receipt");
        }
        long sum = 0;
        boolean countsValid = true;
        for (String name : new String[] {ReceiptFields.PASSED, ReceiptFields.SKIPPED, ReceiptFields.TOTAL_TESTS}) {
            JsonNode n = results.path(name);
            if (n.isMissingNode()) {
                countsValid = false;
                continue;
            }
            if (!ObservationChecks.isLong(n) || n.longValue() < 0) {
                f.error(ReceiptRule.TEST_COUNTS, ptr + "/" + name, n, "test_results." + name + " must be a "
                        + "non-negative integer, found " + (n.isNumber() ? n.toString() : Findings.typeName(n)));
                countsValid = false;
            } else if (!name.equals(ReceiptFields.TOTAL_TESTS)) {
                sum += n.longValue();
            }
        }
        if (countsValid && ObservationChecks.isLong(failed) && failed.longValue() >= 0) {
            long total = results.path(ReceiptFields.TOTAL_TESTS).longValue();
            sum += failed.longValue();
            if (total != sum) {
                f.error(ReceiptRule.TEST_COUNTS, ptr + "/" + ReceiptFields.TOTAL_TESTS,
                        results.path(ReceiptFields.TOTAL_TESTS), "total_tests is " + total + " but passed + failed + "
                                + "skipped is " + sum);
            }
        }
    }

    /** HC024. Absent corrections is a violation under the default policy only (our receipts always write []). */
    static void corrections(Subject s, Findings f) {
        JsonNode c = s.get(ReceiptFields.CORRECTIONS);
        String ptr = "/" + ReceiptFields.CORRECTIONS;
        if (c.isMissingNode() && s.isBitnet()) {
            return;
        }
        if (!c.isArray()) {
            f.error(ReceiptRule.CORRECTIONS_NOT_EMPTY, ptr, c, "corrections must be an empty array, found "
                    + Findings.typeName(c));
        } else if (!c.isEmpty()) {
            f.error(ReceiptRule.CORRECTIONS_NOT_EMPTY, ptr, c, c.size() + " correction(s) applied; production "
                    + "receipts must have none");
        }
    }

    /** HC025. performance_baseline (BitNet), top-level tokens_per_second (BitNet benchmark), our performance. */
    static void performance(Subject s, Findings f) {
        JsonNode top = s.get("tokens_per_second");
        if (!top.isMissingNode()) {
            positive(f, "/tokens_per_second", top);
        }
        JsonNode baseline = s.get(ReceiptFields.PERFORMANCE_BASELINE);
        String ptr = "/" + ReceiptFields.PERFORMANCE_BASELINE;
        if (!baseline.isMissingNode()) {
            if (!baseline.isObject()) {
                f.error(ReceiptRule.PERFORMANCE_NUMBER, ptr, baseline, "performance_baseline must be an object, found "
                        + Findings.typeName(baseline));
            } else {
                if (!baseline.has("tokens_per_second")) {
                    f.error(ReceiptRule.PERFORMANCE_NUMBER, ptr + "/tokens_per_second", null,
                            "performance_baseline has no tokens_per_second");
                }
                for (Map.Entry<String, JsonNode> e : baseline.properties()) {
                    if (!e.getValue().isNull()) { // null = not measured (e.g. first-token latency of a non-stream)
                        positive(f, Findings.pointer(ptr, e.getKey()), e.getValue());
                    }
                }
            }
        }
        JsonNode perf = s.get(ReceiptFields.PERFORMANCE);
        String perfPtr = "/" + ReceiptFields.PERFORMANCE;
        if (perf.isMissingNode() || perf.isNull()) {
            return;
        }
        if (perf.isObject() && perf.path("measurements").isArray()) {
            perf = perf.path("measurements");
            perfPtr = perfPtr + "/measurements";
        }
        if (perf.isArray()) {
            for (int i = 0; i < perf.size(); i++) {
                measurement(f, Findings.pointer(perfPtr, i), perf.get(i), false);
            }
        } else if (perf.isObject()) {
            measurement(f, perfPtr, perf, false);
        } else {
            f.error(ReceiptRule.PERFORMANCE_NUMBER, perfPtr, perf, "performance must be an object or an array of "
                    + "measurements, found " + Findings.typeName(perf));
        }
    }

    private static void measurement(Findings f, String ptr, JsonNode node, boolean mustBePositive) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (NOT_MEASURED.contains(e.getKey())) {
                    continue;
                }
                boolean positive = mustBePositive || POSITIVE_PERFORMANCE_FIELDS.contains(e.getKey())
                        || e.getKey().equals("latency");
                JsonNode v = e.getValue();
                String at = Findings.pointer(ptr, e.getKey());
                if (positive && !v.isContainerNode() && !v.isNull()) {
                    positive(f, at, v);
                } else {
                    measurement(f, at, v, positive);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = node.get(i);
                if (mustBePositive && !v.isContainerNode()) {
                    positive(f, Findings.pointer(ptr, i), v);
                } else {
                    measurement(f, Findings.pointer(ptr, i), v, mustBePositive);
                }
            }
        } else if (node.isNumber()) {
            double d = node.doubleValue();
            if (!Double.isFinite(d) || d < 0) {
                f.error(ReceiptRule.PERFORMANCE_NUMBER, ptr, node, "performance number must be finite and >= 0, found "
                        + node);
            }
        }
    }

    private static void positive(Findings f, String ptr, JsonNode v) {
        if (!v.isNumber()) {
            f.error(ReceiptRule.PERFORMANCE_NUMBER, ptr, v, "expected a finite number > 0, found " + Findings.typeName(v)
                    + (v.isTextual() ? " '" + v.textValue() + "'" : ""));
            return;
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            f.error(ReceiptRule.PERFORMANCE_NUMBER, ptr, v, "expected a finite number > 0, found " + v
                    + ", which is not finite as a double");
        } else if (d <= 0) {
            f.error(ReceiptRule.PERFORMANCE_NUMBER, ptr, v, "expected a finite number > 0, found " + v
                    + (d < 0 ? " (negative: the measurement failed)" : " (zero: nothing was measured)"));
        }
    }
}
