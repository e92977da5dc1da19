package dev.honestcompute.receipts.report;

import java.util.List;
import java.util.Locale;

/**
 * The inline SVG chart of performance against baseline: one row per measurement, a bar for the ratio of current to
 * baseline time per unit (1 is the baseline, right of it is slower), the threshold band around 1, the confidence
 * interval as a whisker, and the verdict's colour. Measurements without a baseline get a labelled empty row.
 */
final class PerfChart {

    /** One row: which test and measurement. */
    record Row(String test, PerfMeasurement measurement) {
    }

    private static final int WIDTH = 1000;
    private static final int LABEL_W = 400;
    private static final int PLOT_W = 380;
    private static final int ROW_H = 26;
    private static final int TOP = 30;
    private static final double MAX_SHOWN_RATIO = 10;

    private PerfChart() {
    }

    static String svg(List<Row> rows) {
        double max = 2;
        for (Row r : rows) {
            max = Math.max(max, finiteOr(r.measurement().ciHigh(), 0) * 1.1);
            max = Math.max(max, finiteOr(r.measurement().ratio(), 0) * 1.1);
        }
        max = Math.min(Math.ceil(max * 2) / 2, MAX_SHOWN_RATIO);
        int height = TOP + rows.size() * ROW_H + 30;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg id=\"perf-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" aria-label=\"Performance against baseline: ratio of current to baseline "
                        + "time per unit, 1 is the baseline, higher is slower\">");
        sb.append("<title>Performance against baseline (time per unit, current / baseline)</title>");
        // Axis ticks at every 0.5 (or 1 when the scale is wide).
        double step = max > 4 ? 1 : 0.5;
        for (double t = 0; t <= max + 1e-9; t += step) {
            double x = x(t, max);
            sb.append(line(x, TOP - 6, x, TOP + rows.size() * ROW_H, "#e0e0e0", 1, null));
            sb.append(text(x, TOP - 10, "middle", "axis", fmt(t) + "x"));
        }
        int plotBottom = TOP + rows.size() * ROW_H;
        for (int i = 0; i < rows.size(); i++) {
            PerfMeasurement m = rows.get(i).measurement();
            double y = TOP + i * ROW_H;
            String label = rows.get(i).test() + " · " + m.name();
            String shortLabel = simpleName(rows.get(i).test()) + " · " + m.name();
            sb.append("<g class=\"perf-row\" data-verdict=\"").append(Html.esc(m.verdict())).append("\">");
            sb.append("<title>").append(Html.esc(label + ": " + m.message())).append("</title>");
            sb.append(text(LABEL_W - 8, y + ROW_H * 0.65, "end", "label", shorten(shortLabel, 58)));
            if (m.compared() && Double.isFinite(m.ratio())) {
                double t = m.threshold();
                if (Double.isFinite(t) && t > 0 && t < 1) {
                    double x0 = x(1 - t, max);
                    sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
                            + "fill=\"#eeeeee\"/>", x0, y + 2, x(Math.min(1 + t, max), max) - x0, ROW_H - 4));
                }
                double ratio = Math.min(m.ratio(), max);
                sb.append(String.format(Locale.ROOT, "<rect class=\"perf-bar\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" "
                        + "height=\"%d\" fill=\"%s\"/>", LABEL_W, y + 6, Math.max(1, x(ratio, max) - LABEL_W),
                        ROW_H - 12, colour(m.outcome())));
                if (Double.isFinite(m.ciLow()) && Double.isFinite(m.ciHigh())) {
                    double lo = x(Math.min(m.ciLow(), max), max);
                    double hi = x(Math.min(m.ciHigh(), max), max);
                    double mid = y + ROW_H / 2.0;
                    sb.append(line(lo, mid, hi, mid, "#212121", 1.5, null));
                    sb.append(line(lo, mid - 5, lo, mid + 5, "#212121", 1.5, null));
                    sb.append(line(hi, mid - 5, hi, mid + 5, "#212121", 1.5, null));
                }
                String clipped = m.ratio() > max ? " (off scale)" : "";
                sb.append(text(LABEL_W + PLOT_W + 10, y + ROW_H * 0.65, "start", "value",
                        fmt(m.ratio()) + "x " + Numbers.deltaPercent(m.ratio()) + " " + m.verdict() + clipped));
            } else {
                // Nothing to draw against 1x: say why, and show what was measured so the row still informs.
                String why = m.compared() ? "comparison without a ratio (" + m.verdict() + ")" : "no baseline to compare with";
                String measured = Double.isFinite(m.unitsPerSecond())
                        ? " · measured " + Numbers.format(m.unitsPerSecond()) + " " + m.unit() + "/s"
                        + (Double.isFinite(m.p50Ms()) ? ", p50 " + Numbers.format(m.p50Ms()) + " ms" : "") : "";
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%d\" "
                        + "fill=\"#ffffff\"/>", LABEL_W + 1, y + 2, PLOT_W + 200, ROW_H - 4));
                sb.append(text(LABEL_W + 6, y + ROW_H * 0.65, "start", "none", why + measured));
            }
            sb.append("</g>");
        }
        double one = x(1, max);
        sb.append(line(one, TOP - 6, one, plotBottom, "#1565c0", 2, "5,3"));
        sb.append(text(one, plotBottom + 16, "middle", "axis", "baseline"));
        sb.append(text(LABEL_W + PLOT_W, plotBottom + 16, "end", "axis", "slower →"));
        sb.append("</svg>");
        return sb.toString();
    }

    static String colour(Outcome o) {
        switch (o) {
            case PASS:
                return "#2e7d32";
            case FAIL:
                return "#c62828";
            case WARN:
                return "#ef6c00";
            default:
                return "#607d8b";
        }
    }

    private static double x(double ratio, double max) {
        return LABEL_W + ratio / max * PLOT_W;
    }

    private static String line(double x1, double y1, double x2, double y2, String stroke, double width, String dash) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-width=\"%.1f\"%s/>", x1, y1, x2, y2, stroke, width,
                dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    private static String text(double x, double y, String anchor, String cls, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">%s</text>",
                x, y, anchor, cls, Html.esc(content));
    }

    /** "com.acme.MatmulTest#simd" → "MatmulTest#simd": the package is in the tooltip and the tests table. */
    private static String simpleName(String test) {
        int hash = test.indexOf('#');
        int dot = test.lastIndexOf('.', hash < 0 ? test.length() : hash);
        return dot < 0 ? test : test.substring(dot + 1);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("0$", "").replaceAll("\\.0?$", "");
    }

    private static double finiteOr(double v, double otherwise) {
        return Double.isFinite(v) ? v : otherwise;
    }
}
