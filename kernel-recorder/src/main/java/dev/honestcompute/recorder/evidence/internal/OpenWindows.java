package dev.honestcompute.recorder.evidence.internal;

import dev.honestcompute.recorder.evidence.EvidenceSink;
import dev.honestcompute.recorder.evidence.EvidenceSource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The recording windows one evidence source is watching, per thread and in total, so that an engine call (a session
 * run, a model load) can be attributed the way the recorder attributes kernel calls: to the innermost window open on
 * the calling thread, else to the only window open anywhere, else to none (several windows open and the call came
 * from a thread of none of them: not guessed). Not API.
 *
 * @param <C> the source's per-window capture
 */
public final class OpenWindows<C> {

    private final ThreadLocal<Deque<C>> onThread = new ThreadLocal<>();
    private final Set<C> open = ConcurrentHashMap.newKeySet();

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
    }

    /** The window closed (on the thread that opened it, as the SPI guarantees). */
    public void closed(C capture) {
        open.remove(capture);
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

    /** The window a call on this thread counts in: {@link #onThisThread()}, else the only open window, else null. */
    public C attributable() {
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

    /** Whether {@code capture}'s window is still open. */
    public boolean isOpen(C capture) {
        return open.contains(capture);
    }
}
