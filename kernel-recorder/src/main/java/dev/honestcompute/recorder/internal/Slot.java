package dev.honestcompute.recorder.internal;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One thread's recorder state: the context its calls count in now, and plain {@code long[]} counter segments it
 * alone writes (one per window it worked for, one for background calls). Written only by its own thread, except
 * {@link #background} growth, which the thread also does itself; windows read the segments when they close.
 */
final class Slot {

    final Thread owner;
    /** Where this thread's kernel calls go now: a window's segment, or {@link #background}. */
    long[] counts;
    /** The window context this thread works for, or {@code null}: its calls are background calls. */
    Node node;
    /** Calls made with no window context. Read (racily, they are only reported) by windows for background totals. */
    volatile long[] background;
    /** Device launches seen at the driver boundary on this thread (for {@code @Kernel(backend = "cuda")}). */
    long launches;

    private Node cachedNode;
    private long[] cachedSegment;
    private Map<Node, long[]> segments;

    Slot(Thread owner, Node inherited) {
        this.owner = owner;
        this.background = new long[Registry.segmentLength()];
        this.counts = background;
        switchTo(inherited);
    }

    /** Makes {@code n} (or, when it is closed, its nearest open enclosing window) this thread's context. */
    void switchTo(Node n) {
        while (n != null && n.closed) {
            n = n.parent;
        }
        node = n;
        counts = n == null ? background : segmentFor(n);
    }

    private long[] segmentFor(Node n) {
        if (n == cachedNode) {
            return cachedSegment;
        }
        long[] seg = segments == null ? null : segments.get(n);
        if (seg == null) {
            seg = new long[Registry.segmentLength()];
            if (!n.register(seg)) {
                return background; // closed meanwhile
            }
            if (segments == null) {
                segments = new IdentityHashMap<>();
            } else if (segments.size() >= 16) {
                for (Iterator<Node> it = segments.keySet().iterator(); it.hasNext(); ) {
                    if (it.next().closed) {
                        it.remove();
                    }
                }
            }
            segments.put(n, seg);
        }
        cachedNode = n;
        cachedSegment = seg;
        return seg;
    }

    /** {@link #counts} grown to hold {@code base + STRIDE} longs (kernels registered after it was made). */
    long[] grow(int base) {
        long[] old = counts;
        long[] grown = Arrays.copyOf(old, Math.max(old.length * 2, base + Registry.STRIDE * 64));
        if (old == background) {
            background = grown;
        } else if (node == null || !node.replace(old, grown)) {
            switchTo(node); // the window closed: count elsewhere
            return counts.length > base ? counts : grow(base);
        } else {
            if (cachedSegment == old) {
                cachedSegment = grown;
            }
            segments.put(node, grown);
        }
        counts = grown;
        return grown;
    }

    /** Background calls (executed + failed) this thread made so far. */
    long backgroundCalls() {
        long[] b = background;
        long sum = 0;
        for (int i = Registry.STRIDE; i + 1 < b.length; i += Registry.STRIDE) {
            sum += b[i] + b[i + 1];
        }
        return sum;
    }
}
