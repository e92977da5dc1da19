package dev.honestcompute.receipts.determinism;

/** The type of a recorded output; part of its canonical encoding, so a float[] and an int[] never collide. */
public enum OutputKind {
    FLOAT32(1), FLOAT64(2), INT32(3), INT64(4), BYTES(5), UTF8(6);

    final byte tag;

    OutputKind(int tag) {
        this.tag = (byte) tag;
    }
}
