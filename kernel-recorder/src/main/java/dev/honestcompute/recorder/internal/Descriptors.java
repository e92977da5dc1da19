package dev.honestcompute.recorder.internal;

/** Reads JVM method descriptors ({@code (I[JLjava/lang/String;)V}) without a bytecode library. */
final class Descriptors {

    private Descriptors() {
    }

    /** Number of parameters declared by {@code descriptor}. */
    static int parameterCount(String descriptor) {
        int count = 0;
        for (int i = 1; descriptor.charAt(i) != ')'; i = next(descriptor, i)) {
            count++;
        }
        return count;
    }

    /**
     * Local-variable slots of the parameters, in order ({@code long} and {@code double} take two); instance methods
     * start at slot 1 after {@code this}.
     */
    static int[] parameterSlots(String descriptor, boolean isStatic) {
        int[] slots = new int[parameterCount(descriptor)];
        int slot = isStatic ? 0 : 1;
        int p = 0;
        for (int i = 1; descriptor.charAt(i) != ')'; i = next(descriptor, i)) {
            slots[p++] = slot;
            char c = descriptor.charAt(i);
            slot += c == 'J' || c == 'D' ? 2 : 1;
        }
        return slots;
    }

    /** Whether the method returns {@code int}. */
    static boolean returnsInt(String descriptor) {
        return descriptor.endsWith(")I");
    }

    private static int next(String d, int i) {
        while (d.charAt(i) == '[') {
            i++;
        }
        return d.charAt(i) == 'L' ? d.indexOf(';', i) + 1 : i + 1;
    }
}
