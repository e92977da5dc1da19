package dev.honestcompute.recorder.it.attacks;

import java.lang.reflect.Method;

/**
 * Reflection whose target names appear nowhere in the class file (built from character codes at run time), so the
 * load-time scan cannot see it: the reflection guard must.
 */
public final class HidesTheName {

    private HidesTheName() {
    }

    public static void attack() throws ReflectiveOperationException {
        String name = decode(new int[] {100, 101, 118, 46, 104, 111, 110, 101, 115, 116, 99, 111, 109, 112, 117, 116,
            101, 46, 114, 101, 99, 111, 114, 100, 101, 114, 46, 105, 110, 116, 101, 114, 110, 97, 108, 46, 82, 101, 99,
            111, 114, 100, 105, 110, 103});
        Method exit = Class.forName(name).getDeclaredMethod(decode(new int[] {101, 120, 105, 116}), int.class,
                boolean.class, long.class);
        exit.setAccessible(true);
        for (int k = 1; k < 100; k++) {
            exit.invoke(null, k, false, -1L);
        }
    }

    private static String decode(int[] codes) {
        StringBuilder b = new StringBuilder();
        for (int c : codes) {
            b.append((char) c);
        }
        return b.toString();
    }
}
