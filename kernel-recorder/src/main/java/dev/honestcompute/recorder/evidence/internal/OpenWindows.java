package dev.honestcompute.recorder.evidence.internal;

import dev.honestcompute.recorder.evidence.EvidenceSink;
import dev.honestcompute.recorder.evidence.EvidenceSource;
import dev.honestcompute.recorder.internal.Recording;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The recording windows one evidence source is watching, so that an engine call (a session run, a model load) is
 * attributed the way the recorder attributes kernel calls: to the innermost watched window of the calling work's
 * context (the recorder's, which follows work handed to executors, {@code KernelRecorder.wrap} and pool threads),
 * else to the innermost window opened on the calling thread, else to the only window open anywhere, else to none
 * (several windows open and the call belongs to none of them: not guessed). Not API.
 *
 * @param <C> the source's per-window capture
 */
public final class OpenWindows<C> {

    private final ThreadLocal<Deque<C>> onThread = new ThreadLocal<>();
    private final Set<C> open = ConcurrentHashMap.newKeySet();
    /** The recorder's window (an opaque token) each capture watches, and back. */
    private final Map<Object, C> byWindow = new ConcurrentHashMap<>();
    private final Map<C, Object> windowOf = new ConcurrentHashMap<>();

    /**
     * What a source's {@code open} returns: {@code capture} watches from now (on this thread, the window's), and when
     * the window closes it reports through {@code report} and stops watching.
     */
    public EvidenceSource.Capture watch(C capture, BiConsumer<C, EvidenceSink> report) {
        opened(capture);
        return sink -> {
            try {
                report.accept(capture, sink);
            } finally {
                closed(capture);
            }
        };
    }

    /** The window {@code capture} watches was opened on the calling thread. */
    public void opened(C capture) {
        Deque<C> stack = onThread.get();
        if (stack == null) {
            stack = new ArrayDeque<>();
            onThread.set(stack);
        }
        stack.push(capture);
        open.add(capture);
        // a source is opened while its window is the current context of the opening thread
        List<Object> context = Recording.contextWindows();
        if (!context.isEmpty()) {
            byWindow.put(context.get(0), capture);
            windowOf.put(capture, context.get(0));
        }
    }

    /** The window closed (on the thread that opened it, as the SPI guarantees). */
    public void closed(C capture) {
        open.remove(capture);
        Object window = windowOf.remove(capture);
        if (window != null) {
            byWindow.remove(window, capture);
        }
        Deque<C> stack = onThread.get();
        if (stack != null) {
            stack.remove(capture);
            if (stack.isEmpty()) {
                onThread.remove();
            }
        }
    }

    /** The innermost window opened on the calling thread, or {@code null}. */
    public C onThisThread() {
        Deque<C> stack = onThread.get();
        return stack == null ? null : stack.peek();
    }

    /**
     * The window a call on this thread counts in: the innermost watched window of the calling work's context, else
     * {@link #onThisThread()}, else the only open window, else null.
     */
    public C attributable() {
        for (Object w : Recording.contextWindows()) {
            C c = byWindow.get(w);
            if (c != null) {
                return c;
            }
        }
        C mine = onThisThread();
        if (mine != null) {
            return mine;
        }
        C only = null;
        for (C c : open) {
            if (only != null) {
                return null;
            }
            only = c;
        }
        return only;
    }

    /**
     * {@code owner} when its window encloses the calling work (it is in the work's context), else
     * {@link #attributable()}: a call on a session that a window created, made from a window nested in it (a parity
     * harness's engine window), still counts for the window that owns the session.
     */
    public C owningOrAttributable(C owner) {
        if (owner != null) {
            Object w = windowOf.get(owner);
            if (w != null && Recording.contextWindows().contains(w)) {
                return owner;
            }
        }
        return attributable();
    }

    /** Whether {@code capture}'s window is still open. */
    public boolean isOpen(C capture) {
        return open.contains(capture);
    }
}
