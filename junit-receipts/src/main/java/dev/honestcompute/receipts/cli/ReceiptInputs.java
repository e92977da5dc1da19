package dev.honestcompute.receipts.cli;

import dev.honestcompute.receipts.summary.RunDirectory;
import dev.honestcompute.receipts.summary.RunSummary;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.PatternSyntaxException;

/**
 * Expands command-line operands into receipt files and the run summaries they belong to. A file is itself, a
 * directory is every {@code *.json} under it (recursively, sorted), a glob ({@code 'target/receipts/**.json'}) is every
 * file it matches; a {@code run-summary.json} stands for its whole receipts directory. Every receipt then finds the
 * summary of its run: the nearest {@code run-summary.json} in its directory or a directory above. Receipts for which
 * none exists are kept apart, by the directory they were found in. Each operand is expanded on its own: one that names
 * nothing, or a malformed glob, becomes a problem (exit 2) and the others are still checked.
 */
final class ReceiptInputs {

    /** Most files one operand may expand to. */
    static final int MAX_FILES = RunDirectory.MAX_FILES;

    /** Receipt files to verify, in operand order, each once. */
    final Set<Path> receipts = new LinkedHashSet<>();
    /** The run summaries of those receipts (and those named), each once. */
    final Set<Path> runSummaries = new LinkedHashSet<>();
    /** Receipts no run summary was found for, by the directory they were found in. */
    final Map<Path, List<Path>> withoutSummary = new LinkedHashMap<>();
    /** Operands (or files) that could not be used: {@code [operand, message]}. */
    final List<String[]> problems = new ArrayList<>();

    private final Map<Path, Path> summaryOfDir = new HashMap<>();

    static ReceiptInputs expand(List<String> operands) {
        ReceiptInputs in = new ReceiptInputs();
        for (String operand : operands) {
            try {
                in.add(operand);
            } catch (InvalidPathException e) {
                in.problems.add(new String[] {operand, "not a valid path: " + e.getMessage()});
            } catch (PatternSyntaxException e) {
                in.problems.add(new String[] {operand, "not a valid glob: " + e.getDescription() + " at index "
                        + e.getIndex() + "; quote the glob and check its brackets and braces, e.g. "
                        + "'target/receipts/**.json'"});
            } catch (IOException e) {
                in.problems.add(new String[] {operand, "cannot list: " + e.getMessage()
                        + "; check that the directory is readable"});
            } catch (RuntimeException e) {
                in.problems.add(new String[] {operand, "cannot be expanded: " + e + "; this is a bug in Honest "
                        + "Compute, please report it with the command line"});
            }
        }
        return in;
    }

    private void add(String operand) throws IOException {
        if (isGlob(operand)) {
            glob(operand);
            return;
        }
        Path p = Path.of(operand);
        if (Files.isDirectory(p)) {
            directory(operand, p);
        } else if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            file(operand, p, p.toAbsolutePath().normalize().getParent());
        } else {
            problems.add(new String[] {operand, "no such file or directory; check the path"});
        }
    }

    private void directory(String operand, Path dir) throws IOException {
        List<Path> found = walk(operand, dir, RunDirectory.MAX_DEPTH, f -> f.getFileName().toString().endsWith(".json"));
        if (found.isEmpty()) {
            problems.add(new String[] {operand, "directory contains no *.json file; receipts are written under "
                    + "target/receipts/ by tests annotated @EmitsReceipt"});
        }
        for (Path f : found) {
            file(operand, f, dir.toAbsolutePath().normalize());
        }
    }

    private void glob(String operand) throws IOException {
        String normalized = operand.replace('\\', '/');
        int firstMeta = firstGlobChar(normalized);
        int slash = normalized.lastIndexOf('/', firstMeta);
        Path base = slash < 0 ? Path.of(".") : Path.of(slash == 0 ? "/" : normalized.substring(0, slash));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + normalized);
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(base)) {
            // without '**' a glob matches at a fixed depth below its base: walk no deeper than that
            String rest = normalized.substring(slash + 1);
            int depth = rest.contains("**") ? RunDirectory.MAX_DEPTH : (int) rest.chars().filter(c -> c == '/').count() + 1;
            found = walk(operand, base, depth, file -> matcher.matches(slash < 0 ? base.relativize(file) : file));
        }
        if (found.isEmpty()) {
            problems.add(new String[] {operand, "the glob matches no file (searched under " + base + ")"});
        }
        for (Path f : found) {
            file(operand, f, f.toAbsolutePath().normalize().getParent());
        }
    }

    /** A file found for {@code operand}; {@code root} is where it was found, for receipts without a summary. */
    private void file(String operand, Path file, Path root) {
        Path normalized = file.toAbsolutePath().normalize();
        if (file.getFileName() != null && file.getFileName().toString().equals(RunSummary.FILE_NAME)) {
            runSummaries.add(normalized);
            try {
                for (Path r : RunDirectory.list(normalized.getParent()).receipts()) {
                    receipts.add(r.toAbsolutePath().normalize());
                }
            } catch (dev.honestcompute.receipts.ReceiptReadException e) {
                problems.add(new String[] {operand, e.getMessage()});
            }
            return;
        }
        if (!receipts.add(normalized)) {
            return;
        }
        if (!Files.isRegularFile(normalized)) {
            return; // reading it says what it is; a FIFO or device has no run to look for
        }
        Path summary = summaryOf(normalized.getParent());
        if (summary != null) {
            runSummaries.add(summary);
        } else {
            withoutSummary.computeIfAbsent(root, d -> new ArrayList<>()).add(normalized);
        }
    }

    /** The nearest {@code run-summary.json} in {@code dir} or a directory above it, or null. */
    private Path summaryOf(Path dir) {
        if (dir == null) {
            return null;
        }
        if (summaryOfDir.containsKey(dir)) {
            return summaryOfDir.get(dir);
        }
        Path candidate = dir.resolve(RunSummary.FILE_NAME);
        Path found = Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) ? candidate : summaryOf(dir.getParent());
        summaryOfDir.put(dir, found);
        return found;
    }

    /**
     * Files under {@code dir} that {@code keep} accepts, sorted; symbolic links are not followed, and entries that are
     * not regular files (a FIFO, a device) are reported instead of returned.
     */
    private List<Path> walk(String operand, Path dir, int maxDepth, Predicate<Path> keep) throws IOException {
        List<Path> out = new ArrayList<>();
        int[] seen = {0};
        Files.walkFileTree(dir, EnumSet.noneOf(FileVisitOption.class), maxDepth,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                        if (++seen[0] > MAX_FILES) {
                            throw new IOException(operand + " holds more than " + MAX_FILES + " files and directories");
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (++seen[0] > MAX_FILES) {
                            throw new IOException(operand + " holds more than " + MAX_FILES + " files and directories");
                        }
                        if (attrs.isDirectory()) {
                            if (maxDepth < RunDirectory.MAX_DEPTH) {
                                return FileVisitResult.CONTINUE; // deeper than the glob reaches
                            }
                            problems.add(new String[] {file.toString(), "nested more than " + RunDirectory.MAX_DEPTH
                                    + " directories below " + dir + ", not searched; receipts sit one level below "
                                    + "their run summary"});
                            return FileVisitResult.CONTINUE;
                        }
                        if (!keep.test(file)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (!attrs.isRegularFile()) {
                            problems.add(new String[] {file.toString(), "not a regular file (a symbolic link or a "
                                    + "special file such as a FIFO); it is not opened: receipts are regular files"});
                            return FileVisitResult.CONTINUE;
                        }
                        out.add(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        problems.add(new String[] {file.toString(), "cannot be listed or read: " + e
                                + "; check its permissions"});
                        return FileVisitResult.CONTINUE;
                    }
                });
        out.sort(null);
        return out;
    }

    static boolean isGlob(String operand) {
        return firstGlobChar(operand) < operand.length();
    }

    private static int firstGlobChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return s.length();
    }
}
