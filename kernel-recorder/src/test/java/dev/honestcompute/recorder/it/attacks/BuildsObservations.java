package dev.honestcompute.recorder.it.attacks;

import dev.honestcompute.recorder.KernelObservations;

import java.lang.invoke.MethodHandles;

/** Tries to construct observations with a private lookup, since there is no public constructor. */
public final class BuildsObservations {

    private BuildsObservations() {
    }

    public static Object attack() throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(KernelObservations.class, MethodHandles.lookup());
        return lookup;
    }
}
