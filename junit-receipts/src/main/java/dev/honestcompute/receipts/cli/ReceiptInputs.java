package dev.honestcompute.receipts.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Expands command-line operands into files: a file is itself, a directory is every {@code *.json} under it
 * (recursively, sorted), a glob ({@code target/receipts/**&#47;*.json}) is every file it matches. Operands that name
 * nothing become problems, reported with exit code 2.
 */
final class ReceiptInputs {

    /** The run summary's file name: checked by {@link RunSummaryCheck}, not by the receipt rules. */
    static final String RUN_SUMMARY = "run-summary.json";

    final List<Path> receipts = new ArrayList<>();
    final List<Path> runSummaries = new ArrayList<>();
    /** Operands that could not be expanded: {@code [operand, message]}. */
    final List<String[]> problems = new ArrayList<>();

    static ReceiptInputs expand(List<String> operands) {
        ReceiptInputs in = new ReceiptInputs();
        for (String operand : operands) {
            try {
                in.add(operand);
            } catch (InvalidPathException e) {
                in.problems.add(new String[] {operand, "not a valid path: " + e.getMessage()});
            } catch (IOException | UncheckedIOException e) {
                in.problems.add(new String[] {operand, "cannot list: " + e.getMessage()
                        + "; check that the directory is readable"});
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
            List<Path> found = walk(p, file -> file.getFileName().toString().endsWith(".json"));
            if (found.isEmpty()) {
                problems.add(new String[] {operand, "directory contains no *.json file; receipts are written under "
                        + "target/receipts/ by tests annotated @EmitsReceipt"});
            }
            found.forEach(this::route);
        } else if (Files.exists(p)) {
            route(p); // regular or special file: reading it reports what is wrong
        } else {
            problems.add(new String[] {operand, "no such file or directory; check the path"});
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
            found = walk(base, file -> {
                Path candidate = slash < 0 ? base.relativize(file) : file;
                return matcher.matches(candidate);
            });
        }
        if (found.isEmpty()) {
            problems.add(new String[] {operand, "the glob matches no file (searched under " + base + ")"});
        }
        found.forEach(this::route);
    }

    private void route(Path file) {
        if (file.getFileName() != null && file.getFileName().toString().equals(RUN_SUMMARY)) {
            runSummaries.add(file);
        } else {
            receipts.add(file);
        }
    }

    private static List<Path> walk(Path dir, java.util.function.Predicate<Path> keep) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(keep).sorted().collect(Collectors.toList());
        }
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
