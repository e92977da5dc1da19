package dev.honestcompute.recorder.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Refuses writes into the receipts directory of a running test session by anyone but Honest Compute: while a session
 * has a directory {@linkplain #guard guarded}, opening a file in it for writing, creating, moving, copying or linking
 * a file into it, or renaming one into it, from code whose first frame outside the JDK, Jackson and the library is
 * not JUnit's, throws a {@link SecurityException} and is recorded as a forgery (rule HC027) in the windows it ran in.
 * The library's own writes pass (they come from its extensions, called by JUnit). Reading is never refused.
 *
 * <p>The JDK's file-system entry points call {@link #check} through the boot bridge; with no directory guarded the
 * check is one volatile read. Paths are compared after resolving symbolic links of their existing part, so a link
 * elsewhere that points into the directory is refused too.
 */
final class FileGuard {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();
    private static final Map<Path, Integer> COUNTS = new HashMap<>();
    private static volatile Path[] guarded = new Path[0];

    private FileGuard() {
    }

    /**
     * Guards {@code dir} (sessions nest: each guard needs its own release).
     *
     * @throws IllegalCallerException when the code asking is not the library's (recorded as a forgery)
     */
    static synchronized void guard(Path dir) {
        requireLibraryCaller();
        COUNTS.merge(resolved(dir), 1, Integer::sum);
        guarded = COUNTS.keySet().toArray(new Path[0]);
    }

    /** Releases one guard of {@code dir}; like {@link #guard}, for the library's code only. */
    static synchronized void release(Path dir) {
        requireLibraryCaller();
        Path d = resolved(dir);
        Integer n = COUNTS.get(d);
        if (n == null) {
            return;
        }
        if (n <= 1) {
            COUNTS.remove(d);
        } else {
            COUNTS.put(d, n - 1);
        }
        guarded = COUNTS.keySet().toArray(new Path[0]);
    }

    /** The first caller outside the recorder's own guard entry points must be the library's code. */
    private static void requireLibraryCaller() {
        Class<?> caller = WALKER.walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> c != FileGuard.class && c != AgentInstaller.class
                        && c != dev.honestcompute.recorder.RecorderAgent.class)
                .findFirst().orElse(null));
        if (caller == null || !LibraryCode.isLibrary(caller)) {
            String who = caller == null ? "unknown code" : caller.getName();
            Forgeries.refused(caller, "the receipts directory guard", "only Honest Compute's session sets it");
            throw new IllegalCallerException("Honest Compute: the receipts directory guard is set only by Honest "
                    + "Compute's own test session, and " + who + " is not it");
        }
    }

    static void check(Object target, Object how) {
        Path[] dirs = guarded;
        if (dirs.length == 0 || BUSY.get() != null || !writes(how)) {
            return;
        }
        BUSY.set(Boolean.TRUE);
        try {
            Path path = target instanceof Path ? (Path) target : target instanceof File ? ((File) target).toPath() : null;
            if (path == null || !"file".equals(path.getFileSystem().provider().getScheme())) {
                return;
            }
            Path p = resolved(path);
            for (Path dir : dirs) {
                if (p.startsWith(dir)) {
                    Class<?> who = writer();
                    if (who == null) {
                        return;
                    }
                    String where = path + " in the receipts directory " + dir;
                    Forgeries.refused(who, "the file system to write " + where,
                            "only Honest Compute writes there while the test session runs");
                    throw new SecurityException("Honest Compute refuses writing " + where + " by " + who.getName()
                            + ": receipts and the run summary are written only by @EmitsReceipt and the session "
                            + "from what they observed; write your own files elsewhere (e.g. target/) or state data "
                            + "with ReceiptSections.of(context).note(key, value)");
                }
            }
        } finally {
            BUSY.remove();
        }
    }

    private static boolean writes(Object how) {
        if (how == null) {
            return true;
        }
        if (how instanceof Set) {
            Set<?> options = (Set<?>) how;
            return options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        }
        if (how instanceof String) {
            return ((String) how).indexOf('w') >= 0;
        }
        return true;
    }

    /**
     * The code that asked for the write: the first frame that is not the JDK's, Jackson's or the library's; null when
     * that is JUnit (the library's extensions and session listeners, which JUnit calls) or there is none.
     */
    private static Class<?> writer() {
        Class<?> first = WALKER.walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> !ReflectionGuard.looksThrough(c.getName()) && !LibraryCode.isLibrary(c))
                .findFirst()
                .orElse(null));
        return first == null || first.getName().startsWith("org.junit.") ? null : first;
    }

    /** Absolute, normalized, with the symbolic links of its longest existing prefix resolved. */
    private static Path resolved(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException | SecurityException e) {
            return abs;
        }
    }
}
