package dev.honestcompute.parity.metrics;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Top-k token indices and the overlap of two top-k sets.
 *
 * <pre>{@code
 * int[] top5 = TopK.indices(Values.of(logits), 5);
 * double overlap = TopK.overlap(actualLogits, referenceLogits, 5); // 1.0 = same five tokens
 * }</pre>
 *
 * <p>Ordering: larger first, NaN greatest, ties by lower index. Runs in O(n log k).
 */
public final class TopK {

    private TopK() {}

    /** The k best indices, best first. */
    public static int[] indices(Values values, int k) {
        Inputs.requireNonEmpty("values", values);
        Inputs.requirePositive("k", k);
        if (k > values.length()) {
            throw new IllegalArgumentException("k must be <= the number of values, but k is " + k + " and there are "
                    + values.length() + " values");
        }
        // Min-heap (worst at the root) of the k best seen so far.
        int[] heap = new int[k];
        int size = 0;
        for (int i = 0, n = values.length(); i < n; i++) {
            if (size < k) {
                heap[size] = i;
                siftUp(values, heap, size++);
            } else if (Ranking.before(values.get(i), i, values.get(heap[0]), heap[0])) {
                heap[0] = i;
                siftDown(values, heap, size);
            }
        }
        Integer[] boxed = Arrays.stream(heap).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, (x, y) -> x.equals(y) ? 0
                : Ranking.before(values.get(x), x, values.get(y), y) ? -1 : 1);
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    /** |top-k(actual) ∩ top-k(reference)| / k, in [0, 1]. */
    public static double overlap(float[] actual, float[] reference, int k) {
        return overlap(Values.of(actual), Values.of(reference), k);
    }

    public static double overlap(Values actual, Values reference, int k) {
        Inputs.requireSameLength("actual", actual, "reference", reference);
        int[] a = indices(actual, k);
        int[] r = indices(reference, k);
        Set<Integer> referenceSet = new HashSet<>();
        for (int i : r) {
            referenceSet.add(i);
        }
        int common = 0;
        for (int i : a) {
            if (referenceSet.contains(i)) {
                common++;
            }
        }
        return (double) common / k;
    }

    /** Root must be the element that ranks last. */
    private static boolean ranksLater(Values v, int x, int y) {
        return Ranking.before(v.get(y), y, v.get(x), x);
    }

    private static void siftUp(Values v, int[] heap, int pos) {
        while (pos > 0) {
            int parent = (pos - 1) / 2;
            if (!ranksLater(v, heap[pos], heap[parent])) {
                break;
            }
            int t = heap[pos];
            heap[pos] = heap[parent];
            heap[parent] = t;
            pos = parent;
        }
    }

    private static void siftDown(Values v, int[] heap, int size) {
        int pos = 0;
        while (true) {
            int left = 2 * pos + 1;
            if (left >= size) {
                return;
            }
            int child = left;
            if (left + 1 < size && ranksLater(v, heap[left + 1], heap[left])) {
                child = left + 1;
            }
            if (!ranksLater(v, heap[child], heap[pos])) {
                return;
            }
            int t = heap[pos];
            heap[pos] = heap[child];
            heap[child] = t;
            pos = child;
        }
    }
}
