package dev.honestcompute.receipts.determinism;

import dev.honestcompute.fixtures.hash.Sha256;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One output of one run: its values (kept to locate the first difference) and the SHA-256 of its canonical encoding.
 *
 * <p>Canonical encoding: one tag byte ({@link OutputKind}), the element count as a little-endian int64, then every
 * element little-endian: float32/float64 by their raw IEEE-754 bits ({@code floatToRawIntBits}, so -0.0 and 0.0
 * differ and NaN payloads are kept: determinism means bit-identical), int32/int64 two's complement, bytes as is,
 * strings as UTF-8 bytes (count = byte count).
 */
final class RecordedOutput {

    private final String name;
    private final OutputKind kind;
    private final Object values;
    private final int length;
    private final String sha256;

    private RecordedOutput(String name, OutputKind kind, Object values, int length, byte[] canonical) {
        this.name = name;
        this.kind = kind;
        this.values = values;
        this.length = length;
        this.sha256 = sha256(canonical);
    }

    static RecordedOutput of(String name, float[] v) {
        ByteBuffer b = header(OutputKind.FLOAT32, v.length, 4);
        for (float f : v) {
            b.putInt(Float.floatToRawIntBits(f));
        }
        return new RecordedOutput(name, OutputKind.FLOAT32, v.clone(), v.length, b.array());
    }

    static RecordedOutput of(String name, double[] v) {
        ByteBuffer b = header(OutputKind.FLOAT64, v.length, 8);
        for (double d : v) {
            b.putLong(Double.doubleToRawLongBits(d));
        }
        return new RecordedOutput(name, OutputKind.FLOAT64, v.clone(), v.length, b.array());
    }

    static RecordedOutput of(String name, int[] v) {
        ByteBuffer b = header(OutputKind.INT32, v.length, 4);
        for (int i : v) {
            b.putInt(i);
        }
        return new RecordedOutput(name, OutputKind.INT32, v.clone(), v.length, b.array());
    }

    static RecordedOutput of(String name, long[] v) {
        ByteBuffer b = header(OutputKind.INT64, v.length, 8);
        for (long l : v) {
            b.putLong(l);
        }
        return new RecordedOutput(name, OutputKind.INT64, v.clone(), v.length, b.array());
    }

    static RecordedOutput of(String name, byte[] v) {
        ByteBuffer b = header(OutputKind.BYTES, v.length, 1);
        b.put(v);
        return new RecordedOutput(name, OutputKind.BYTES, v.clone(), v.length, b.array());
    }

    static RecordedOutput of(String name, String v) {
        byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = header(OutputKind.UTF8, utf8.length, 1);
        b.put(utf8);
        return new RecordedOutput(name, OutputKind.UTF8, v, v.length(), b.array());
    }

    private static ByteBuffer header(OutputKind kind, long count, int width) {
        long size = 1L + 8L + count * width;
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("output too large to digest in memory: " + count + " elements");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(kind.tag).putLong(count);
        return b;
    }

    private static String sha256(byte[] bytes) {
        return Sha256.of(bytes);
    }

    String name() {
        return name;
    }

    OutputKind kind() {
        return kind;
    }

    int length() {
        return length;
    }

    String sha256() {
        return sha256;
    }

    /**
     * Where this output first differs from {@code other} (same name): "index 17: 0.25 vs 0.2500001", a length or a
     * type difference. Call only when the digests differ.
     */
    String firstDifference(RecordedOutput other) {
        if (kind != other.kind) {
            return "type " + kind + " vs " + other.kind;
        }
        int common = Math.min(length, other.length);
        for (int i = 0; i < common; i++) {
            if (!sameElement(other, i)) {
                return "index " + i + ": " + element(i) + " vs " + other.element(i);
            }
        }
        if (length != other.length) {
            return "length " + length + " vs " + other.length + " (equal up to index " + (common - 1) + ")";
        }
        return "digests differ but no element does (encoding changed?)";
    }

    /** Index of the first differing element, or -1 when the difference is a type or a length beyond the prefix. */
    int firstDifferingIndex(RecordedOutput other) {
        if (kind != other.kind) {
            return -1;
        }
        int common = Math.min(length, other.length);
        for (int i = 0; i < common; i++) {
            if (!sameElement(other, i)) {
                return i;
            }
        }
        return length == other.length ? -1 : common;
    }

    String element(int i) {
        if (i >= length) {
            return "<absent>";
        }
        return switch (kind) {
            case FLOAT32 -> {
                float f = ((float[]) values)[i];
                yield f + String.format(Locale.ROOT, " (bits 0x%08x)", Float.floatToRawIntBits(f));
            }
            case FLOAT64 -> {
                double d = ((double[]) values)[i];
                yield d + String.format(Locale.ROOT, " (bits 0x%016x)", Double.doubleToRawLongBits(d));
            }
            case INT32 -> Integer.toString(((int[]) values)[i]);
            case INT64 -> Long.toString(((long[]) values)[i]);
            case BYTES -> Byte.toString(((byte[]) values)[i]);
            case UTF8 -> "'" + ((String) values).charAt(i) + "'";
        };
    }

    private boolean sameElement(RecordedOutput o, int i) {
        return switch (kind) {
            case FLOAT32 -> Float.floatToRawIntBits(((float[]) values)[i])
                    == Float.floatToRawIntBits(((float[]) o.values)[i]);
            case FLOAT64 -> Double.doubleToRawLongBits(((double[]) values)[i])
                    == Double.doubleToRawLongBits(((double[]) o.values)[i]);
            case INT32 -> ((int[]) values)[i] == ((int[]) o.values)[i];
            case INT64 -> ((long[]) values)[i] == ((long[]) o.values)[i];
            case BYTES -> ((byte[]) values)[i] == ((byte[]) o.values)[i];
            case UTF8 -> ((String) values).charAt(i) == ((String) o.values).charAt(i);
        };
    }
}
