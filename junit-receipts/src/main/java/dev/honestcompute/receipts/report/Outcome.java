package dev.honestcompute.receipts.report;

import java.util.Locale;

/** How a check came out, as the report colours it. */
enum Outcome {
    PASS("pass"), FAIL("fail"), WARN("warn"), INFO("info");

    private final String css;

    Outcome(String css) {
        this.css = css;
    }

    /** CSS class and lower-case word. */
    String css() {
        return css;
    }

    /** Maps the words other sections use (passed, FAILED, ok, regression, not_applicable, ...) to an outcome. */
    static Outcome of(String word) {
        if (word == null) {
            return INFO;
        }
        switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "pass":
            case "passed":
            case "ok":
            case "match":
            case "improved":
            case "true":
                return PASS;
            case "fail":
            case "failed":
            case "regression":
            case "mismatch":
            case "error":
            case "false":
                return FAIL;
            case "warn":
            case "warning":
            case "not_comparable":
            case "no_baseline":
            case "not_applicable":
                return WARN;
            default:
                return INFO;
        }
    }
}
