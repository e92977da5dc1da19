package dev.honestcompute.receipts.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session-wide, thread-safe registry of the receipts written in this run, per receipts directory. The extension
 * registers every receipt it writes; the run-summary listener drains the directory's entries when the session ends.
 * Keying by directory keeps nested launcher sessions (a test that runs tests into a temporary directory) apart.
 * The listener also records here which build writes into each directory, and every receipt is stamped with it.
 */
public final class SessionReceipts {

    /** One written receipt: where, its digest, and which test wrote it. */
    public record Written(Path path, String sha256, String testId, String status) {
    }

    /** Receipts by normalized absolute path, per directory; a re-run of the same test replaces its entry. */
    private static final ConcurrentHashMap<Path, ConcurrentHashMap<Path, Written>> BY_DIR = new ConcurrentHashMap<>();
    /** Which test owns which receipt path, so two tests never silently overwrite each other's receipt. */
    private static final ConcurrentHashMap<Path, String> OWNERS = new ConcurrentHashMap<>();
    /** The build writing into each directory, or why none may (an invalid build id), set when a test plan starts. */
    private static final ConcurrentHashMap<Path, Object> BUILDS = new ConcurrentHashMap<>();

    private SessionReceipts() {
    }

    /**
     * Reserves {@code path} for the test {@code testId}.
     *
     * @throws IllegalStateException naming both tests when another test of this run already wrote that file
     */
    public static void claim(Path path, String testId) {
        Path key = path.toAbsolutePath().normalize();
        String owner = OWNERS.putIfAbsent(key, testId);
        if (owner != null && !owner.equals(testId)) {
            throw new IllegalStateException("Honest Compute: tests " + owner + " and " + testId
                    + " map to the same receipt file " + key + "; rename one of the test classes or methods");
        }
    }

    /** Records a receipt written under {@code dir}. */
    public static void register(Path dir, Written receipt) {
        LibraryOnly.check("the session's list of receipts", "receipts are listed when @EmitsReceipt writes them");
        BY_DIR.computeIfAbsent(normalize(dir), d -> new ConcurrentHashMap<>())
                .put(receipt.path().toAbsolutePath().normalize(), receipt);
    }

    /** Removes and returns every receipt registered under {@code dir}, sorted by path. */
    public static List<Written> drain(Path dir) {
        Map<Path, Written> written = BY_DIR.remove(normalize(dir));
        List<Written> out = new ArrayList<>(written == null ? List.of() : written.values());
        out.sort(Comparator.comparing(w -> w.path().toString()));
        for (Written w : out) {
            OWNERS.remove(w.path().toAbsolutePath().normalize());
        }
        return out;
    }

    /** Records that {@code build} writes the receipts under {@code dir} (called when a test plan starts). */
    public static void useBuild(Path dir, BuildId build) {
        BUILDS.put(normalize(dir), build);
    }

    /** Records that no receipt may be written under {@code dir}, and why (e.g. an invalid build id). */
    public static void refuseBuild(Path dir, String reason) {
        BUILDS.put(normalize(dir), reason);
    }

    /**
     * The build that writes the receipts under {@code dir}: the one the session listener recorded, else the system
     * property's, else this JVM's own (a test kit run outside a launcher session).
     *
     * @throws IllegalStateException when the build id configured for this run is invalid (the message says why)
     */
    public static BuildId buildOf(Path dir) {
        Object build = BUILDS.get(normalize(dir));
        if (build instanceof BuildId id) {
            return id;
        }
        if (build != null) {
            throw new IllegalStateException("Honest Compute writes no receipt into " + normalize(dir) + ": " + build);
        }
        try {
            return BuildId.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Honest Compute writes no receipt into " + normalize(dir) + ": "
                    + e.getMessage(), e);
        }
    }

    private static Path normalize(Path dir) {
        return dir.toAbsolutePath().normalize();
    }
}
