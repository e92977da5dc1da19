package dev.honestcompute.parity;

/**
 * Opens the reference engine of a {@link ParityWith} test. Implementations are public classes with a public no-arg
 * constructor; one instance is made per test. The opened engine is closed after the test when it is
 * {@link AutoCloseable}.
 *
 * <pre>{@code
 * public static final class LlamaServer implements ParityReference {
 *     public ParityEngine open(ParityContext ctx) throws Exception {
 *         return ParityEngine.of(LlamaServerContainer.start(gguf).client());
 *     }
 *     public boolean needsDocker() { return true; }
 * }
 * }</pre>
 */
public interface ParityReference {

    /** Opens the reference engine; called once per test, at its first {@link ParityCheck#check}. */
    ParityEngine open(ParityContext context) throws Exception;

    /**
     * True when the reference runs in a container: the test is then deselected when container parity is not
     * selected for the run, and fails when Docker is missing.
     */
    default boolean needsDocker() {
        return false;
    }
}
