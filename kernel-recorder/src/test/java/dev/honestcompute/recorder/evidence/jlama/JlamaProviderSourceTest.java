package dev.honestcompute.recorder.evidence.jlama;

import dev.honestcompute.recorder.evidence.EvidenceSource;
import dev.honestcompute.recorder.evidence.RecordingSink;
import dev.honestcompute.recorder.evidence.TestWindow;
import dev.honestcompute.recorder.evidence.jlama.standin.NaiveTensorOperations;
import dev.honestcompute.recorder.evidence.jlama.standin.NativeSimdTensorOperations;
import dev.honestcompute.recorder.evidence.jlama.standin.PanamaTensorOperations;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider fact and the required-provider fallback. Jlama itself (Java 21 class files) cannot load on the JDK 17
 * these library tests also run on, so its provider objects are stand-ins with Jlama's class names here; the examples
 * test the real Jlama (native SIMD in the default JVM, Panama in the {@code jlama-panama} execution).
 */
class JlamaProviderSourceTest {

    private static RequiresJlamaProvider requires(RequiresJlamaProvider.Provider provider) {
        return new RequiresJlamaProvider() {
            @Override
            public RequiresJlamaProvider.Provider value() {
                return provider;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return RequiresJlamaProvider.class;
            }
        };
    }

    private static RecordingSink run(JlamaState state, TestWindow window, Object chosen, boolean jlamaRuns) {
        JlamaProviderSource source = new JlamaProviderSource(state);
        EvidenceSource.Capture capture = source.open(window);
        if (chosen != null) {
            state.providerChosen(chosen);
        } else if (jlamaRuns) {
            state.ran();
        }
        RecordingSink sink = new RecordingSink();
        capture.close(sink);
        return sink;
    }

    @Test
    void theChosenProviderIsAFactOfAWindowJlamaRanIn() {
        RecordingSink sink = run(new JlamaState(), TestWindow.of("JlamaTest#ran"), new NativeSimdTensorOperations(),
                true);
        assertThat(sink.facts).containsExactly(new RecordingSink.Fact("jlama.tensor_operations",
                "NativeSimdTensorOperations (Native SIMD Operations)"));
        assertThat(sink.fallbacks).isEmpty();
        assertThat(sink.kernels).as("a provider choice is state, not compute").isEmpty();
    }

    @Test
    void aWindowJlamaDidNotRunInCarriesNothing() {
        JlamaState state = new JlamaState();
        state.providerChosen(new PanamaTensorOperations()); // chosen earlier in the JVM, outside any window
        RecordingSink sink = run(state, TestWindow.of("JlamaTest#idle"), null, false);
        assertThat(sink.toString()).isEqualTo("kernels=[] fallbacks=[] facts=[] unavailable=[]");
    }

    @Test
    void requiringNativeSimdAndGettingPanamaIsAFallback() {
        RecordingSink sink = run(new JlamaState(), TestWindow.requesting("JlamaTest#native", "cpu-simd",
                requires(RequiresJlamaProvider.Provider.NATIVE_SIMD)), new PanamaTensorOperations(), true);
        assertThat(sink.fallbacks).singleElement().satisfies(f -> {
            assertThat(f.requested()).isEqualTo("cpu-simd");
            assertThat(f.effective()).isEqualTo("cpu-simd");
            assertThat(f.reasonCode()).isEqualTo(JlamaWindow.NATIVE_SIMD_NOT_CHOSEN);
            assertThat(f.detail()).startsWith("the test requires NativeSimdTensorOperations; Jlama chose"
                    + " PanamaTensorOperations (Panama Vector Operations); ");
        });
    }

    @Test
    void theForcePanamaFlagIsNamedAsTheCause() {
        String previous = System.getProperty(JlamaState.FORCE_PANAMA);
        System.setProperty(JlamaState.FORCE_PANAMA, "true");
        try {
            RecordingSink sink = run(new JlamaState(), TestWindow.requesting("JlamaTest#forced", "",
                    requires(RequiresJlamaProvider.Provider.NATIVE_SIMD)), new PanamaTensorOperations(), true);
            assertThat(sink.fallbacks).singleElement().satisfies(f -> {
                assertThat(f.requested()).as("no backend requested: the provider's own").isEqualTo("cpu-simd");
                assertThat(f.detail()).endsWith("; -Djlama.force_panama_tensor_operations=true forces the Vector API");
            });
        } finally {
            if (previous == null) {
                System.clearProperty(JlamaState.FORCE_PANAMA);
            } else {
                System.setProperty(JlamaState.FORCE_PANAMA, previous);
            }
        }
    }

    @Test
    void requiringPanamaAndGettingNaiveJavaFallsBackToTheCpu() {
        RecordingSink sink = run(new JlamaState(), TestWindow.requesting("JlamaTest#panama", "cpu-simd",
                requires(RequiresJlamaProvider.Provider.PANAMA)), new NaiveTensorOperations(), true);
        assertThat(sink.fallbacks).singleElement().satisfies(f -> {
            assertThat(f.effective()).isEqualTo("cpu");
            assertThat(f.reasonCode()).isEqualTo(JlamaWindow.VECTOR_API_NOT_CHOSEN);
        });
    }

    @Test
    void theRequiredProviderIsNoFallback() {
        RecordingSink sink = run(new JlamaState(), TestWindow.requesting("JlamaTest#ok", "cpu-simd",
                requires(RequiresJlamaProvider.Provider.PANAMA)), new PanamaTensorOperations(), true);
        assertThat(sink.fallbacks).isEmpty();
        assertThat(sink.fact("jlama.tensor_operations")).startsWith("PanamaTensorOperations");
    }

    @Test
    void aRequirementWithoutJlamaOnTheClassPathIsUnavailableNotPassed() {
        RecordingSink sink = run(new JlamaState(), TestWindow.requesting("JlamaTest#absent", "cpu-simd",
                requires(RequiresJlamaProvider.Provider.NATIVE_SIMD)), null, false);
        assertThat(sink.fallbacks).isEmpty();
        assertThat(sink.unavailable).containsExactly(new RecordingSink.Unavailable(JlamaWindow.PROVIDER,
                "the test requires Jlama's NativeSimdTensorOperations but Jlama (com.github.tjake:jlama-core) is not"
                        + " on the class path"));
    }

    @Test
    void aRunOnAnotherThreadCountsInTheOnlyOpenWindow() throws Exception {
        JlamaState state = new JlamaState();
        state.providerChosen(new NativeSimdTensorOperations());
        EvidenceSource.Capture capture = new JlamaProviderSource(state).open(TestWindow.of("JlamaTest#pool"));
        Thread worker = new Thread(state::ran);
        worker.start();
        worker.join();
        RecordingSink sink = new RecordingSink();
        capture.close(sink);
        assertThat(sink.fact("jlama.tensor_operations")).startsWith("NativeSimdTensorOperations");
    }
}
