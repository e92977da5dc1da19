package dev.honestcompute.recorder.it.fakes;

/** A fake in a configured mock package ({@code -Dhonestcompute.mock.packages}); no annotation needed. */
public class FakeMatmul {

    public void matmul(float[] a, float[] b, float[] out) {
        java.util.Arrays.fill(out, 1f);
    }
}
