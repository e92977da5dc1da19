package dev.honestcompute.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The committed PTX is what {@code src/main/cuda/matmul.cu} compiles to. Needs {@code nvcc} on the PATH (CUDA 13
 * here); without it the test fails with instructions. Hosts without the CUDA toolkit deselect it explicitly with
 * {@code -DexcludedGroups=nvcc}, which Surefire reports as a smaller test count.
 */
@Tag("nvcc")
class CudaPtxResourceTest {

    static final List<String> NVCC_ARGS = List.of("-ptx", "-arch=compute_75");

    @Test
    void committedPtxIsWhatNvccBuildsFromMatmulCu() throws Exception {
        Path cu = Path.of("src", "main", "cuda", "matmul.cu");
        assertThat(cu).as("CUDA source of the PTX resource").isRegularFile();
        Path nvcc = findNvcc();
        Path out = Files.createDirectories(Path.of("target", "nvcc")).resolve("matmul.ptx");
        List<String> command = new java.util.ArrayList<>(List.of(nvcc.toString()));
        command.addAll(NVCC_ARGS);
        command.addAll(List.of("-o", out.toString(), cu.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("nvcc finished within 120 s").isTrue();
        assertThat(p.exitValue()).as("%s failed:%n%s", String.join(" ", command), log).isZero();

        String rebuilt = Files.readString(out, StandardCharsets.US_ASCII);
        String committed = CudaMatmul.ptx();
        assertThat(withoutComments(committed))
                .as("src/main/resources/dev/honestcompute/examples/engine/matmul.ptx is stale; rebuild it with: "
                        + "nvcc -ptx -arch=compute_75 -o src/main/resources/dev/honestcompute/examples/engine/matmul.ptx "
                        + "src/main/cuda/matmul.cu (from examples/)")
                .isEqualTo(withoutComments(rebuilt));
        assertThat(committed).contains(".visible .entry " + CudaMatmul.FUNCTION + "(");
    }

    /** PTX comment lines carry the compiler build id; the code must match, the banner may differ by nvcc patch. */
    private static String withoutComments(String ptx) {
        return ptx.lines().filter(l -> !l.startsWith("//")).reduce("", (a, b) -> a + b + "\n");
    }

    private static Path findNvcc() {
        String cudaHome = System.getenv("CUDA_HOME");
        List<Path> candidates = new java.util.ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "nvcc"));
            }
        }
        if (cudaHome != null) {
            candidates.add(Path.of(cudaHome, "bin", "nvcc"));
        }
        candidates.add(Path.of("/usr/local/cuda/bin/nvcc"));
        for (Path c : candidates) {
            if (Files.isExecutable(c)) {
                return c;
            }
        }
        throw new AssertionError("nvcc (the CUDA toolkit compiler) is not on the PATH, in $CUDA_HOME/bin or "
                + "/usr/local/cuda/bin, so the committed matmul.ptx cannot be checked against src/main/cuda/matmul.cu. "
                + "Install the CUDA toolkit, or deselect this check explicitly with -DexcludedGroups=nvcc.");
    }
}
