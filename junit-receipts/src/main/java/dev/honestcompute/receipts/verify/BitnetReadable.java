package dev.honestcompute.receipts.verify;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HC046: what BitNet.rs reads as unreadable although our reader accepts it. BitNet.rs reads a receipt with
 * {@code fs::read_to_string} (strict UTF-8, a byte-order mark kept as a character) and {@code serde_json::from_str}
 * (no BOM, no NUL, paired {@code \\u} surrogates only, every number within double range). Jackson skips a UTF-8
 * BOM, detects UTF-16/32, keeps lone surrogates and reads {@code 1e400} as a BigDecimal, so without this check such a
 * receipt would be verified where BitNet.rs stops with {@code Failed to read receipt} or {@code Invalid JSON in
 * receipt}. The messages start with BitNet.rs's outermost message; the reason after it is serde_json's or
 * std's, without serde_json's line and column.
 */
final class BitnetReadable {

    /** A problem found: where (a JSON pointer, {@code ""} for the whole file) and BitNet.rs's message. */
    record Problem(String field, JsonNode found, String message) {
    }

    private BitnetReadable() {
    }

    /** The problem with the file's bytes as BitNet.rs reads them, or {@code null}. */
    static Problem inBytes(byte[] bytes, String source) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            return new Problem("", null, "Failed to read receipt: " + source + ": stream did not contain valid UTF-8");
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new Problem("", null, "Invalid JSON in receipt: " + source
                    + ": expected value at line 1 column 1 (a UTF-8 byte-order mark)");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return new Problem("", null, "Invalid JSON in receipt: " + source + ": a NUL byte at offset " + i
                        + " (the file is not UTF-8 JSON; UTF-16 or UTF-32?)");
            }
        }
        return null;
    }

    /** The first string with an unpaired surrogate or number beyond double range, or {@code null}. */
    static Problem inTree(JsonNode root, String source) {
        return walk(root, "", source);
    }

    private static Problem walk(JsonNode node, String at, String source) {
        if (node.isTextual() && unpairedSurrogate(node.textValue())) {
            return new Problem(at, node, "Invalid JSON in receipt: " + source + ": lone leading surrogate in hex "
                    + "escape");
        }
        if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            return new Problem(at, node, "Invalid JSON in receipt: " + source + ": number out of range");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Problem p = walk(node.get(i), Findings.pointer(at, i), source);
                if (p != null) {
                    return p;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String child = Findings.pointer(at, e.getKey());
                if (unpairedSurrogate(e.getKey())) {
                    return new Problem(child, null, "Invalid JSON in receipt: " + source + ": lone leading "
                            + "surrogate in hex escape (in a field name)");
                }
                Problem p = walk(e.getValue(), child, source);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static boolean unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
