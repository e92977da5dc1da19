package dev.honestcompute.recorder.internal;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The load-time half of sealing: a class from outside the agent's jar (and outside Honest Compute's own modules) is a
 * forgery when it declares itself in one of the recorder's packages or when its class file names the recorder's
 * runtime — a class or member reference, a descriptor, or a string constant (how reflection starts). Only a byte
 * search over the class file, so classes that do not mention Honest Compute cost a few microseconds at load and
 * nothing afterwards.
 */
final class ForgeryScan {

    /** Runtime packages no one but the agent may name, in both spellings. */
    private static final String[] RUNTIME = {
        "dev/honestcompute/recorder/internal/", "dev.honestcompute.recorder.internal.",
        "dev/honestcompute/recorder/boot/", "dev.honestcompute.recorder.boot.",
        "dev/honestcompute/recorder/shaded/", "dev.honestcompute.recorder.shaded."};
    private static final byte[] NEEDLE = "honestcompute".getBytes(StandardCharsets.US_ASCII);

    private ForgeryScan() {
    }

    /**
     * Why the class is a forgery, or {@code null}.
     *
     * @param agentPackages the packages of the agent's jar (binary names, dotted)
     */
    static String check(String className, byte[] bytes, Set<String> agentPackages) {
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : className.substring(0, dot);
        if (agentPackages.contains(pkg)) {
            return "declares itself in the recorder's package " + pkg + " but was not loaded from the recorder's jar";
        }
        for (int i = indexOf(bytes, 0); i >= 0; i = indexOf(bytes, i + 1)) {
            int from = Math.max(0, i - 4);
            for (String prefix : RUNTIME) {
                int at = find(bytes, from, i + NEEDLE.length + 64, prefix);
                if (at >= 0) {
                    return "references the recorder's runtime (" + name(bytes, at) + ")";
                }
            }
        }
        return null;
    }

    private static int indexOf(byte[] bytes, int from) {
        outer:
        for (int i = from; i + NEEDLE.length <= bytes.length; i++) {
            for (int k = 0; k < NEEDLE.length; k++) {
                if (bytes[i + k] != NEEDLE[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int find(byte[] bytes, int from, int to, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        int end = Math.min(bytes.length - p.length, to);
        outer:
        for (int i = from; i <= end; i++) {
            for (int k = 0; k < p.length; k++) {
                if (bytes[i + k] != p[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The name starting at {@code at}: identifier characters, dots, slashes and {@code $}. */
    private static String name(byte[] bytes, int at) {
        int end = at;
        while (end < bytes.length && end - at < 200) {
            int b = bytes[end] & 0xFF;
            if (!(Character.isLetterOrDigit(b) || b == '.' || b == '/' || b == '$' || b == '_')) {
                break;
            }
            end++;
        }
        return new String(bytes, at, end - at, StandardCharsets.US_ASCII).replace('/', '.');
    }
}
