package dev.honestcompute.receipts.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** Number formatting and tolerant number reading for both report formats (locale-independent). */
final class Numbers {

    private Numbers() {
    }

    /** Four significant digits, plain notation for everyday magnitudes; "NaN" and infinities spelled out. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        if (a != 0 && (a < 1e-3 || a >= 1e7)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** Kernel time: nanoseconds as milliseconds, or "not timed" for the recorder's -1. */
    static String nanosAsMillis(long nanos) {
        return nanos < 0 ? "not timed" : format(nanos / 1e6) + " ms";
    }

    /**
     * Kernel time as {@link #nanosAsMillis}, saying when it covers only a sample of the calls (recorder timing
     * {@code sampled}): "0.8 ms over 16 of 256 calls". Never extrapolated: the report shows what was measured.
     */
    static String kernelTime(long nanos, long timedCalls, long allCalls) {
        String t = nanosAsMillis(nanos);
        return nanos >= 0 && timedCalls < allCalls ? t + " over " + timedCalls + " of " + allCalls + " calls" : t;
    }

    /** Relative change of a ratio (current / baseline) as a signed percentage, e.g. "+12.5%". */
    static String deltaPercent(double ratio) {
        double pct = (ratio - 1) * 100;
        return (pct >= 0 ? "+" : "") + String.format(Locale.ROOT, "%.1f%%", pct);
    }

    /** A number field, accepting JSON numbers and numeric strings ("NaN" included); NaN when absent or not numeric. */
    static double read(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.textValue().trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** The first of {@code names} that holds a number, or NaN. */
    static double first(JsonNode object, String... names) {
        for (String n : names) {
            double v = read(object.get(n));
            if (!Double.isNaN(v) || (object.has(n) && "NaN".equals(object.get(n).asText()))) {
                return v;
            }
        }
        return Double.NaN;
    }
}
