package dev.honestcompute.examples.engine;

import dev.honestcompute.fixtures.format.SafetensorsReader;
import dev.honestcompute.fixtures.generator.TinyLlamaSpec;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An independent float64 llama forward pass (no KV-cache tricks: it recomputes every position), straight from the
 * HF safetensors and the generator's spec. The reference the scalar engine is checked against.
 */
final class Float64Llama {

    private final TinyLlamaSpec s;
    private final SafetensorsReader st;

    Float64Llama(TinyLlamaSpec spec, Path hfDir) throws IOException {
        this.s = spec;
        this.st = SafetensorsReader.read(hfDir.resolve("model.safetensors"));
    }

    /** Logits (float64) after each token of {@code tokens}. */
    double[][] logits(int[] tokens) throws IOException {
        int n = tokens.length;
        int h = s.hidden();
        int hd = s.headDim();
        double[][] x = new double[n][];
        double[] emb = d(st.floats("model.embed_tokens.weight"));
        for (int t = 0; t < n; t++) {
            x[t] = new double[h];
            System.arraycopy(emb, tokens[t] * h, x[t], 0, h);
        }
        for (int l = 0; l < s.layers(); l++) {
            String p = "model.layers." + l + ".";
            double[] wq = d(st.floats(p + "self_attn.q_proj.weight"));
            double[] wk = d(st.floats(p + "self_attn.k_proj.weight"));
            double[] wv = d(st.floats(p + "self_attn.v_proj.weight"));
            double[] wo = d(st.floats(p + "self_attn.o_proj.weight"));
            double[] g1 = d(st.floats(p + "input_layernorm.weight"));
            double[] g2 = d(st.floats(p + "post_attention_layernorm.weight"));
            double[] wg = d(st.floats(p + "mlp.gate_proj.weight"));
            double[] wu = d(st.floats(p + "mlp.up_proj.weight"));
            double[] wd = d(st.floats(p + "mlp.down_proj.weight"));
            double[][] q = new double[n][];
            double[][] k = new double[n][];
            double[][] v = new double[n][];
            for (int t = 0; t < n; t++) {
                double[] xn = rms(x[t], g1);
                q[t] = rope(mv(wq, xn, s.heads() * hd), s.heads(), t);
                k[t] = rope(mv(wk, xn, s.kvHeads() * hd), s.kvHeads(), t);
                v[t] = mv(wv, xn, s.kvHeads() * hd);
            }
            int group = s.heads() / s.kvHeads();
            for (int t = 0; t < n; t++) {
                double[] att = new double[s.heads() * hd];
                for (int head = 0; head < s.heads(); head++) {
                    int kvh = head / group;
                    double[] sc = new double[t + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u <= t; u++) {
                        double dot = 0;
                        for (int i = 0; i < hd; i++) {
                            dot += q[t][head * hd + i] * k[u][kvh * hd + i];
                        }
                        sc[u] = dot / Math.sqrt(hd);
                        max = Math.max(max, sc[u]);
                    }
                    double sum = 0;
                    for (int u = 0; u <= t; u++) {
                        sc[u] = Math.exp(sc[u] - max);
                        sum += sc[u];
                    }
                    for (int u = 0; u <= t; u++) {
                        for (int i = 0; i < hd; i++) {
                            att[head * hd + i] += sc[u] / sum * v[u][kvh * hd + i];
                        }
                    }
                }
                add(x[t], mv(wo, att, h));
                double[] xn = rms(x[t], g2);
                double[] gate = mv(wg, xn, s.intermediate());
                double[] up = mv(wu, xn, s.intermediate());
                for (int i = 0; i < gate.length; i++) {
                    gate[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
                }
                add(x[t], mv(wd, gate, h));
            }
        }
        double[] norm = d(st.floats("model.norm.weight"));
        double[] head = d(st.floats("lm_head.weight"));
        double[][] out = new double[n][];
        for (int t = 0; t < n; t++) {
            out[t] = mv(head, rms(x[t], norm), s.vocab());
        }
        return out;
    }

    private double[] rope(double[] v, int heads, int pos) {
        int hd = s.headDim();
        int half = hd / 2;
        double[] out = v.clone();
        for (int head = 0; head < heads; head++) {
            for (int i = 0; i < half; i++) {
                double a = pos / Math.pow(s.ropeTheta(), 2.0 * i / hd);
                double x0 = v[head * hd + i];
                double x1 = v[head * hd + half + i];
                out[head * hd + i] = x0 * Math.cos(a) - x1 * Math.sin(a);
                out[head * hd + half + i] = x1 * Math.cos(a) + x0 * Math.sin(a);
            }
        }
        return out;
    }

    private double[] rms(double[] x, double[] g) {
        double ss = 0;
        for (double v : x) {
            ss += v * v;
        }
        double r = 1 / Math.sqrt(ss / x.length + s.rmsEps());
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * r * g[i];
        }
        return out;
    }

    private static double[] mv(double[] w, double[] x, int rows) {
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < x.length; c++) {
                sum += w[r * x.length + c] * x[c];
            }
            out[r] = sum;
        }
        return out;
    }

    private static void add(double[] acc, double[] x) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += x[i];
        }
    }

    private static double[] d(float[] f) {
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }
}
