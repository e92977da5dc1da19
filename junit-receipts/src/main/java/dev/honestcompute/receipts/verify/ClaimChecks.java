package dev.honestcompute.receipts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.ReceiptFields;
import dev.honestcompute.receipts.ReceiptRule;
import dev.honestcompute.receipts.Violation.Severity;
import dev.honestcompute.recorder.Backend;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * HC013, HC018–HC021: claims (backend, SIMD width, quantization) against observed kernels and the host's CPU
 * features. A claim nothing observed backs is a lie, and so is a kernel that needs a feature the host lacks.
 */
final class ClaimChecks {

    static final String HOST_CPU_FEATURES = "cpu_features";
    static final String HOST_VECTOR_API = "vector_api";
    static final String PREFERRED_BITS = "preferred_bits";

    private ClaimChecks() {
    }

    /** HC018. */
    static void claimedBackend(Subject s, Findings f) {
        String ptr = "/" + ReceiptFields.CLAIMS + "/" + ReceiptFields.BACKEND;
        JsonNode claim = s.claim(ReceiptFields.BACKEND);
        if (claim.isMissingNode()) {
            return;
        }
        if (!claim.isTextual() || claim.textValue().isBlank()) {
            f.error(ReceiptRule.CLAIMED_BACKEND_NOT_OBSERVED, ptr, claim, "claims.backend must be a non-blank string, "
                    + "found " + Findings.typeName(claim));
            return;
        }
        String backend = claim.textValue().toLowerCase(Locale.ROOT);
        if (Backend.isGpu(backend) || (s.fallbackAllowed() && s.fellBackFrom(backend))) {
            return; // GPU claims are HC012's; an allowed fallback downgrades the claim honestly
        }
        if (!s.ranBackends().contains(backend)) {
            String message = "backend '" + claim.textValue() + "' is claimed but no kernel ran on it; kernels ran on "
                    + s.ranBackends();
            if (RecorderHints.vectorApiMissingForSimdClaim(s)) {
                f.add(ReceiptRule.CLAIMED_BACKEND_NOT_OBSERVED, Severity.ERROR, ptr, claim,
                        message + RecorderHints.vectorApiSentence(), RecorderHints.VECTOR_REMEDY + "; "
                                + ReceiptRule.CLAIMED_BACKEND_NOT_OBSERVED.remedy());
            } else {
                f.error(ReceiptRule.CLAIMED_BACKEND_NOT_OBSERVED, ptr, claim, message);
            }
        }
    }

    /** HC019. */
    static void claimedSimdWidth(Subject s, Findings f) {
        String ptr = "/" + ReceiptFields.CLAIMS + "/" + ReceiptFields.SIMD_WIDTH_BITS;
        JsonNode claim = s.claim(ReceiptFields.SIMD_WIDTH_BITS);
        if (claim.isMissingNode()) {
            return;
        }
        if (!ObservationChecks.isLong(claim) || claim.longValue() < 64 || claim.longValue() > 2048
                || Long.bitCount(claim.longValue()) != 1) {
            f.error(ReceiptRule.CLAIMED_SIMD_WIDTH, ptr, claim, "simd_width_bits must be a power of two from 64 to "
                    + "2048, found " + Findings.render(claim));
            return;
        }
        long bits = claim.longValue();
        if (!s.ranBackends().contains(Backend.CPU_SIMD)) {
            f.error(ReceiptRule.CLAIMED_SIMD_WIDTH, ptr, claim, "a " + bits + "-bit SIMD width is claimed but no "
                    + Backend.CPU_SIMD + " kernel ran; kernels ran on " + s.ranBackends());
            return;
        }
        JsonNode host = s.get(ReceiptFields.HOST);
        JsonNode preferred = host.path(HOST_VECTOR_API).path(PREFERRED_BITS);
        if (ObservationChecks.isLong(preferred)) {
            if (bits > preferred.longValue()) {
                f.error(ReceiptRule.CLAIMED_SIMD_WIDTH, ptr, claim, bits + "-bit SIMD is claimed but the host's "
                        + "preferred Vector API width is " + preferred.longValue() + " bits (host.vector_api)");
            }
            return;
        }
        Set<String> features = hostFeatures(s);
        if (features == null) {
            f.error(ReceiptRule.CLAIMED_SIMD_WIDTH, ptr, claim, bits + "-bit SIMD is claimed but host.cpu_features "
                    + "is absent, so the claim cannot be checked against the host");
            return;
        }
        List<String> needed = featuresForWidth(bits);
        for (String n : needed) {
            if (features.contains(n)) {
                return;
            }
        }
        f.error(ReceiptRule.CLAIMED_SIMD_WIDTH, ptr, claim, bits + "-bit SIMD is claimed but the host has none of "
                + needed + " in host.cpu_features");
    }

    private static List<String> featuresForWidth(long bits) {
        if (bits <= 128) {
            return List.of("sse2", "asimd", "neon", "sse", "avx", "avx2", "avx512f", "sve");
        }
        if (bits == 256) {
            return List.of("avx", "avx2", "avx512f", "sve");
        }
        if (bits == 512) {
            return List.of("avx512f", "sve");
        }
        return List.of("sve");
    }

    /**
     * HC020. Default policy: claims.quantization, contained (any case) in an observed kernel id. bitnet-strict:
     * model_info.quantization_type in a kernels id, both compared without case and punctuation, because BitNet.rs
     * writes "I2_S" or "i2s" and names its kernels i2s_*.
     */
    static void claimedQuantization(Subject s, Findings f) {
        String ptr;
        JsonNode claim;
        List<String> ids;
        if (s.isBitnet()) {
            ptr = "/" + ReceiptFields.MODEL_INFO + "/quantization_type";
            claim = s.get(ReceiptFields.MODEL_INFO).path("quantization_type");
            ids = s.kernelIds();
        } else {
            ptr = "/" + ReceiptFields.CLAIMS + "/" + ReceiptFields.QUANTIZATION;
            claim = s.claim(ReceiptFields.QUANTIZATION);
            ids = new ArrayList<>();
            for (Subject.Observation o : s.ran()) {
                ids.add(o.id());
            }
        }
        if (claim.isMissingNode() || claim.isNull()) {
            return;
        }
        if (!claim.isTextual() || claim.textValue().isBlank()) {
            f.error(ReceiptRule.CLAIMED_QUANTIZATION, ptr, claim, "the quantization claim must be a non-blank string, "
                    + "found " + Findings.typeName(claim));
            return;
        }
        if (ids.isEmpty()) {
            return; // no kernels at all is HC005's violation
        }
        String q = quantizationKey(s, claim.textValue());
        for (String id : ids) {
            if (quantizationKey(s, id).contains(q)) {
                return;
            }
        }
        f.error(ReceiptRule.CLAIMED_QUANTIZATION, ptr, claim, "quantization '" + claim.textValue()
                + "' is claimed but no observed kernel id contains it: " + ids);
    }

    private static String quantizationKey(Subject s, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return s.isBitnet() ? lower.replaceAll("[^\\p{L}\\p{N}]", "") : lower;
    }

    /** HC021. */
    static void hostFeatures(Subject s, Findings f) {
        Set<String> host = null;
        boolean hostChecked = false;
        for (Subject.Observation o : s.ran()) {
            if (o.requires().isEmpty()) {
                continue;
            }
            if (!hostChecked) {
                host = hostFeatures(s);
                hostChecked = true;
            }
            String at = Findings.pointer("/" + ReceiptFields.KERNEL_STATS, o.index()) + "/" + ReceiptFields.REQUIRES;
            JsonNode requires = s.get(ReceiptFields.KERNEL_STATS).get(o.index()).path(ReceiptFields.REQUIRES);
            if (host == null) {
                f.error(ReceiptRule.HOST_FEATURE_MISSING, at, requires, "kernel '" + o.id() + "' requires "
                        + o.requires() + " but host.cpu_features is absent or not an array of strings, so this "
                        + "cannot be checked");
                continue;
            }
            Set<String> missing = new LinkedHashSet<>();
            for (String r : o.requires()) {
                if (!host.contains(normalize(r))) {
                    missing.add(r);
                }
            }
            if (!missing.isEmpty()) {
                f.error(ReceiptRule.HOST_FEATURE_MISSING, at, requires, "kernel '" + o.id() + "' ran " + o.calls()
                        + " time(s) and requires " + missing + ", which the host does not have (host.cpu_features)");
            }
        }
    }

    /** The host's CPU features, normalized; {@code null} when absent or malformed. */
    static Set<String> hostFeatures(Subject s) {
        JsonNode features = s.get(ReceiptFields.HOST).path(HOST_CPU_FEATURES);
        if (!features.isArray()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode n : features) {
            if (!n.isTextual()) {
                return null;
            }
            out.add(normalize(n.textValue()));
        }
        // Linux reports NEON as "asimd" on aarch64 and "neon" on 32-bit ARM: the same feature.
        if (out.contains("asimd")) {
            out.add("neon");
        }
        if (out.contains("neon")) {
            out.add("asimd");
        }
        return out;
    }

    static String normalize(String feature) {
        return feature.trim().toLowerCase(Locale.ROOT).replace('.', '_');
    }
}
