package dev.honestcompute.recorder.evidence.internal;

/** Short, bounded lists for the details people read in receipts. Not API. */
public final class Listing {

    private Listing() {
    }

    /** {@code items} joined by ", ", at most {@code max} of them, then "and N more". */
    public static String of(Iterable<String> items, int max) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        int more = 0;
        for (String item : items) {
            if (shown < max) {
                sb.append(shown == 0 ? "" : ", ").append(item);
                shown++;
            } else {
                more++;
            }
        }
        if (more > 0) {
            sb.append(" and ").append(more).append(" more");
        }
        return sb.toString();
    }
}
