package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.Kernel;

import java.io.IOException;
import java.util.stream.IntStream;

/**
 * Kernels whose bytecode takes the shapes that make inserted code hard: a loop header at offset 0, the method's own
 * handlers (which must keep precedence), finally blocks, long and double locals in stack map frames, monitors,
 * switches, uninitialized objects on the stack at a branch, every return type, recursion, lambdas and an
 * interface's default and static methods.
 */
public class BytecodeShapes {

    static int finallyRuns;

    private final long base;

    public BytecodeShapes(long base) {
        this.base = base;
    }

    /** javac compiles the condition first, so offset 0 is a branch target with its own frame. */
    @Kernel(id = "shape.loop_at_start")
    public static int loopAtStart(int n) {
        while (n > 10) {
            n -= 3;
        }
        return n;
    }

    /** The method's own handler starts at offset 0 and must catch before the recorder's does. */
    @Kernel(id = "shape.own_handler")
    public static int parseOr(String text, int fallback) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Kernel(id = "shape.finally")
    public static int withFinally(boolean fail) {
        try {
            if (fail) {
                throw new IllegalStateException("asked to fail");
            }
            return 1;
        } finally {
            finallyRuns++;
        }
    }

    /** Long and double parameters and locals live in every frame of the loop. */
    @Kernel(id = "shape.wide_locals")
    public static double wideLocals(long a, double b, int n) {
        long acc = a;
        double scale = b;
        for (int i = 0; i < n; i++) {
            acc += i;
            scale *= 0.5;
        }
        return acc + scale;
    }

    @Kernel(id = "shape.synchronized")
    public synchronized long synchronizedAdd(long x) {
        synchronized (this) {
            return base + x;
        }
    }

    @Kernel(id = "shape.switch")
    public static String switches(int k) {
        switch (k) {
            case 0:
                return "zero";
            case 1:
                return "one";
            case 2:
                return "two";
            default:
                break;
        }
        switch (k) {
            case 100:
                return "hundred";
            case 100_000:
                return "lakh";
            default:
                return "other";
        }
    }

    /** A branch while an uninitialized StringBuilder is on the stack. */
    @Kernel(id = "shape.uninitialized")
    public static String uninitializedOnStack(boolean c) {
        return new StringBuilder(c ? "yes" : "no").append('!').toString();
    }

    @Kernel(id = "shape.void")
    public void returnsVoid(int[] out) {
        if (out.length == 0) {
            return;
        }
        out[0] = (int) base;
    }

    @Kernel(id = "shape.boolean")
    public static boolean returnsBoolean(int x) {
        return x > 0;
    }

    @Kernel(id = "shape.char")
    public static char returnsChar(int x) {
        return (char) ('a' + x);
    }

    @Kernel(id = "shape.float_array")
    public static float[] returnsArray(int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = i * 0.5f;
        }
        return out;
    }

    @Kernel(id = "shape.recursive")
    public static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    /** The lambda body is a separate synthetic method: not a kernel, never counted. */
    @Kernel(id = "shape.lambda")
    public static int sumOfSquares(int n) {
        return IntStream.range(0, n).map(i -> i * i).sum();
    }

    /** An interface's default and static methods are kernels like any other. */
    public interface Activation {
        @Kernel(id = "shape.interface_default")
        default float apply(float x) {
            return x > 0 ? x : 0.01f * x;
        }

        @Kernel(id = "shape.interface_static")
        static float twice(float x) {
            return 2 * x;
        }
    }

    @Kernel(id = "shape.checked")
    public static int checkedThrow(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("disk on fire");
        }
        return 7;
    }

    /** Catches an exception thrown deeper down and returns normally: a successful call. */
    @Kernel(id = "shape.caught_inside")
    public static int caughtInside() {
        int caught = 0;
        for (int i = 0; i < 3; i++) {
            try {
                checkedThrow(i == 1);
            } catch (IOException e) {
                caught++;
            }
        }
        return caught;
    }
}
