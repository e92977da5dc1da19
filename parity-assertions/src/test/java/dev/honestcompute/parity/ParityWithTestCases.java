package dev.honestcompute.parity;

import dev.honestcompute.parity.reference.EngineIdentity;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

/** Test cases run only inside EngineTestKit by {@link ParityWithTest}; some fail on purpose. */
final class ParityWithTestCases {

    static final int VOCAB = 32;
    static final AtomicInteger CLOSED = new AtomicInteger();

    private ParityWithTestCases() {
    }

    /** Reference: logits[i][v] = sum over k <= i of w(token_k, v, k), accumulated forward in double. */
    static float[][] forwardDouble(ParityInput in) {
        int[] t = in.tokens();
        float[][] out = new float[t.length][VOCAB];
        for (int v = 0; v < VOCAB; v++) {
            double acc = 0;
            for (int i = 0; i < t.length; i++) {
                acc += weight(t[i], v, i);
                out[i][v] = (float) acc;
            }
        }
        return out;
    }

    /** Engine under test: the same sums, each accumulated backward in float (rounds differently). */
    static float[][] backwardFloat(ParityInput in) {
        int[] t = in.tokens();
        float[][] out = new float[t.length][VOCAB];
        for (int i = 0; i < t.length; i++) {
            for (int v = 0; v < VOCAB; v++) {
                float acc = 0f;
                for (int k = i; k >= 0; k--) {
                    acc += (float) weight(t[k], v, k);
                }
                out[i][v] = acc;
            }
        }
        return out;
    }

    static double weight(int token, int v, int k) {
        return Math.sin(token * 0.37 + v * 0.11) * Math.cos(k * 0.5);
    }

    static final ParityInput FOX = new ParityInput("fox", new int[] {3, 29, 28, 17, 5, 9}, 0);
    static final ParityInput DOG = new ParityInput("dog", new int[] {11, 12, 13}, 0);

    /** In-process reference, closed after the test. */
    public static final class ForwardDouble implements ParityReference {
        @Override
        public ParityEngine open(ParityContext context) {
            return new ClosingEngine();
        }
    }

    static final class ClosingEngine implements ParityEngine, AutoCloseable {
        @Override
        public EngineIdentity identity() {
            return new EngineIdentity("forward-double", "1", "double accumulation");
        }

        @Override
        public EngineOutput run(ParityInput input) {
            return EngineOutput.logits(forwardDouble(input));
        }

        @Override
        public void close() {
            CLOSED.incrementAndGet();
        }
    }

    /** Pretends to run in a container. */
    public static final class InContainer implements ParityReference {
        @Override
        public ParityEngine open(ParityContext context) {
            throw new IllegalStateException("must not be opened without Docker");
        }

        @Override
        public boolean needsDocker() {
            return true;
        }
    }

    static class Passing {
        @Test
        @ParityWith(reference = ForwardDouble.class, profile = "fp32")
        void backwardFloatMatches(ParityCheck parity) {
            parity.check(FOX, in -> EngineOutput.logits(backwardFloat(in)));
            parity.check(DOG, ParityEngine.of(new EngineIdentity("backward-float", "2", "float accumulation"),
                    in -> EngineOutput.logits(backwardFloat(in))));
        }
    }

    @ParityWith(reference = ForwardDouble.class, profile = "fp32")
    static class Perturbed {
        @Test
        void perturbedFails(ParityCheck parity) {
            parity.check(FOX, in -> {
                float[][] l = backwardFloat(in);
                l[2][5] += 0.01f;
                return EngineOutput.logits(l);
            });
        }
    }

    static class UnknownProfile {
        @Test
        @ParityWith(reference = ForwardDouble.class, profile = "fp33")
        void badProfile(ParityCheck parity) {
            parity.check(FOX, in -> EngineOutput.logits(backwardFloat(in)));
        }
    }

    static class NeverChecks {
        @Test
        @ParityWith(reference = ForwardDouble.class, profile = "fp32")
        void comparesNothing(ParityCheck parity) {
            parity.profile();
        }
    }

    static class Container {
        @Test
        @ParityWith(reference = InContainer.class, profile = "quantized-vs-fp32")
        void againstServer(ParityCheck parity) {
            parity.check(FOX, in -> EngineOutput.logits(backwardFloat(in)));
        }
    }
}
