package dev.honestcompute.recorder.evidence;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The recorder jar registers its evidence sources for ServiceLoader, with distinct names and priorities. */
class ShippedSourcesTest {

    @Test
    void serviceLoaderFindsTheShippedSourcesInPriorityOrder() {
        List<EvidenceSource> sources = ServiceLoader.load(EvidenceSource.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(EvidenceSource::priority).reversed()).collect(Collectors.toList());

        assertThat(sources).extracting(EvidenceSource::name)
                .containsExactly("onnxruntime-profiler", "llamacpp-log", "jlama-provider", "cuda-driver");
        assertThat(sources).extracting(EvidenceSource::kind).containsExactly(EvidenceKind.PROFILER, EvidenceKind.LOG,
                EvidenceKind.ENGINE_STATE, EvidenceKind.DRIVER);
        assertThat(sources).extracting(EvidenceSource::name).allMatch(n -> n.matches("[a-z0-9.-]+"));
    }

    @Test
    void aWindowThatTouchedNoEngineGetsNoEvidenceFromAnySource() {
        for (EvidenceSource source : ServiceLoader.load(EvidenceSource.class)) {
            EvidenceSource.Capture capture = source.open(TestWindow.requesting("ShippedSourcesTest", "cpu"));
            RecordingSink sink = new RecordingSink();
            if (capture != null) {
                capture.close(sink);
            }
            assertThat(sink.toString()).as(source.name()).isEqualTo("kernels=[] fallbacks=[] facts=[] unavailable=[]");
        }
    }
}
