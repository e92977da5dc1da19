package dev.honestcompute.examples.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the float initializers of an ONNX model ({@code ModelProto.graph.initializer}: name, dims, raw_data) straight
 * from the protobuf wire format, so the plain-Java reference computes on the very bytes ONNX Runtime loads.
 * Only what the fixture uses is supported (FLOAT tensors stored as {@code raw_data}); anything else is an error naming
 * the tensor.
 */
final class OnnxInitializers {

    /** One float initializer. */
    record Tensor(String name, long[] dims, float[] data) {
    }

    private static final int FLOAT = 1;
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private OnnxInitializers() {
    }

    static Map<String, Tensor> read(Path onnx) throws IOException {
        if (Files.size(onnx) > MAX_BYTES) {
            throw new IOException(onnx + " is larger than " + MAX_BYTES + " bytes; not a tiny fixture");
        }
        return parse(Files.readAllBytes(onnx), onnx.toString());
    }

    static Map<String, Tensor> parse(byte[] model, String source) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Wire m = new Wire(model, 0, model.length, source);
        while (m.more()) {
            int tag = m.tag();
            if (tag >>> 3 == 7 && (tag & 7) == 2) {                       // ModelProto.graph
                Wire g = m.message();
                while (g.more()) {
                    int gt = g.tag();
                    if (gt >>> 3 == 5 && (gt & 7) == 2) {                  // GraphProto.initializer
                        Tensor t = tensor(g.message());
                        if (t != null) {
                            out.put(t.name(), t);
                        }
                    } else {
                        g.skip(gt);
                    }
                }
            } else {
                m.skip(tag);
            }
        }
        if (out.isEmpty()) {
            throw new IOException(source + ": no float initializers found; is this an ONNX model?");
        }
        return out;
    }

    private static Tensor tensor(Wire t) throws IOException {
        java.util.List<Long> dims = new java.util.ArrayList<>();
        long type = 0;
        String name = null;
        byte[] raw = null;
        while (t.more()) {
            int tag = t.tag();
            int field = tag >>> 3;
            if (field == 1 && (tag & 7) == 2) {
                Wire packed = t.message();
                while (packed.more()) {
                    dims.add(packed.varint());
                }
            } else if (field == 1 && (tag & 7) == 0) {
                dims.add(t.varint());
            } else if (field == 2 && (tag & 7) == 0) {
                type = t.varint();
            } else if (field == 8 && (tag & 7) == 2) {
                name = new String(t.bytes(), StandardCharsets.UTF_8);
            } else if (field == 9 && (tag & 7) == 2) {
                raw = t.bytes();
            } else {
                t.skip(tag);
            }
        }
        if (type != FLOAT) {
            return null; // int64 helpers (mask slice starts): not weights
        }
        long count = 1;
        long[] d = new long[dims.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = dims.get(i);
            count *= d[i];
        }
        if (raw == null || raw.length != count * 4) {
            throw new IOException(t.source + ": float initializer '" + name + "' with dims "
                    + java.util.Arrays.toString(d) + " needs " + count * 4 + " raw_data bytes, has "
                    + (raw == null ? "none" : raw.length));
        }
        float[] data = new float[(int) count];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return new Tensor(name, d, data);
    }

    /** A bounded view of protobuf bytes. */
    private static final class Wire {
        private final byte[] b;
        private int pos;
        private final int end;
        final String source;

        Wire(byte[] b, int from, int to, String source) {
            this.b = b;
            this.pos = from;
            this.end = to;
            this.source = source;
        }

        boolean more() {
            return pos < end;
        }

        int tag() throws IOException {
            long tag = varint();
            if (tag <= 0 || tag > Integer.MAX_VALUE) {
                throw error("invalid field tag " + tag);
            }
            return (int) tag;
        }

        long varint() throws IOException {
            long v = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                if (pos >= end) {
                    throw error("truncated varint");
                }
                int x = b[pos++] & 0xff;
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw error("varint longer than ten bytes");
        }

        byte[] bytes() throws IOException {
            int n = length();
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        Wire message() throws IOException {
            int n = length();
            Wire w = new Wire(b, pos, pos + n, source);
            pos += n;
            return w;
        }

        void skip(int tag) throws IOException {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> advance(8);
                case 2 -> advance(length());
                case 5 -> advance(4);
                default -> throw error("unsupported wire type " + (tag & 7) + " of field " + (tag >>> 3));
            }
        }

        private int length() throws IOException {
            long n = varint();
            if (n < 0 || n > end - pos) {
                throw error("length " + n + " runs past the end of its message (" + (end - pos) + " bytes left)");
            }
            return (int) n;
        }

        private void advance(int n) throws IOException {
            if (n > end - pos) {
                throw error("field runs past the end of its message");
            }
            pos += n;
        }

        private IOException error(String what) {
            return new IOException(source + ": not a valid ONNX protobuf at byte " + pos + ": " + what);
        }
    }
}
