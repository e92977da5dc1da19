package dev.honestcompute.recorder.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader (RFC 8259) for the kernels config, because kernel-recorder has no JSON library.
 * Objects become {@code LinkedHashMap}, arrays {@code ArrayList}, numbers {@code Long} or {@code Double}. Duplicate
 * keys (compared after unescaping, so {@code "a"} and {@code "\u0061"} are the same key), trailing commas, comments
 * and trailing content are errors naming the source and line:column. Input is bounded: at most
 * {@value #MAX_DEPTH} levels of nesting (the parser recurses, so a deeper document would overflow the stack) and
 * {@value #MAX_CHARS} characters. Public for the evidence sources ({@code recorder.evidence.*}, e.g. ONNX
 * Runtime's profile); not API.
 */
public final class Json {

    /** Deepest nesting of arrays and objects accepted; a kernels config needs 4. */
    static final int MAX_DEPTH = 64;
    /** Longest document accepted, in characters. */
    static final int MAX_CHARS = 16 * 1024 * 1024;

    private final String text;
    private final String source;
    private int pos;
    private int depth;

    private Json(String text, String source) {
        this.text = text;
        this.source = source;
    }

    public static Object parse(String text, String source) {
        if (text.length() > MAX_CHARS) {
            throw new KernelsConfigException(source + ": invalid JSON: the document has " + text.length()
                    + " characters, more than the " + MAX_CHARS + " accepted");
        }
        Json json = new Json(text, source);
        json.skipWhitespace();
        Object value = json.value("");
        json.skipWhitespace();
        if (json.pos != text.length()) {
            throw json.error("expected end of document after the top-level value");
        }
        return value;
    }

    private Object value(String pointer) {
        if (pos >= text.length()) {
            throw error("expected a value at '" + pointer + "' but the document ended");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(pointer);
            case '[':
                return array(pointer);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("expected a value (object, array, string, number, true, false, null) at '" + pointer
                        + "', found '" + c + "'");
        }
    }

    private void enter(String pointer) {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels at '" + pointer + "'; a kernels config needs"
                    + " only a few");
        }
    }

    private Map<String, Object> object(String pointer) {
        enter(pointer);
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a quoted member name in the object at '" + pointer + "'");
            }
            String key = string();
            if (map.containsKey(key)) {
                throw error("duplicate member '" + key + "' in the object at '" + pointer + "'");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            map.put(key, value(pointer + "/" + key));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                depth--;
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in the object at '" + pointer + "'");
            }
        }
    }

    private List<Object> array(String pointer) {
        enter(pointer);
        List<Object> list = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(pointer + "/" + list.size()));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                depth--;
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in the array at '" + pointer + "'");
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in string (escape it)");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u':
                    if (pos + 4 > text.length()) {
                        throw error("truncated \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("invalid \\u escape '" + text.substring(pos, pos + 4) + "'");
                    }
                    pos += 4;
                    break;
                default:
                    pos--;
                    throw error("invalid escape '\\" + e + "'");
            }
        }
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (Character.isDigit(peek())) {
            while (Character.isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("invalid number");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!Character.isDigit(peek())) {
                throw error("expected digits after '.'");
            }
            while (Character.isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!Character.isDigit(peek())) {
                throw error("expected digits in the exponent");
            }
            while (Character.isDigit(peek())) {
                pos++;
            }
        }
        String n = text.substring(start, pos);
        try {
            return integral ? (Object) Long.parseLong(n) : (Object) Double.parseDouble(n);
        } catch (NumberFormatException ex) {
            throw error("number out of range: " + n);
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("expected '" + word + "'");
        }
        pos += word.length();
        return value;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    private KernelsConfigException error(String message) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new KernelsConfigException(source + ":" + line + ":" + col + ": invalid JSON: " + message);
    }
}
