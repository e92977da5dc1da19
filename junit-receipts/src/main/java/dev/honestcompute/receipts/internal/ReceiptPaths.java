package dev.honestcompute.receipts.internal;

import dev.honestcompute.fixtures.hash.Sha256;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a test's receipt goes, and the one file-name sanitizer of the project.
 *
 * <p>Layout: {@code <dir>/<class>/<name>.json}. A plain test method is named after the method. A method that is
 * overloaded in its class, a parameterized/repeated invocation and a dynamic test get a suffix that cannot collide
 * with any Java identifier ({@code -}), the invocation index path, the sanitized display name and a short hash of the
 * unique id, e.g. {@code squares-3-input_4-1a2b3c4d.json}. The unique-id hash makes names unique; the rest makes them
 * readable.
 */
public final class ReceiptPaths {

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final Pattern INDEX = Pattern.compile("\\[(?:test-template-invocation|dynamic-test|dynamic-container):#(\\d+)]");
    private static final Set<String> WINDOWS_RESERVED = Set.of("con", "prn", "aux", "nul",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");
    static final int MAX_DISPLAY_CHARS = 48;
    static final int MAX_SEGMENT_CHARS = 150;

    private ReceiptPaths() {
    }

    /**
     * Path of a test's receipt.
     *
     * @param dir         the receipts directory
     * @param className   the test class's binary name, e.g. {@code com.acme.MatmulTest$Nested}
     * @param methodName  the test (or test factory/template) method name
     * @param plain       whether this is a plain, non-overloaded test method (then the file is {@code <method>.json})
     * @param displayName the test's display name
     * @param uniqueId    the test's JUnit unique id
     */
    public static Path receiptPath(Path dir, String className, String methodName, boolean plain,
                                   String displayName, String uniqueId) {
        return dir.resolve(sanitize(className)).resolve(fileName(methodName, plain, displayName, uniqueId));
    }

    static String fileName(String methodName, boolean plain, String displayName, String uniqueId) {
        String method = sanitize(methodName);
        if (plain) {
            return method + ".json";
        }
        StringBuilder name = new StringBuilder(method);
        String indices = invocationIndices(uniqueId);
        if (!indices.isEmpty()) {
            name.append('-').append(indices);
        }
        String display = sanitize(displayName);
        if (display.length() > MAX_DISPLAY_CHARS) {
            display = display.substring(0, MAX_DISPLAY_CHARS);
        }
        name.append('-').append(display).append('-').append(shortHash(uniqueId));
        return name + ".json";
    }

    /** Invocation indices along the unique id, e.g. {@code 2.5} for container #2, test #5; empty for none. */
    static String invocationIndices(String uniqueId) {
        Matcher m = INDEX.matcher(uniqueId);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(m.group(1));
        }
        return out.toString();
    }

    /**
     * Turns any text into one safe path segment: NFC-normalized, only {@code [A-Za-z0-9._-]} (runs of anything
     * else become one {@code _}), no leading dot (so never {@code .} or {@code ..}), not a Windows device name,
     * never empty, at most {@value #MAX_SEGMENT_CHARS} characters.
     */
    public static String sanitize(String text) {
        String s = text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFC);
        s = UNSAFE.matcher(s).replaceAll("_");
        while (s.startsWith(".")) {
            s = "_" + s.substring(1);
        }
        if (s.isEmpty()) {
            s = "_";
        }
        String base = s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
        if (WINDOWS_RESERVED.contains(base.toLowerCase(Locale.ROOT))) {
            s = "_" + s;
        }
        if (s.length() > MAX_SEGMENT_CHARS) {
            s = s.substring(0, MAX_SEGMENT_CHARS - 9) + "-" + shortHash(text);
        }
        return s;
    }

    static String shortHash(String text) {
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }
}
