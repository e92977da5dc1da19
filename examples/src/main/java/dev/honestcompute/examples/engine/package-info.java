/**
 * A small llama inference engine whose kernels carry {@link dev.honestcompute.recorder.Kernel}, so Honest Compute
 * receipts show which of them really ran: scalar Java ({@code cpu}), the Vector API ({@code cpu-simd}), ggml
 * Q8_0 weights, and a CUDA matmul through the driver API that reports an honest fallback when no GPU is usable.
 *
 * <pre>{@code
 * GeneratedModel tiny = TinyLlamaGenerator.generate(TinyLlamaSpec.tiny(42), Path.of("target/tiny"));
 * LlamaModel model = LlamaModel.loadHf(tiny.hfDirectory());          // or LlamaModel.loadGguf(...q8_0.gguf)
 * LlamaEngine engine = new LlamaEngine(model, ComputeBackend.simd()); // scalar() / simd() / q8_0() / cuda()
 * int[] tokens = engine.generate(new int[] {1, 300, 280}, 8);        // greedy
 * }</pre>
 *
 * <p>Runs on JDK 25 with {@code --add-modules jdk.incubator.vector}; the CUDA backend also wants
 * {@code --enable-native-access=ALL-UNNAMED}.
 */
package dev.honestcompute.examples.engine;
