package dev.honestcompute.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks (or refreshes) the Java blocks of one guide page against tagged regions of compiled sample files. */
final class GuideSnippets {

    private static final Pattern MARKER = Pattern.compile("^<!-- sample: ([\\w./-]+)#([\\w-]+) -->$");

    private GuideSnippets() {
    }

    /** Problems found, as {@code page.md:LINE: message}; with {@code update}, drifted blocks are rewritten. */
    static List<String> check(Path page, Path samples, boolean update) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(page));
        List<String> problems = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("```java")) {
                continue;
            }
            String where = page.getFileName() + ":" + (i + 1);
            Matcher m = i > 0 ? MARKER.matcher(lines.get(i - 1).trim()) : null;
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                end++;
            }
            if (m == null || !m.matches()) {
                problems.add(where + ": a ```java block without a <!-- sample: FILE#TAG --> marker on the line "
                        + "before it; put the code in a sample under docs/src/test/java/dev/honestcompute/docs/samples"
                        + " and reference it");
                i = end;
                continue;
            }
            where = page.getFileName() + ":" + i;
            Path file = samples.resolve(m.group(1));
            List<String> region;
            try {
                region = region(file, m.group(2));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
                i = end;
                continue;
            }
            List<String> block = lines.subList(i + 1, end);
            if (!block.equals(region)) {
                if (update) {
                    block.clear();
                    block.addAll(region);
                    end = i + 1 + region.size();
                    changed = true;
                } else {
                    problems.add(where + ": the block for " + m.group(1) + "#" + m.group(2)
                            + " differs from the compiled sample; run ./mvnw -pl docs verify -Ddocs.updateGuide=true"
                            + " (or edit the sample, not the page)");
                }
            }
            i = end;
        }
        if (changed) {
            Path tmp = Files.createTempFile(page.toAbsolutePath().getParent(), "." + page.getFileName(), ".tmp");
            Files.write(tmp, lines);
            Files.move(tmp, page, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return problems;
    }

    /** Lines between {@code // tag::TAG[]} and {@code // end::TAG[]}, with the common indentation removed. */
    static List<String> region(Path file, String tag) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("sample file " + file + " does not exist");
        }
        List<String> all = Files.readAllLines(file);
        int start = -1;
        int stop = -1;
        for (int i = 0; i < all.size(); i++) {
            String t = all.get(i).trim();
            if (t.equals("// tag::" + tag + "[]")) {
                start = i + 1;
            } else if (t.equals("// end::" + tag + "[]") && start >= 0) {
                stop = i;
                break;
            }
        }
        if (start < 0 || stop < 0) {
            throw new IllegalArgumentException(file + " has no region '" + tag + "' (expected // tag::" + tag
                    + "[] ... // end::" + tag + "[])");
        }
        List<String> region = new ArrayList<>(all.subList(start, stop));
        int indent = region.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        region.replaceAll(l -> l.isBlank() ? "" : l.substring(indent));
        return region;
    }
}
