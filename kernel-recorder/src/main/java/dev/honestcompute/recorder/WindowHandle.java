package dev.honestcompute.recorder;

import dev.honestcompute.recorder.internal.Recording;

/** The recorder's {@link KernelWindow}: holds the window and the capability that closes it. */
final class WindowHandle implements KernelWindow {

    private final Object window;
    private final Object key = new Object();
    private final String owner;
    private final boolean production;

    WindowHandle(String owner, boolean production, boolean reference, String testLocation, String requestedBackend,
                 java.lang.reflect.AnnotatedElement[] test) {
        this.owner = owner;
        this.window = Recording.open(owner, production, reference, key, testLocation, requestedBackend, test);
        this.production = Recording.snapshot(window).production();
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public boolean production() {
        return production;
    }

    @Override
    public KernelObservations observations() {
        return new KernelObservations(Recording.snapshot(window));
    }

    @Override
    public void close() {
        Recording.close(window, key);
    }

    @Override
    public String toString() {
        return "KernelWindow[" + owner + (production ? ", production" : "") + "]";
    }
}
