package dev.honestcompute.receipts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.ReceiptRule;
import dev.honestcompute.recorder.Backend;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HC001–HC004: schema version, timestamp, compute path, backend. */
final class HeaderChecks {

    /** The major schema version this verifier knows; see reference/004 for the versioning rules. */
    static final int KNOWN_MAJOR = 1;
    static final int KNOWN_MINOR = 0;
    private static final Pattern VERSION = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?");
    /** BitNet.rs accepts exactly these backends. */
    /** Sorted, so messages that print the set read the same in every run. */
    static final Set<String> BITNET_BACKENDS =
            java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(Set.of("cpu", "cuda", "metal")));
    private static final Pattern BACKEND_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private HeaderChecks() {
    }

    static void schemaVersion(Subject s, Findings f) {
        String ptr = "/" + ReceiptFields.SCHEMA_VERSION;
        JsonNode v = s.get(ReceiptFields.SCHEMA_VERSION);
        if (!v.isTextual()) {
            f.error(ReceiptRule.SCHEMA_VERSION, ptr, v, "schema_version must be a string such as \"1.0.0\", found "
                    + Findings.typeName(v));
            return;
        }
        Matcher m = VERSION.matcher(v.textValue());
        if (!m.matches()) {
            f.error(ReceiptRule.SCHEMA_VERSION, ptr, v, "schema_version '" + v.textValue()
                    + "' is not MAJOR.MINOR[.PATCH]");
            return;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major != KNOWN_MAJOR) {
            f.error(ReceiptRule.SCHEMA_VERSION, ptr, v, "unknown schema version '" + v.textValue()
                    + "': this verifier knows major version " + KNOWN_MAJOR + " (1.0.0); a different major version "
                    + "may change the meaning of fields");
        } else if (minor > KNOWN_MINOR) {
            f.warning(ReceiptRule.SCHEMA_VERSION, ptr, v, "schema version '" + v.textValue() + "' is newer than 1."
                    + KNOWN_MINOR + "; fields added since are kept but not checked");
        }
    }

    static void timestamp(Subject s, Findings f) {
        JsonNode v = s.get(ReceiptFields.TIMESTAMP);
        String ptr = "/" + ReceiptFields.TIMESTAMP;
        if (!v.isTextual()) {
            f.error(ReceiptRule.TIMESTAMP, ptr, v, "timestamp must be an ISO-8601 string, found " + Findings.typeName(v));
            return;
        }
        try {
            OffsetDateTime.parse(v.textValue());
        } catch (DateTimeParseException e) {
            f.error(ReceiptRule.TIMESTAMP, ptr, v, "timestamp '" + v.textValue()
                    + "' is not an ISO-8601 date-time with offset (e.g. 2026-11-23T10:00:00Z)");
        }
    }

    static void computePath(Subject s, Findings f) {
        JsonNode v = s.get(ReceiptFields.COMPUTE_PATH);
        if (!v.isTextual() || !ReceiptFields.REAL.equals(v.textValue())) {
            f.error(ReceiptRule.COMPUTE_PATH_REAL, "/" + ReceiptFields.COMPUTE_PATH, v,
                    "compute_path must be \"real\"" + (v.isTextual() ? ", found '" + v.textValue() + "'"
                            + (ReceiptFields.MOCK.equals(v.textValue()) ? " - mock inference is not allowed" : "")
                            : ", found " + Findings.typeName(v)));
        }
    }

    static void backend(Subject s, Findings f) {
        JsonNode v = s.get(ReceiptFields.BACKEND);
        String ptr = "/" + ReceiptFields.BACKEND;
        if (!v.isTextual() || v.textValue().isBlank()) {
            f.error(ReceiptRule.BACKEND, ptr, v, "backend must be a non-blank string, found " + Findings.typeName(v));
            return;
        }
        String backend = v.textValue();
        if (s.isBitnet()) {
            if (!BITNET_BACKENDS.contains(backend)) {
                f.error(ReceiptRule.BACKEND, ptr, v, "backend '" + backend + "' is not one of " + BITNET_BACKENDS
                        + " (BitNet.rs schema 1.0.0)");
            }
            return;
        }
        if (!BACKEND_NAME.matcher(backend).matches()) {
            f.error(ReceiptRule.BACKEND, ptr, v, "backend '" + backend + "' is not a lower-case backend name such as "
                    + "cpu, cpu-simd or cuda");
            return;
        }
        // The written backend must be one that kernels actually ran on. GPU backends are HC012's business.
        if (!s.ranBackends().isEmpty() && !s.ranBackends().contains(backend.toLowerCase(Locale.ROOT))
                && !Backend.isGpu(backend)) {
            f.error(ReceiptRule.BACKEND, ptr, v, "backend '" + backend + "' was declared, not observed: kernels ran "
                    + "on " + s.ranBackends());
        }
    }
}
