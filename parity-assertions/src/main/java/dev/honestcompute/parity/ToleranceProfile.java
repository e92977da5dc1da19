package dev.honestcompute.parity;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A named set of parity limits. A {@code null} limit means "not gated by this profile". The numbers come from
 * the anchors in {@code shared/FACTS.md}: torch {@code assert_close} (fp32/fp16/bf16), llama.cpp
 * {@code test-backend-ops} (NMSE) and the BitNet.rs release gates (τ-b, ΔNLL, cosine, greedy tokens).
 *
 * <pre>{@code
 * assertThatLogits(actual).isCloseTo(reference, ToleranceProfile.FP16.withAtol(1e-4));
 * ToleranceProfile p = ToleranceProfile.named("quantized-vs-fp32");
 * }</pre>
 *
 * <p>Every {@code with…} override returns a copy whose name records what was overridden, so a receipt never
 * shows "fp32" for limits that are not fp32's.
 *
 * @param name                 profile name as written in receipts
 * @param rtol                 allclose relative tolerance (with {@code atol}; both null = no allclose gate)
 * @param atol                 allclose absolute tolerance
 * @param equalNan             whether NaN in both outputs at the same index counts as equal
 * @param maxMismatchRatio     largest allowed fraction of elements outside allclose (0 = every element close)
 * @param minCosine            lowest allowed cosine similarity
 * @param maxNmse              largest allowed NMSE (llama.cpp definition)
 * @param minKendallTauB       lowest allowed Kendall τ-b of the logits
 * @param maxAbsDeltaNll       largest allowed |ΔNLL| in nats per token
 * @param greedyIdentical      whether greedy tokens (argmax) must be identical
 */
public record ToleranceProfile(String name, Double rtol, Double atol, boolean equalNan, Double maxMismatchRatio,
        Double minCosine, Double maxNmse, Double minKendallTauB, Double maxAbsDeltaNll, boolean greedyIdentical) {

    /** torch assert_close for float32: rtol 1.3e-6, atol 1e-5, every element close. */
    public static final ToleranceProfile FP32 = allclose("fp32", 1.3e-6, 1e-5);
    /** torch assert_close for float16: rtol 1e-3, atol 1e-5. */
    public static final ToleranceProfile FP16 = allclose("fp16", 1e-3, 1e-5);
    /** torch assert_close for bfloat16: rtol 1.6e-2, atol 1e-5. */
    public static final ToleranceProfile BF16 = allclose("bf16", 1.6e-2, 1e-5);
    /** BitNet.rs FP32↔FP32 release gates: τ-b ≥ 0.95, |ΔNLL| ≤ 1e-2, logits cosine ≥ 0.99, greedy tokens identical. */
    public static final ToleranceProfile FP32_VS_FP32 =
            new ToleranceProfile("fp32-vs-fp32", null, null, false, null, 0.99, null, 0.95, 1e-2, true);
    /**
     * BitNet.rs quantized↔FP32 release gates: τ-b ≥ 0.60, |ΔNLL| ≤ 2e-2, logits cosine ≥ 0.99. Greedy tokens are
     * not required to match (quantization may flip near-ties).
     */
    public static final ToleranceProfile QUANTIZED_VS_FP32 =
            new ToleranceProfile("quantized-vs-fp32", null, null, false, null, 0.99, null, 0.60, 2e-2, false);
    /** llama.cpp test-backend-ops default: NMSE ≤ 1e-7. */
    public static final ToleranceProfile LLAMA_CPP_DEFAULT = nmse("llama.cpp-default", 1e-7);
    /** llama.cpp test-backend-ops MUL_MAT: NMSE ≤ 5e-4. */
    public static final ToleranceProfile LLAMA_CPP_MUL_MAT = nmse("llama.cpp-mul-mat", 5e-4);
    /** llama.cpp test-backend-ops SOFT_MAX: NMSE ≤ 1e-6. */
    public static final ToleranceProfile LLAMA_CPP_SOFT_MAX = nmse("llama.cpp-soft-max", 1e-6);
    /** BitNet.rs logits gate alone: cosine ≥ 0.99. */
    public static final ToleranceProfile LOGITS_COSINE =
            new ToleranceProfile("logits-cosine", null, null, false, null, 0.99, null, null, null, false);
    /** BitNet.rs greedy gate alone: greedy tokens identical. */
    public static final ToleranceProfile GREEDY_IDENTICAL =
            new ToleranceProfile("greedy-identical", null, null, false, null, null, null, null, null, true);

    private static final List<ToleranceProfile> BUILT_IN = List.of(FP32, FP16, BF16, FP32_VS_FP32, QUANTIZED_VS_FP32,
            LLAMA_CPP_DEFAULT, LLAMA_CPP_MUL_MAT, LLAMA_CPP_SOFT_MAX, LOGITS_COSINE, GREEDY_IDENTICAL);

    public ToleranceProfile {
        Objects.requireNonNull(name, "profile name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("profile name must not be blank");
        }
        if ((rtol == null) != (atol == null)) {
            throw new IllegalArgumentException("profile '" + name + "': rtol and atol go together (allclose needs both), "
                    + "but rtol is " + rtol + " and atol is " + atol);
        }
        requireRange(name, "rtol", rtol, 0, Double.MAX_VALUE);
        requireRange(name, "atol", atol, 0, Double.MAX_VALUE);
        requireRange(name, "maxMismatchRatio", maxMismatchRatio, 0, 1);
        requireRange(name, "minCosine", minCosine, -1, 1);
        requireRange(name, "maxNmse", maxNmse, 0, Double.MAX_VALUE);
        requireRange(name, "minKendallTauB", minKendallTauB, -1, 1);
        requireRange(name, "maxAbsDeltaNll", maxAbsDeltaNll, 0, Double.MAX_VALUE);
        if (rtol != null && maxMismatchRatio == null) {
            maxMismatchRatio = 0.0;
        }
        if (rtol == null && maxMismatchRatio != null) {
            throw new IllegalArgumentException("profile '" + name + "': maxMismatchRatio needs rtol and atol to say "
                    + "what a mismatch is");
        }
    }

    /** A built-in profile by name ("fp32", "fp16", "bf16", "fp32-vs-fp32", "quantized-vs-fp32", …). */
    public static ToleranceProfile named(String name) {
        Objects.requireNonNull(name, "profile name must not be null");
        for (ToleranceProfile p : BUILT_IN) {
            if (p.name.equals(name.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown tolerance profile '" + name + "'; built-in profiles are "
                + BUILT_IN.stream().map(ToleranceProfile::name).toList()
                + " (or build one with the ToleranceProfile constructor)");
    }

    /** All built-in profiles. */
    public static List<ToleranceProfile> builtIn() {
        return BUILT_IN;
    }

    public ToleranceProfile withRtol(double value) {
        return new ToleranceProfile(overridden("rtol"), value, atol == null ? 0.0 : atol, equalNan, maxMismatchRatio,
                minCosine, maxNmse, minKendallTauB, maxAbsDeltaNll, greedyIdentical);
    }

    public ToleranceProfile withAtol(double value) {
        return new ToleranceProfile(overridden("atol"), rtol == null ? 0.0 : rtol, value, equalNan, maxMismatchRatio,
                minCosine, maxNmse, minKendallTauB, maxAbsDeltaNll, greedyIdentical);
    }

    public ToleranceProfile withEqualNan(boolean value) {
        return new ToleranceProfile(overridden("equalNan"), rtol, atol, value, maxMismatchRatio, minCosine, maxNmse,
                minKendallTauB, maxAbsDeltaNll, greedyIdentical);
    }

    public ToleranceProfile withMaxMismatchRatio(double value) {
        return new ToleranceProfile(overridden("maxMismatchRatio"), rtol, atol, equalNan, value, minCosine, maxNmse,
                minKendallTauB, maxAbsDeltaNll, greedyIdentical);
    }

    public ToleranceProfile withCosineAtLeast(double value) {
        return new ToleranceProfile(overridden("minCosine"), rtol, atol, equalNan, maxMismatchRatio, value, maxNmse,
                minKendallTauB, maxAbsDeltaNll, greedyIdentical);
    }

    public ToleranceProfile withNmseAtMost(double value) {
        return new ToleranceProfile(overridden("maxNmse"), rtol, atol, equalNan, maxMismatchRatio, minCosine, value,
                minKendallTauB, maxAbsDeltaNll, greedyIdentical);
    }

    public ToleranceProfile withKendallTauBAtLeast(double value) {
        return new ToleranceProfile(overridden("minKendallTauB"), rtol, atol, equalNan, maxMismatchRatio, minCosine,
                maxNmse, value, maxAbsDeltaNll, greedyIdentical);
    }

    public ToleranceProfile withAbsDeltaNllAtMost(double value) {
        return new ToleranceProfile(overridden("maxAbsDeltaNll"), rtol, atol, equalNan, maxMismatchRatio, minCosine,
                maxNmse, minKendallTauB, value, greedyIdentical);
    }

    public ToleranceProfile withGreedyIdentical(boolean value) {
        return new ToleranceProfile(overridden("greedyIdentical"), rtol, atol, equalNan, maxMismatchRatio, minCosine,
                maxNmse, minKendallTauB, maxAbsDeltaNll, value);
    }

    /** True when the profile has an allclose gate. */
    public boolean hasAllclose() {
        return rtol != null;
    }

    /** "fp32 (rtol 1.3e-06, atol 1e-05)" style summary for messages. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name).append(" (");
        String sep = "";
        if (rtol != null) {
            sb.append("rtol ").append(Numbers.format(rtol)).append(", atol ").append(Numbers.format(atol));
            if (maxMismatchRatio != 0) {
                sb.append(", mismatch ratio <= ").append(Numbers.format(maxMismatchRatio));
            }
            sep = ", ";
        }
        if (minCosine != null) {
            sb.append(sep).append("cosine >= ").append(Numbers.format(minCosine));
            sep = ", ";
        }
        if (maxNmse != null) {
            sb.append(sep).append("NMSE <= ").append(Numbers.format(maxNmse));
            sep = ", ";
        }
        if (minKendallTauB != null) {
            sb.append(sep).append("Kendall tau-b >= ").append(Numbers.format(minKendallTauB));
            sep = ", ";
        }
        if (maxAbsDeltaNll != null) {
            sb.append(sep).append("|delta NLL| <= ").append(Numbers.format(maxAbsDeltaNll));
            sep = ", ";
        }
        if (greedyIdentical) {
            sb.append(sep).append("greedy tokens identical");
        }
        return sb.append(')').toString();
    }

    private String overridden(String field) {
        String marker = " (overridden: ";
        int at = name.indexOf(marker);
        if (at < 0) {
            return name + marker + field + ")";
        }
        String fields = name.substring(at + marker.length(), name.length() - 1);
        return List.of(fields.split(", ")).contains(field) ? name : name.substring(0, name.length() - 1) + ", " + field + ")";
    }

    private static ToleranceProfile allclose(String name, double rtol, double atol) {
        return new ToleranceProfile(name, rtol, atol, false, 0.0, null, null, null, null, false);
    }

    private static ToleranceProfile nmse(String name, double max) {
        return new ToleranceProfile(name, null, null, false, null, null, max, null, null, false);
    }

    private static void requireRange(String profile, String field, Double value, double min, double max) {
        if (value != null && !(value >= min && value <= max)) {
            throw new IllegalArgumentException("profile '" + profile + "': " + field + " must be in [" + min + ", "
                    + max + "], but was " + value);
        }
    }
}
