package dev.honestcompute.receipts.internal;

import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.summary.RunSigningKey;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the session finds the key that signs run summaries: the environment variable {@value #KEY_ENV} (the key
 * itself, PKCS#8 PEM or its base64 on one line: what a CI secret holds), or the system property / JUnit configuration
 * parameter {@value #KEY_FILE_PARAMETER} (the path of a file holding it). The key itself is never taken from a
 * configuration parameter: those end up in command lines and build logs.
 */
public final class RunSigning {

    /** Environment variable holding the private key. */
    public static final String KEY_ENV = "HONESTCOMPUTE_SIGNING_KEY";
    /** System property / configuration parameter naming a file that holds the private key. */
    public static final String KEY_FILE_PARAMETER = "honestcompute.signing.keyFile";

    private RunSigning() {
    }

    /**
     * The configured signing key, or empty when none is configured.
     *
     * @param parameters JUnit configuration parameters (falling back to system properties)
     * @param env        the environment ({@code System::getenv})
     * @throws IllegalArgumentException naming the variable or file when a key is configured but unusable
     */
    public static Optional<RunSigningKey> resolve(Function<String, Optional<String>> parameters,
                                                  Function<String, String> env) {
        String text = env.apply(KEY_ENV);
        Optional<String> file = parameters.apply(KEY_FILE_PARAMETER).map(String::trim).filter(s -> !s.isEmpty());
        boolean inEnv = text != null && !text.isBlank();
        if (inEnv && file.isPresent()) {
            throw new IllegalArgumentException("both the environment variable " + KEY_ENV + " and the parameter '"
                    + KEY_FILE_PARAMETER + "' = '" + file.get() + "' name a signing key; set only one");
        }
        if (inEnv) {
            return Optional.of(RunSigningKey.parse(text, "environment variable " + KEY_ENV));
        }
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String source = "signing key file '" + file.get() + "' (parameter '" + KEY_FILE_PARAMETER + "')";
        try {
            byte[] bytes = BoundedFiles.read(Path.of(file.get()), RunSigningKey.MAX_KEY_CHARS);
            return Optional.of(RunSigningKey.parse(new String(bytes, StandardCharsets.UTF_8), source));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(source + " is not a valid path: " + e.getReason(), e);
        } catch (ReceiptReadException e) {
            throw new IllegalArgumentException(source + " cannot be read: " + e.getMessage(), e);
        }
    }
}
