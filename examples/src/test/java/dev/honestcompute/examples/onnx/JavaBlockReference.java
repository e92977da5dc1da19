package dev.honestcompute.examples.onnx;

import dev.honestcompute.parity.EngineOutput;
import dev.honestcompute.parity.ParityContext;
import dev.honestcompute.parity.ParityEngine;
import dev.honestcompute.parity.ParityReference;
import dev.honestcompute.parity.reference.EngineIdentity;

/**
 * A {@code @ParityWith} reference: {@link JavaBlockForward} on the test's own {@code @RequiresModel("tiny-onnx-block")}
 * fixture (same lockfile, same verified file ONNX Runtime loads).
 */
public final class JavaBlockReference implements ParityReference {

    /** The lockfile name of the model. */
    public static final String MODEL = "tiny-onnx-block";

    @Override
    public ParityEngine open(ParityContext context) throws Exception {
        JavaBlockForward forward = JavaBlockForward.load(context.model(MODEL).file("tiny-block.onnx"));
        return ParityEngine.of(new EngineIdentity("java-block-forward", "0.1.0",
                "plain Java float64 forward pass of the fixture's initializers"),
                in -> EngineOutput.logits(forward.logits(in.tokens())));
    }
}
