package dev.honestcompute.receipts;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * BitNet.rs-format receipts in this module's test resources ({@code dev/honestcompute/receipts/bitnet/}), written
 * from BitNet.rs's documented schema 1.0.0 and its {@code xtask verify-receipt} code; {@code BitnetVerdictsTest}
 * lists each with BitNet.rs's verdict.
 */
public final class BitnetReceipts {

    private BitnetReceipts() {
    }

    /** A CPU run with quantized kernels and every documented field: BitNet.rs accepts it. */
    public static Path quantizedCpuRun() {
        return path("cpu-full-quantized.json");
    }

    /** A mock run (compute_path "mock", no kernels, failed tests, tokens_per_second -1): BitNet.rs rejects it. */
    public static Path mockRun() {
        return path("mock-run-full.json");
    }

    /** The resource file {@code bitnet/NAME}, as a file of the test class path. */
    public static Path path(String name) {
        URL url = BitnetReceipts.class.getResource("bitnet/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource dev/honestcompute/receipts/bitnet/" + name
                    + " is missing from the test class path; it belongs in junit-receipts/src/test/resources");
        }
        try {
            Path p = Path.of(url.toURI());
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(url + " is not a regular file");
            }
            return p;
        } catch (URISyntaxException | java.nio.file.FileSystemNotFoundException e) {
            throw new IllegalStateException("test resource " + url + " is not a file on disk (" + e
                    + "); run the tests from the module's target/test-classes", e);
        }
    }
}
