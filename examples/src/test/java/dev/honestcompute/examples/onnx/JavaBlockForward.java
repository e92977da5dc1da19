package dev.honestcompute.examples.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The tiny block's forward pass in plain Java with float64 accumulation, on the initializers read from the ONNX file
 * itself: an independent reference for ONNX Runtime (same weights, no shared code, no ONNX Runtime).
 *
 * <pre>{@code
 * float[][] logits = JavaBlockForward.load(onnx).logits(new int[] {1, 5, 7});
 * }</pre>
 */
final class JavaBlockForward {

    private final Map<String, OnnxInitializers.Tensor> w;
    private final int vocab;
    private final int hidden;
    private final int ffn;
    private final double scale;

    private JavaBlockForward(Map<String, OnnxInitializers.Tensor> w) {
        this.w = w;
        this.vocab = (int) tensor("embed").dims()[0];
        this.hidden = (int) tensor("embed").dims()[1];
        this.ffn = (int) tensor("mlp.w1").dims()[1];
        this.scale = tensor("attn.scale").data()[0];
    }

    static JavaBlockForward load(Path onnx) throws IOException {
        return new JavaBlockForward(OnnxInitializers.read(onnx));
    }

    int vocabularySize() {
        return vocab;
    }

    float[][] logits(int[] tokens) {
        int n = tokens.length;
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            if (tokens[i] < 0 || tokens[i] >= vocab) {
                throw new IllegalArgumentException("token " + tokens[i] + " at " + i + " is outside 0.." + (vocab - 1));
            }
            x[i] = row(tensor("embed"), tokens[i]);
        }
        double[][] q = matmul(x, "attn.wq");
        double[][] k = matmul(x, "attn.wk");
        double[][] v = matmul(x, "attn.wv");
        double[][] heads = new double[n][hidden];
        for (int i = 0; i < n; i++) {
            double[] s = new double[i + 1];          // causal: position i sees 0..i
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j <= i; j++) {
                s[j] = dot(q[i], k[j]) * scale;
                max = Math.max(max, s[j]);
            }
            double sum = 0;
            for (int j = 0; j <= i; j++) {
                s[j] = Math.exp(s[j] - max);
                sum += s[j];
            }
            for (int j = 0; j <= i; j++) {
                for (int c = 0; c < hidden; c++) {
                    heads[i][c] += s[j] / sum * v[j][c];
                }
            }
        }
        double[][] r = add(x, matmul(heads, "attn.wo"));
        double[][] h = matmul(r, "mlp.w1");
        float[] b1 = tensor("mlp.b1").data();
        for (double[] row : h) {
            for (int c = 0; c < ffn; c++) {
                row[c] = Math.max(0, row[c] + b1[c]);
            }
        }
        double[][] f = matmul(h, "mlp.w2");
        float[] b2 = tensor("mlp.b2").data();
        for (double[] row : f) {
            for (int c = 0; c < hidden; c++) {
                row[c] += b2[c];
            }
        }
        double[][] logits = matmul(add(r, f), "unembed");
        float[][] out = new float[n][vocab];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < vocab; c++) {
                out[i][c] = (float) logits[i][c];
            }
        }
        return out;
    }

    private OnnxInitializers.Tensor tensor(String name) {
        OnnxInitializers.Tensor t = w.get(name);
        if (t == null) {
            throw new IllegalStateException("the ONNX file has no initializer '" + name + "'; have " + w.keySet());
        }
        return t;
    }

    private static double[] row(OnnxInitializers.Tensor t, int r) {
        int cols = (int) t.dims()[1];
        double[] out = new double[cols];
        for (int c = 0; c < cols; c++) {
            out[c] = t.data()[r * cols + c];
        }
        return out;
    }

    /** {@code x · W} for W stored [in, out] row-major, as ONNX MatMul multiplies. */
    private double[][] matmul(double[][] x, String weight) {
        OnnxInitializers.Tensor t = tensor(weight);
        int in = (int) t.dims()[0];
        int out = (int) t.dims()[1];
        double[][] y = new double[x.length][out];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < in; k++) {
                double xi = x[i][k];
                for (int c = 0; c < out; c++) {
                    y[i][c] += xi * t.data()[k * out + c];
                }
            }
        }
        return y;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i].clone();
            for (int c = 0; c < y[i].length; c++) {
                y[i][c] += b[i][c];
            }
        }
        return y;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
