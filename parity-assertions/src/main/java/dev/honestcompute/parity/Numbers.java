package dev.honestcompute.parity;

import java.util.Locale;

/** Formats derived numbers (differences, limits, ratios) the way Python's {@code %g} does: 1e-05, 0.2, 1.3e-06. */
final class Numbers {

    private Numbers() {}

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa = mantissa.substring(0, mantissa.length() - 1);
            }
        }
        return mantissa + exponent;
    }

    /** Percentage with up to 6 significant digits: 0.3%. */
    static String percent(double ratio) {
        return format(ratio * 100) + "%";
    }
}
