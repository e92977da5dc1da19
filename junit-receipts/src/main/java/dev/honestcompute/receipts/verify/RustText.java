package dev.honestcompute.receipts.verify;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How Rust sees a string, where it differs from Java: {@code str::trim} (Unicode White_Space, which includes the
 * no-break spaces {@link String#isBlank()} does not treat as blank, and excludes U+001C..U+001F, which it does),
 * {@code str::len} (UTF-8 bytes, not UTF-16 units) and {@code {:?}} (the Debug form BitNet.rs prints kernel lists
 * in). Used to reproduce BitNet.rs's {@code verify-receipt} exactly.
 */
final class RustText {

    private RustText() {
    }

    /**
     * Rust's {@code char::is_whitespace}: the Unicode White_Space property, 25 code points (PropList.txt). Java's
     * {@link Character#isWhitespace} misses U+0085, U+00A0, U+2007 and U+202F and adds U+001C..U+001F.
     */
    static boolean isWhitespace(int c) {
        return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /** {@code s.trim().is_empty()}. */
    static boolean isBlank(String s) {
        return s.codePoints().allMatch(RustText::isWhitespace);
    }

    /** {@code s.len()}: the UTF-8 length in bytes. */
    static int byteLength(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** {@code format!("{:?}", list)} for a {@code Vec<&str>} or {@code Vec<String>}: {@code ["a", "b"]}. */
    static String debugList(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(debug(items.get(i)));
        }
        return sb.append(']').toString();
    }

    /**
     * {@code format!("{:?}", values)} for a {@code Vec<serde_json::Value>} of strings, which serde_json's Debug
     * prints as {@code [String("a"), String("b")]}.
     */
    static String debugJsonStrings(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append("String(").append(debug(items.get(i))).append(')');
        }
        return sb.append(']').toString();
    }

    /**
     * {@code format!("{:?}", s)} for a {@code &str}: quoted; {@code \0 \t \r \n \\ \"} escaped; characters Rust does
     * not print (control, format, surrogate, private-use, unassigned, line/paragraph separators, spaces other than
     * U+0020) and combining marks (approximating Grapheme_Extend) as a backslash, {@code u} and the hex code in
     * braces. The character tables are the JDK's, so a character assigned in one Unicode version and not the other may
     * print differently.
     */
    static String debug(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case 0 -> sb.append("\\0");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                default -> {
                    if (printable(c)) {
                        sb.appendCodePoint(c);
                    } else {
                        sb.append("\\u{").append(Integer.toHexString(c)).append('}');
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    private static boolean printable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> false;
            default -> true;
        };
    }
}
