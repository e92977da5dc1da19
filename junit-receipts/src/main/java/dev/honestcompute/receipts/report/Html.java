package dev.honestcompute.receipts.report;

/** HTML escaping: every piece of text from a receipt or summary goes through here before it reaches the page. */
final class Html {

    private Html() {
    }

    /** Escapes text for element content and double-quoted attribute values. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // Control characters other than tab/newline are not valid in HTML text.
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        sb.append("\uFFFD");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
