package dev.honestcompute.recorder.it.attacks;

/** Reflection on the recorder's state by name: the string names the runtime. */
public final class FlipsTheCanary {

    private FlipsTheCanary() {
    }

    public static void attack() throws ReflectiveOperationException {
        java.lang.reflect.Field seen = Class.forName("dev.honestcompute.recorder.internal.Recording")
                .getDeclaredField("canarySeen");
        seen.setAccessible(true);
        seen.setBoolean(null, true);
    }
}
