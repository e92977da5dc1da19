package dev.honestcompute.receipts.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * The minimal host description written into receipts and the run summary (java version and vendor, os, arch,
 * cores). Kept behind {@link #section()} so the full {@code receipts.host.HostFingerprint} can replace it in one
 * place.
 */
public final class HostInfo {

    private static final ObjectNode SECTION = create();

    private HostInfo() {
    }

    /** A fresh copy of the {@code host} section. */
    public static ObjectNode section() {
        return SECTION.deepCopy();
    }

    /** The BitNet-style {@code OS} value, e.g. {@code linux-amd64}. */
    public static String osTag() {
        return SECTION.path("os").asText() + "-" + SECTION.path("arch").asText();
    }

    private static ObjectNode create() {
        ObjectNode host = ReceiptJson.mapper().createObjectNode();
        host.put("java_version", System.getProperty("java.version", ""));
        host.put("java_vendor", System.getProperty("java.vendor", ""));
        host.put("os", System.getProperty("os.name", "").toLowerCase(Locale.ROOT).replace(' ', '_'));
        host.put("arch", System.getProperty("os.arch", ""));
        host.put("cores", Runtime.getRuntime().availableProcessors());
        return host;
    }
}
