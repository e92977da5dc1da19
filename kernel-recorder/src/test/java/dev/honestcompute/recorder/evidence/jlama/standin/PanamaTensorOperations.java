package dev.honestcompute.recorder.evidence.jlama.standin;

/**
 * Stands in for Jlama's {@code com.github.tjake.jlama.tensor.operations.PanamaTensorOperations} in tests on JDK 17, where Jlama's
 * Java 21 classes cannot load; the source reads only its simple class name and {@code name()}. The real provider is
 * tested in the examples (JDK 25).
 */
public final class PanamaTensorOperations {
    public String name() {
        return "Panama Vector Operations";
    }
}
