package dev.honestcompute.receipts.internal;

import dev.honestcompute.receipts.EmitsReceipt;

import dev.honestcompute.receipts.ReceiptVerifier;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one reader of the receipts configuration parameters ({@link EmitsReceipt#DIR_PARAMETER},
 * {@link EmitsReceipt#POLICY_PARAMETER}), shared by the {@code @EmitsReceipt} extension and the run-summary
 * listener so both agree on the directory.
 *
 * @param dir    the receipts directory, absolute and normalized
 * @param policy the verification policy name
 */
public record ReceiptSettings(Path dir, String policy) {

    public static final String DEFAULT_DIR = "target/receipts";
    public static final String DEFAULT_POLICY = "default";

    /**
     * Reads the settings from JUnit configuration parameters (pass {@code context::getConfigurationParameter}).
     *
     * @throws IllegalArgumentException naming the parameter, the value and the accepted values
     */
    public static ReceiptSettings from(Function<String, Optional<String>> parameters) {
        String policy = checkPolicy(parameters.apply(EmitsReceipt.POLICY_PARAMETER).map(String::trim)
                .filter(s -> !s.isEmpty()).orElse(DEFAULT_POLICY),
                "JUnit configuration parameter '" + EmitsReceipt.POLICY_PARAMETER + "'");
        return new ReceiptSettings(dir(parameters), policy);
    }

    /**
     * Reads only the receipts directory.
     *
     * @throws IllegalArgumentException naming the parameter and the value when it is not a valid path
     */
    public static Path dir(Function<String, Optional<String>> parameters) {
        String dirText = parameters.apply(EmitsReceipt.DIR_PARAMETER).map(String::trim).filter(s -> !s.isEmpty())
                .orElse(DEFAULT_DIR);
        try {
            return Paths.get(dirText).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("JUnit configuration parameter '" + EmitsReceipt.DIR_PARAMETER
                    + "' = '" + dirText + "' is not a valid path (" + e.getReason()
                    + "); set it to a writable directory, e.g. " + DEFAULT_DIR, e);
        }
    }

    /** Returns {@code policy} if the verifier knows it, else throws naming {@code where} it came from. */
    public static String checkPolicy(String policy, String where) {
        if (!ReceiptVerifier.policies().contains(policy)) {
            throw new IllegalArgumentException(where + " = '" + policy + "' is not a known receipt policy; use one of "
                    + ReceiptVerifier.policies());
        }
        return policy;
    }
}
