package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.boot.Bridge;

/**
 * Installs the {@link Propagation} hooks into the boot {@link Bridge}. A class of its own, loaded only after the
 * bridge is on the boot class path: a reference from {@link AgentInstaller} itself could make the verifier load the
 * bridge (through the application class loader) before that.
 */
final class BridgeInstall {

    private BridgeInstall() {
    }

    static void install(boolean futureTasksCarry) {
        if (Bridge.class.getClassLoader() != null) {
            throw new IllegalStateException("the boot bridge was loaded by " + Bridge.class.getClassLoader());
        }
        Bridge.install(new Propagation(futureTasksCarry));
    }
}
