package dev.honestcompute.receipts.verify;

/**
 * The exit code BitNet.rs's {@code xtask verify-receipt} ends with, for {@code verify --exit-codes bitnet}.
 *
 * <p>{@code verify_receipt_cmd} returns an {@code anyhow::Error}; xtask's {@code main} prints it and exits with
 * {@code classify_exit(&e)}, which looks only at the error's outermost message, lower-cased (EffortlessMetrics/BitNet-rs
 * {@code xtask/src/main.rs} at f2ae3adc, lines 1065-1113 and the constants at 122-131). No verify-receipt message
 * is a network error, yet 14 ({@code EXIT_NETWORK}) is the fallback, so that is what most failures exit with; the
 * CPU quantized-kernel failure says "verification failed" and exits 15. The doc comment of
 * {@code verify_receipt_cmd} promises "1: Receipt invalid or missing", but no path of the code exits 1.
 *
 * <pre>{@code
 * BitnetExitCode.of("CPU backend verification failed: no quantized kernels found. ...");   // 15
 * BitnetExitCode.of("Failed to read receipt: ci/inference.json");                           // 14
 * }</pre>
 */
public final class BitnetExitCode {

    public static final int SUCCESS = 0;
    public static final int NO_SPACE = 10;
    public static final int HASH_MISMATCH = 13;
    public static final int NETWORK = 14;
    public static final int VERIFICATION_FAILED = 15;
    public static final int INFERENCE_FAILED = 16;
    public static final int BENCHMARK_FAILED = 17;
    public static final int INTERRUPTED = 130;
    /** clap's exit code for bad usage, which xtask inherits. */
    public static final int USAGE = 2;

    private BitnetExitCode() {
    }

    /**
     * {@code classify_exit} for an error whose outermost message is {@code message}. The message includes values from
     * the receipt (schema_version, compute_path, kernel ids) and the path, so they can change the code, as they do
     * in BitNet.rs.
     */
    public static int of(String message) {
        // to_ascii_lowercase, not toLowerCase: 'İ' or 'K' (Kelvin) must not turn into ASCII letters
        String msg = asciiLower(message);
        if (msg.contains("not enough disk") || msg.contains("insufficient disk space")) {
            return NO_SPACE;
        }
        if (msg.contains("sha") && msg.contains("mismatch")) {
            return HASH_MISMATCH;
        }
        if (msg.contains("interrupted")) {
            return INTERRUPTED;
        }
        if (msg.contains("verification failed")) {
            return VERIFICATION_FAILED;
        }
        if (msg.contains("inference failed")) {
            return INFERENCE_FAILED;
        }
        if (msg.contains("benchmark failed")) {
            return BENCHMARK_FAILED;
        }
        return NETWORK;
    }

    /**
     * The code for an input BitNet.rs could not read or parse: its outermost message is {@code Failed to read
     * receipt: PATH} or {@code Invalid JSON in receipt: PATH}; neither prefix holds a keyword, so only the path can
     * change the code.
     */
    public static int unreadable(String path) {
        return of("Failed to read receipt: " + path);
    }

    private static String asciiLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return sb.toString();
    }
}
