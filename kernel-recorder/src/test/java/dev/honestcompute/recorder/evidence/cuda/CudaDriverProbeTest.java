package dev.honestcompute.recorder.evidence.cuda;

import dev.honestcompute.recorder.evidence.EvidenceSource;
import dev.honestcompute.recorder.evidence.RecordingSink;
import dev.honestcompute.recorder.evidence.TestWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CUDA driver probe reports why there is no driver evidence, and never a kernel. */
class CudaDriverProbeTest {

    @TempDir
    Path root;

    private RecordingSink close(CudaDriverProbe probe, String requested) {
        EvidenceSource.Capture capture = probe.open(TestWindow.requesting("CudaProbeTest", requested));
        RecordingSink sink = new RecordingSink();
        if (capture != null) {
            capture.close(sink);
        }
        return sink;
    }

    @Test
    void withoutTheDriverItSaysNoCudaKernelCanHaveRun() throws Exception {
        Path lib = Files.createDirectories(root.resolve("lib"));
        Files.createFile(lib.resolve("libcupti.so.13")); // a toolkit without a driver, like these build machines
        RecordingSink sink = close(new CudaDriverProbe(new CudaLibraries(List.of(lib))), "cuda");

        assertThat(sink.kernels).isEmpty();
        assertThat(sink.unavailable).containsExactly(new RecordingSink.Unavailable(CudaDriverProbe.WHAT,
                "no NVIDIA driver on this host (libcuda.so.1 not found in 1 library directories), so no CUDA kernel"
                        + " can have run here"));
    }

    @Test
    void withTheDriverButNoCuptiItSaysWhatIsMissing() throws Exception {
        Path lib = Files.createDirectories(root.resolve("lib"));
        Files.createFile(lib.resolve("libcuda.so.1"));
        RecordingSink sink = close(new CudaDriverProbe(new CudaLibraries(List.of(lib))), "gpu");
        assertThat(sink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                .isEqualTo("the NVIDIA driver is here (" + lib.resolve("libcuda.so.1") + ") but CUPTI (libcupti.so*)"
                        + " is not, so driver activity records cannot be collected"));
    }

    @Test
    void withBothItStillNeverPassesOnEvidenceItDidNotCollect() throws Exception {
        Path driver = Files.createDirectories(root.resolve("driver"));
        Path toolkit = Files.createDirectories(root.resolve("toolkit"));
        Files.createFile(driver.resolve("libcuda.so.1"));
        Files.createFile(toolkit.resolve("libcupti.so.13"));
        RecordingSink sink = close(new CudaDriverProbe(new CudaLibraries(List.of(driver, toolkit))), "cuda");
        assertThat(sink.kernels).isEmpty();
        assertThat(sink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                .contains("CUPTI activity capture is not built in this version"));
    }

    @Test
    void onThisHostAGpuRequestGetsAnExplicitUnavailable() {
        RecordingSink sink = close(new CudaDriverProbe(), "cuda");
        assertThat(sink.kernels).isEmpty();
        assertThat(sink.unavailable).singleElement().satisfies(u -> assertThat(u.what()).isEqualTo(CudaDriverProbe.WHAT));
    }

    @Test
    void aCpuWindowIsNothingForTheDriverToProve() {
        assertThat(new CudaDriverProbe().open(TestWindow.requesting("CudaProbeTest", "cpu-simd"))).isNull();
        assertThat(new CudaDriverProbe().open(TestWindow.of("CudaProbeTest"))).isNull();
    }
}
