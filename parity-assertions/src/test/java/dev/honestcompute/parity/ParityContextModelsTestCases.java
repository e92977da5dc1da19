package dev.honestcompute.parity;

import dev.honestcompute.fixtures.cache.ModelFixture;
import dev.honestcompute.parity.reference.EngineIdentity;
import dev.honestcompute.receipts.RequiresModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Run only inside EngineTestKit by {@link ParityContextModelsTest}. */
final class ParityContextModelsTestCases {

    /** Paths the reference and the test body saw, to compare. */
    static final List<Path> SEEN = new ArrayList<>();

    private ParityContextModelsTestCases() {
    }

    /** Scales the toy logits by the number stored in the model file it gets from the test's @RequiresModel. */
    public static final class ScaledByModel implements ParityReference {
        @Override
        public ParityEngine open(ParityContext context) throws Exception {
            Path file = context.model("scale").file("scale.txt");
            SEEN.add(file);
            float scale = Float.parseFloat(Files.readString(file).trim());
            return ParityEngine.of(new EngineIdentity("scaled", "1", file.toString()), in -> {
                float[][] l = ParityWithTestCases.forwardDouble(in);
                for (float[] row : l) {
                    for (int v = 0; v < row.length; v++) {
                        row[v] *= scale;
                    }
                }
                return EngineOutput.logits(l);
            });
        }
    }

    /** Asks for a model its test does not require. */
    public static final class WantsAnotherModel implements ParityReference {
        @Override
        public ParityEngine open(ParityContext context) {
            context.model("not-required");
            throw new AssertionError("unreachable: model() must have thrown");
        }
    }

    static class ReferenceSharesTheModel {
        @Test
        @RequiresModel("scale")
        @ParityWith(reference = ScaledByModel.class, profile = "fp32")
        void referenceReadsTheTestsVerifiedModel(ModelFixture model, ParityCheck parity) throws Exception {
            SEEN.add(model.file("scale.txt"));
            float scale = Float.parseFloat(Files.readString(model.file("scale.txt")).trim());
            parity.check(ParityWithTestCases.FOX, in -> {
                float[][] l = ParityWithTestCases.forwardDouble(in);
                for (float[] row : l) {
                    for (int v = 0; v < row.length; v++) {
                        row[v] *= scale;
                    }
                }
                return EngineOutput.logits(l);
            });
        }
    }

    static class UndeclaredModel {
        @Test
        @RequiresModel("scale")
        @ParityWith(reference = WantsAnotherModel.class, profile = "fp32")
        void referenceAsksForAModelTheTestDoesNotRequire(ParityCheck parity) {
            parity.check(ParityWithTestCases.FOX, in -> EngineOutput.logits(ParityWithTestCases.forwardDouble(in)));
        }
    }
}
