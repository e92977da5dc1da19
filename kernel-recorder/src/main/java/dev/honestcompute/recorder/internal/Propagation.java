package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.boot.Bridge;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.FutureTask;

/**
 * What the code the agent inserts into {@code java.util.concurrent} and the JDK's reflection calls, through
 * {@link Bridge}: a window's context travels with the work its thread causes (tasks created or submitted while it
 * is current run in it, wherever they run), and reflective access to the recorder's private state is refused
 * ({@link ReflectionGuard}). Work created outside every window runs as background, even on a pool thread that was
 * created by a window's thread.
 */
final class Propagation implements Bridge.Hooks {

    /** Whether {@code FutureTask} carries its own context (hooked at first load); if not, executors wrap it. */
    private final boolean futureTasksCarry;

    Propagation(boolean futureTasksCarry) {
        this.futureTasksCarry = futureTasksCarry;
    }

    @Override
    public Object capture() {
        return Recording.current();
    }

    @Override
    public Object enter(Object context) {
        return Recording.enter(context instanceof Node ? (Node) context : null);
    }

    @Override
    public void leave(Object previous) {
        Recording.leave(previous instanceof Node ? (Node) previous : null);
    }

    @Override
    public Runnable wrap(Runnable command) {
        if (command instanceof Carried || (futureTasksCarry && command instanceof FutureTask)) {
            return command;
        }
        Node n = Recording.current();
        if (n == null && Recording.open().isEmpty()) {
            return command;
        }
        return new Carried(command, n);
    }

    @Override
    public boolean denied(Object member, Class<?> caller, Class<?> declaringClass, boolean throwIfDenied) {
        return ReflectionGuard.denied(member, caller, declaringClass, throwIfDenied);
    }

    @Override
    public void privateLookup(Class<?> target, MethodHandles.Lookup caller) throws IllegalAccessException {
        ReflectionGuard.privateLookup(target, caller);
    }

    @Override
    public void checkWrite(Object target, Object how) {
        FileGuard.check(target, how);
    }

    /** A command submitted to an executor, run in the context of the thread that submitted it. */
    static final class Carried implements Runnable {
        private final Runnable command;
        private final Node context;

        Carried(Runnable command, Node context) {
            this.command = command;
            this.context = context;
        }

        @Override
        public void run() {
            Node previous = Recording.enter(context);
            try {
                command.run();
            } finally {
                Recording.leave(previous);
            }
        }

        @Override
        public String toString() {
            return command.toString();
        }
    }
}
