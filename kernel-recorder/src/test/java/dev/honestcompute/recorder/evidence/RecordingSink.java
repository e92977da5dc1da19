package dev.honestcompute.recorder.evidence;

import java.util.ArrayList;
import java.util.List;

/** An {@link EvidenceSink} that keeps what a capture reported, for assertions. */
public final class RecordingSink implements EvidenceSink {

    /** A reported kernel. */
    public record Kernel(String id, String backend, long calls, long failedCalls, String detail) {
    }

    /** A reported fallback. */
    public record Fallback(String requested, String effective, String reasonCode, String detail) {
    }

    /** A reported fact. */
    public record Fact(String name, String value) {
    }

    /** A report that evidence is unavailable. */
    public record Unavailable(String what, String why) {
    }

    public final List<Kernel> kernels = new ArrayList<>();
    public final List<Fallback> fallbacks = new ArrayList<>();
    public final List<Fact> facts = new ArrayList<>();
    public final List<Unavailable> unavailable = new ArrayList<>();

    @Override
    public void kernel(String id, String backend, long calls, long failedCalls, String detail) {
        kernels.add(new Kernel(id, backend, calls, failedCalls, detail));
    }

    @Override
    public void fallback(String requested, String effective, String reasonCode, String detail) {
        fallbacks.add(new Fallback(requested, effective, reasonCode, detail));
    }

    @Override
    public void fact(String name, String value) {
        facts.add(new Fact(name, value));
    }

    @Override
    public void unavailable(String what, String why) {
        unavailable.add(new Unavailable(what, why));
    }

    /** The kernel with this id; fails when there is none or several. */
    public Kernel kernel(String id) {
        List<Kernel> found = kernels.stream().filter(k -> k.id().equals(id)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one kernel '" + id + "', found " + found + " in " + kernels);
        }
        return found.get(0);
    }

    /** The value of the fact with this name, or null. */
    public String fact(String name) {
        return facts.stream().filter(f -> f.name().equals(name)).map(Fact::value).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return "kernels=" + kernels + " fallbacks=" + fallbacks + " facts=" + facts + " unavailable=" + unavailable;
    }
}
