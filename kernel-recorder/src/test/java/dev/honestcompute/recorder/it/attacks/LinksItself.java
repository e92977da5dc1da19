package dev.honestcompute.recorder.it.attacks;

import dev.honestcompute.recorder.internal.Linkage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Calls the recorder's call-site bootstrap directly, hoping for a handle that counts a kernel. */
public final class LinksItself {

    private LinksItself() {
    }

    public static void attack() throws Throwable {
        for (int site = 0; site < 64; site++) {
            Linkage.link(MethodHandles.lookup(), "EXIT", MethodType.methodType(void.class, boolean.class, long.class),
                    site).dynamicInvoker().invoke(false, -1L);
        }
    }
}
