package dev.honestcompute.examples.receipts;

import dev.honestcompute.examples.engine.ComputeBackend;
import dev.honestcompute.examples.engine.LlamaEngine;
import dev.honestcompute.examples.engine.LlamaModel;
import dev.honestcompute.examples.engine.WeightMatrix;
import dev.honestcompute.receipts.EmitsReceipt;
import dev.honestcompute.receipts.RequiresModel;
import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;
import dev.honestcompute.recorder.MockCompute;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** Tests that must fail, run only inside EngineTestKit by {@link NegativeDemosTest}; excluded from Surefire. */
final class NegativeDemosTestCases {

    private NegativeDemosTestCases() {
    }

    /** A test double a developer might wire in "just for this test": it must never reach a production path. */
    @MockCompute
    static final class FakeMatmulBackend implements ComputeBackend {
        private final ComputeBackend real = ComputeBackend.scalar();

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String effectiveBackend() {
            return "cpu";
        }

        @Override
        public void matmul(WeightMatrix w, float[] x, float[] out) {
            java.util.Arrays.fill(out, 0f); // pretends to compute
        }

        @Override
        public void rmsnorm(float[] x, float[] weight, float eps, float[] out) {
            real.rmsnorm(x, weight, eps, out);
        }

        @Override
        public void attentionScores(float[] q, int qOff, float[] keys, int kvOff, int stride, int positions,
                                    int headDim, float scale, float[] scores) {
            real.attentionScores(q, qOff, keys, kvOff, stride, positions, headDim, scale, scores);
        }

        @Override
        public void softmax(float[] x, int len) {
            real.softmax(x, len);
        }

        @Override
        public void attentionValues(float[] weights, float[] values, int kvOff, int stride, int positions,
                                    int headDim, float[] out, int outOff) {
            real.attentionValues(weights, values, kvOff, stride, positions, headDim, out, outOff);
        }
    }

    static class MockLeak {
        @Test
        @RequiresModel("tiny-llama-hf")
        @EmitsReceipt
        void mockBackendInAProductionTest(Path model) throws Exception {
            try {
                new LlamaEngine(LlamaModel.loadHf(model), new FakeMatmulBackend()).generate(TinyLlamaReceiptsTest.PROMPT, 2);
            } catch (Exception swallowed) {
                // a catch-all cannot hide the leak: MockComputeLeakError is an Error
            }
        }
    }

    static class MockOutsideProduction {
        @Test
        @RequiresModel("tiny-llama-hf")
        void unitTestWithTheSameMockIsFine(Path model) throws Exception {
            int[] tokens = new LlamaEngine(LlamaModel.loadHf(model), new FakeMatmulBackend())
                    .generate(TinyLlamaReceiptsTest.PROMPT, 2);
            if (tokens.length != 2) {
                throw new AssertionError("expected 2 tokens, got " + tokens.length);
            }
        }
    }

    static class MissingModel {
        @Test
        @RequiresModel("tiny-llama-hf")
        @EmitsReceipt
        void modelNotInTheCache(Path model) {
            throw new AssertionError("must not run without its model, got " + model);
        }
    }

    static class CudaRequired {
        @Test
        @RequiresModel("tiny-llama-hf")
        @EmitsReceipt(backend = "cuda")
        void requiresCudaWithoutAllowingFallback(Path model) throws Exception {
            new LlamaEngine(LlamaModel.loadHf(model), ComputeBackend.cuda()).generate(TinyLlamaReceiptsTest.PROMPT, 2);
        }
    }

    /** A kernel declared wrong: no CPU has "avx1024", so a receipt in which it ran cannot be true. */
    static final class MisdeclaredKernels {
        private MisdeclaredKernels() {
        }

        @Kernel(id = "dot_f32_avx1024", backend = Backend.CPU_SIMD, requires = "avx1024")
        static float dot(float[] a, float[] b) {
            float sum = 0f;
            for (int i = 0; i < a.length; i++) {
                sum += a[i] * b[i];
            }
            return sum;
        }
    }

    static class KernelNeedsAFeatureNoHostHas {
        @Test
        @EmitsReceipt(backend = "cpu-simd")
        void misdeclaredKernelRan() {
            if (MisdeclaredKernels.dot(new float[] {1, 2}, new float[] {3, 4}) != 11f) {
                throw new AssertionError("dot product");
            }
        }
    }

    /** Claims Q8_0 but loads the F32 safetensors model: only f32 kernels can run. */
    static class QuantizationClaimOnAnF32Model {
        @Test
        @RequiresModel("tiny-llama-hf")
        @EmitsReceipt(backend = "cpu", quantization = "q8_0")
        void claimsQ8ZeroRunsF32(Path model) throws Exception {
            new LlamaEngine(LlamaModel.loadHf(model), ComputeBackend.scalar()).generate(TinyLlamaReceiptsTest.PROMPT, 2);
        }
    }

    /** The same claim, honest: the GGUF Q8_0 model on the Q8_0 backend runs matmul_q8_0. */
    static class HonestQ8Zero {
        @Test
        @RequiresModel("tiny-llama-gguf-q8_0")
        @EmitsReceipt(backend = "cpu", quantization = "q8_0")
        void q8ZeroGeneration(Path gguf) throws Exception {
            new LlamaEngine(LlamaModel.loadGguf(gguf), ComputeBackend.q8_0()).generate(TinyLlamaReceiptsTest.PROMPT, 2);
        }
    }

    static class HonestScalar {
        @Test
        @RequiresModel("tiny-llama-hf")
        @EmitsReceipt(backend = "cpu")
        void scalarGeneration(Path model) throws Exception {
            new LlamaEngine(LlamaModel.loadHf(model), ComputeBackend.scalar()).generate(TinyLlamaReceiptsTest.PROMPT, 2);
        }
    }

    /**
     * A test that turns itself green by writing its own receipt: an honest scalar run, then a copy of its receipt
     * under another test's name, edited to claim CUDA. The run summary of the session lists only what
     * {@code @EmitsReceipt} wrote, so the verifier names the hand-written file.
     */
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
    static class WritesItsOwnReceipt {
        @Test
        @org.junit.jupiter.api.Order(1)
        @RequiresModel("tiny-llama-hf")
        @EmitsReceipt(backend = "cpu")
        void scalarGeneration(Path model) throws Exception {
            new LlamaEngine(LlamaModel.loadHf(model), ComputeBackend.scalar()).generate(TinyLlamaReceiptsTest.PROMPT, 2);
        }

        /** What the forging test was told, one line per refused write (it swallows the refusals). */
        static final java.util.List<String> REFUSALS = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Test
        @org.junit.jupiter.api.Order(2)
        void forgesACudaReceipt() throws Exception {
            Path receipts = Path.of(System.getProperty("honestcompute.demo.receipts"));
            Path honest;
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(receipts)) {
                honest = files.filter(p -> p.toString().endsWith("scalarGeneration.json")).findFirst().orElseThrow();
            }
            String forged = java.nio.file.Files.readString(honest).replace("\"backend\": \"cpu\"",
                    "\"backend\": \"cuda\"").replace("scalarGeneration", "cudaGeneration");
            try {
                java.nio.file.Files.writeString(honest.resolveSibling("cudaGeneration.json"), forged);
            } catch (SecurityException e) {
                REFUSALS.add(e.getMessage());
            }
            // the same bytes written elsewhere and moved in, and a run summary of its own: refused alike
            Path elsewhere = java.nio.file.Files.createTempFile("forged", ".json");
            java.nio.file.Files.writeString(elsewhere, forged);
            try {
                java.nio.file.Files.move(elsewhere, honest.resolveSibling("cudaGeneration.json"));
            } catch (SecurityException e) {
                REFUSALS.add(e.getMessage());
            }
            try (java.io.FileOutputStream out = new java.io.FileOutputStream(receipts.resolve("run-summary.json")
                    .toFile())) {
                out.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (SecurityException e) {
                REFUSALS.add(e.getMessage());
            }
            // through a symbolic link elsewhere that points into the directory
            Path link = elsewhere.resolveSibling(elsewhere.getFileName() + "-link");
            java.nio.file.Files.createSymbolicLink(link, honest.getParent());
            try {
                java.nio.file.Files.writeString(link.resolve("cudaGeneration.json"), forged);
            } catch (SecurityException e) {
                REFUSALS.add(e.getMessage());
            }
            java.nio.file.Files.deleteIfExists(link);
            java.nio.file.Files.deleteIfExists(elsewhere);
        }
    }
}
