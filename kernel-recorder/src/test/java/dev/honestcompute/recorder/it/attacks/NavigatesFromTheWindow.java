package dev.honestcompute.recorder.it.attacks;

import dev.honestcompute.recorder.KernelWindow;

import java.lang.reflect.Field;

/** Starts from a public object and walks into the recorder's private state, naming nothing internal. */
public final class NavigatesFromTheWindow {

    private NavigatesFromTheWindow() {
    }

    public static void attack(KernelWindow window) throws ReflectiveOperationException {
        for (Field f : window.getClass().getDeclaredFields()) {
            f.setAccessible(true);
            Object state = f.get(window);
            for (Field g : state.getClass().getDeclaredFields()) {
                g.setAccessible(true);
            }
        }
    }
}
