package dev.honestcompute.maven;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.summary.RunReplay;
import dev.honestcompute.receipts.summary.RunSummary;
import dev.honestcompute.receipts.summary.RunSummaryFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Gathers the receipts of several modules into one directory the report renders: each module's receipts are copied
 * byte for byte under {@code <module>/}, and the modules' run summaries become one, whose receipt paths carry the
 * module prefix and whose digests are copied (never recomputed), so a receipt edited after its module's run still
 * shows as modified. Counts are summed; a module without a run summary keeps its receipts, which the report then
 * shows as not in the summary.
 */
final class ReactorReceipts {

    /** One module's receipts directory, named as its subdirectory in the aggregate. */
    record Module(String name, Path receipts) {
    }

    /** What was gathered. */
    record Gathered(int modules, int receipts, List<String> withoutSummary, List<String> problems) {
    }

    private ReactorReceipts() {
    }

    static Gathered gather(List<Module> modules, Path into) throws IOException {
        clean(into);
        Files.createDirectories(into);
        List<RunSummary> summaries = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        List<String> withoutSummary = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int copied = 0;
        int used = 0;
        for (Module m : modules) {
            if (!Files.isDirectory(m.receipts())) {
                continue;
            }
            used++;
            Path target = into.resolve(m.name());
            List<Path> files;
            try (Stream<Path> walk = Files.walk(m.receipts())) {
                files = walk.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".json"))
                        .sorted().toList();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            Path summaryFile = m.receipts().resolve(RunSummary.FILE_NAME);
            for (Path f : files) {
                if (f.equals(summaryFile)) {
                    continue;
                }
                Path dest = target.resolve(m.receipts().relativize(f).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
                copied++;
            }
            if (Files.isRegularFile(summaryFile)) {
                try {
                    summaries.add(RunSummaryFiles.read(summaryFile));
                    prefixes.add(m.name());
                } catch (ReceiptReadException e) {
                    problems.add(e.getMessage());
                }
            } else {
                withoutSummary.add(m.name());
            }
        }
        if (!summaries.isEmpty()) {
            RunSummaryFiles.write(into, merge(into, summaries, prefixes, problems));
        }
        return new Gathered(used, copied, withoutSummary, problems);
    }

    /**
     * One summary of the modules' runs, for the copies of their receipts under {@code into}: counts, tests and
     * receipts added up, receipt paths prefixed by the module, the replay block recomputed over the copies. It is not
     * signed (each module's own summary keeps its signature); modules of different builds are a problem.
     */
    static RunSummary merge(Path into, List<RunSummary> summaries, List<String> prefixes, List<String> problems) {
        long total = 0, passed = 0, failed = 0, skipped = 0, aborted = 0, deselected = 0;
        List<RunSummary.Skip> skips = new ArrayList<>();
        Map<String, Long> byRule = new TreeMap<>();
        List<RunSummary.FailedContainer> containers = new ArrayList<>();
        Map<String, RunSummary.ReceiptDigest> receipts = new LinkedHashMap<>();
        List<RunSummary.TestOutcome> tests = new ArrayList<>();
        List<RunSummary.StaleReceipt> stale = new ArrayList<>();
        String buildId = null;
        String buildIdSource = null;
        String started = null;
        String finished = null;
        JsonNode host = null;
        int sessions = 0;
        for (int i = 0; i < summaries.size(); i++) {
            RunSummary s = summaries.get(i);
            String prefix = prefixes.get(i) + "/";
            RunSummary.Counts c = s.counts();
            if (c != null) {
                total += c.total();
                passed += c.passed();
                failed += c.failed();
                skipped += c.skipped();
                aborted += c.aborted();
                deselected += c.deselected();
            }
            skips.addAll(s.skipped());
            s.deselectedByRule().forEach((rule, n) -> byRule.merge(rule, n, Long::sum));
            containers.addAll(s.failedContainers());
            for (RunSummary.ReceiptDigest d : s.receipts()) {
                receipts.put(prefix + d.path(), new RunSummary.ReceiptDigest(prefix + d.path(), d.sha256(), d.test(),
                        d.status()));
            }
            tests.addAll(s.tests());
            for (RunSummary.StaleReceipt r : s.stale()) {
                stale.add(new RunSummary.StaleReceipt(prefix + r.path(), r.buildId(), r.test()));
            }
            if (i == 0) {
                buildId = s.buildId();
                buildIdSource = s.buildIdSource();
            } else if (!java.util.Objects.equals(buildId, s.buildId())) {
                problems.add("module " + prefixes.get(i) + " ran in build '" + s.buildId() + "' but "
                        + prefixes.get(0) + " in build '" + buildId + "': the aggregate mixes runs of different mvn "
                        + "invocations; run the whole reactor in one invocation (mvn clean verify)");
            }
            started = earliest(started, s.startedAt(), true);
            finished = earliest(finished, s.finishedAt(), false);
            if (host == null && s.host() != null && !s.host().isNull()) {
                host = s.host();
            }
            sessions += Math.max(1, s.sessions());
        }
        JsonNode replay;
        try {
            replay = RunReplay.block(into, new ArrayList<>(receipts.keySet()), Map.of());
        } catch (ReceiptReadException | IllegalArgumentException e) {
            problems.add("the replay block of the aggregate could not be computed: " + e.getMessage());
            replay = null;
        }
        return new RunSummary(RunSummary.VERSION, buildId, buildIdSource, started, finished,
                new RunSummary.Counts(total, passed, failed, skipped, aborted, deselected), skips, byRule, containers,
                sessions, List.copyOf(receipts.values()), stale, host, replay, tests, null);
    }

    /** ISO-8601 instants compare as text; the earliest start, the latest finish. */
    private static String earliest(String current, String candidate, boolean min) {
        if (candidate == null) {
            return current;
        }
        if (current == null) {
            return candidate;
        }
        return min == (candidate.compareTo(current) < 0) ? candidate : current;
    }

    /** Empties the aggregate directory (ours, under target/) so receipts of a removed module do not linger. */
    private static void clean(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                if (!d.equals(dir)) {
                    Files.delete(d);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
