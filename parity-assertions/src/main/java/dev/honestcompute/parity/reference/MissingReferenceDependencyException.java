package dev.honestcompute.parity.reference;

/**
 * A reference engine was picked whose library is not on the test class path. {@code parity-assertions} declares the
 * reference engines' heavy libraries optional (llama.cpp's JNI binding, Testcontainers), so users of the metrics
 * and in-process references do not carry them; the message names the exact dependency to add.
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>de.kherud</groupId><artifactId>llama</artifactId><version>4.2.0</version><scope>test</scope>
 * </dependency>
 * }</pre>
 */
public class MissingReferenceDependencyException extends ReferenceEngineException {

    private static final long serialVersionUID = 1L;

    private final String coordinates;

    MissingReferenceDependencyException(String message, String coordinates) {
        super(message);
        this.coordinates = coordinates;
    }

    /** The missing dependency as {@code groupId:artifactId:version}. */
    public String coordinates() {
        return coordinates;
    }
}
