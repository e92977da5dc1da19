package dev.honestcompute.receipts.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.honestcompute.fixtures.hash.Sha256;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical JSON form that replay hashes are computed over, so two runs that mean the same thing hash the same:
 * <ul>
 *   <li>object keys sorted by {@link String#compareTo} (UTF-16 code units, as RFC 8785), duplicate keys rejected</li>
 *   <li>no insignificant whitespace</li>
 *   <li>numbers parsed exactly as decimals and normalized: trailing zeros stripped, integral values written as plain
 *       integers ({@code 1.0}, {@code 1e0} and {@code 1} are all {@code 1}; {@code -0} is {@code 0}), other values in
 *       plain decimal notation ({@code 2.50e-1} is {@code 0.25}); NaN/Infinity cannot occur (not JSON)</li>
 *   <li>strings in Jackson's JSON escaping ({@code "}, {@code \} and control characters escaped, the rest as UTF-8)</li>
 *   <li>array order kept (it is significant)</li>
 * </ul>
 * The hash is SHA-256 over the canonical UTF-8 bytes, as lowercase hex. Parsing uses the shared receipt JSON
 * configuration ({@link ReceiptJson}: exact decimals, duplicate keys rejected, size/depth limits).
 *
 * <pre>{@code
 * String sha = CanonicalJson.sha256(CanonicalJson.parse("{\"b\":1.0,\"a\":[true]}")); // over {"a":[true],"b":1}
 * }</pre>
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = ReceiptJson.mapper();

    private CanonicalJson() {
    }

    /** Parses JSON text exactly (decimal numbers, duplicate keys rejected). */
    public static JsonNode parse(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    /** Converts any Jackson-mappable value (records, maps) into a tree with exact numbers. */
    public static JsonNode toTree(Object value) {
        try {
            return parse(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot convert " + value.getClass().getName() + " to JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The canonical text. */
    public static String write(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        append(node, sb);
        return sb.toString();
    }

    /** SHA-256 (lowercase hex) of the canonical UTF-8 bytes. */
    public static String sha256(JsonNode node) {
        return Sha256.of(write(node).getBytes(StandardCharsets.UTF_8));
    }

    /** The normalized text of a number (see class doc). */
    static String number(JsonNode n) {
        BigDecimal d = n.decimalValue().stripTrailingZeros();
        if (d.signum() == 0) {
            return "0";
        }
        if (d.scale() <= 0) {
            return d.toBigIntegerExact().toString();
        }
        return d.toPlainString();
    }

    private static void append(JsonNode node, StringBuilder sb) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> keys = new ArrayList<>();
                node.fieldNames().forEachRemaining(keys::add);
                keys.sort(null);
                sb.append('{');
                for (int i = 0; i < keys.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    sb.append(quote(keys.get(i))).append(':');
                    append(node.get(keys.get(i)), sb);
                }
                sb.append('}');
            }
            case ARRAY -> {
                sb.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    append(node.get(i), sb);
                }
                sb.append(']');
            }
            case NUMBER -> sb.append(number(node));
            case STRING -> sb.append(quote(node.textValue()));
            case BOOLEAN -> sb.append(node.booleanValue());
            case NULL -> sb.append("null");
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
