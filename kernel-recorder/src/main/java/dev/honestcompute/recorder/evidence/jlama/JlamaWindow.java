package dev.honestcompute.recorder.evidence.jlama;

import dev.honestcompute.recorder.evidence.EvidenceSink;
import dev.honestcompute.recorder.evidence.EvidenceSource;
import dev.honestcompute.recorder.evidence.internal.Reflection;

import java.util.Locale;
import java.util.Optional;

/**
 * One window's Jlama evidence: the provider Jlama chose, as a fact, when Jlama ran in the window or the test requires
 * a provider; and a fallback when the required provider is not the chosen one.
 */
final class JlamaWindow {

    static final String PROVIDER = "jlama tensor operations provider";
    static final String NATIVE_SIMD_NOT_CHOSEN = "JLAMA_NATIVE_SIMD_NOT_CHOSEN";
    static final String VECTOR_API_NOT_CHOSEN = "JLAMA_VECTOR_API_NOT_CHOSEN";
    static final String PROVIDER_MISMATCH = "JLAMA_PROVIDER_MISMATCH";

    private final EvidenceSource.Window window;
    private final JlamaState state;
    private volatile boolean ran;

    JlamaWindow(EvidenceSource.Window window, JlamaState state) {
        this.window = window;
        this.state = state;
    }

    void ran() {
        ran = true;
    }

    void report(EvidenceSink sink) {
        Optional<RequiresJlamaProvider> required = window.annotation(RequiresJlamaProvider.class);
        if (!ran && required.isEmpty()) {
            return;
        }
        Object operations;
        try {
            operations = state.provider();
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            sink.unavailable(PROVIDER, "the test requires Jlama's " + required.map(r -> r.value().className())
                    .orElse("provider") + " but Jlama (com.github.tjake:jlama-core) is not on the class path");
            return;
        } catch (Exception | LinkageError e) {
            sink.unavailable(PROVIDER, "Jlama's chosen provider could not be read from " + JlamaState.PROVIDER_CLASS
                    + ".get(): " + Reflection.describe(e));
            return;
        }
        String simpleName = operations.getClass().getSimpleName();
        String described = simpleName + describe(operations);
        sink.fact("jlama.tensor_operations", described);
        if (required.isEmpty()) {
            return;
        }
        RequiresJlamaProvider.Provider wanted = required.get().value();
        RequiresJlamaProvider.Provider actual = RequiresJlamaProvider.Provider.ofClass(simpleName);
        if (actual == wanted) {
            return;
        }
        String requested = window.requestedBackend() == null || window.requestedBackend().isBlank()
                ? wanted.backend() : window.requestedBackend().trim().toLowerCase(Locale.ROOT);
        String reason = wanted == RequiresJlamaProvider.Provider.NATIVE_SIMD ? NATIVE_SIMD_NOT_CHOSEN
                : wanted == RequiresJlamaProvider.Provider.PANAMA && actual == RequiresJlamaProvider.Provider.NAIVE
                ? VECTOR_API_NOT_CHOSEN : PROVIDER_MISMATCH;
        sink.fallback(requested, actual == null ? "unknown" : actual.backend(), reason, "the test requires "
                + wanted.className() + "; Jlama chose " + described + cause(wanted, actual));
    }

    private static String describe(Object operations) {
        try {
            Object name = Reflection.call(operations, "name");
            return name == null ? "" : " (" + name + ")";
        } catch (Exception | LinkageError e) {
            return "";
        }
    }

    private static String cause(RequiresJlamaProvider.Provider wanted, RequiresJlamaProvider.Provider actual) {
        if (wanted == RequiresJlamaProvider.Provider.NATIVE_SIMD && Boolean.getBoolean(JlamaState.FORCE_PANAMA)) {
            return "; -D" + JlamaState.FORCE_PANAMA + "=true forces the Vector API";
        }
        if (wanted == RequiresJlamaProvider.Provider.NATIVE_SIMD) {
            return "; Jlama falls back when com.github.tjake:jlama-native for this platform is not on the class path"
                    + " or cannot load";
        }
        if (actual == RequiresJlamaProvider.Provider.NAIVE) {
            return "; Jlama uses naive Java when the Vector API is unavailable (--add-modules jdk.incubator.vector)";
        }
        return "";
    }
}
