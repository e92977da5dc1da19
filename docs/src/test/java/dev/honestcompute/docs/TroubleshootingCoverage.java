package dev.honestcompute.docs;

import dev.honestcompute.receipts.ReceiptRule;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that {@code docs/troubleshooting.md} covers what the library can report: an entry for every
 * {@link ReceiptRule}, every public {@link Throwable} type of the library modules named in a code span, and no
 * in-page link to a heading that does not exist. Each check returns its problems as sentences; empty means covered.
 */
final class TroubleshootingCoverage {

    /** Packages of classes that are not the library's own API: relocated ByteBuddy, this module, the examples. */
    static final List<String> NOT_LIBRARY = List.of("dev.honestcompute.recorder.shaded.", "dev.honestcompute.docs.",
            "dev.honestcompute.examples.");

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern ANCHOR_LINK = Pattern.compile("\\]\\(#([^)\\s]*)\\)");
    private static final Pattern RULE_ID = Pattern.compile("\\bHC\\d{3}\\b");

    private TroubleshootingCoverage() {
    }

    /**
     * Every rule needs an entry: a heading naming its id whose section quotes the rule's title, or a table row
     * {@code | HCnnn | <title> |}.
     */
    static List<String> missingRules(String page, Collection<ReceiptRule> rules) {
        List<String> lines = outsideFences(page);
        List<String> problems = new ArrayList<>();
        for (ReceiptRule rule : rules) {
            Pattern id = Pattern.compile("\\b" + rule.id() + "\\b");
            boolean headed = false;
            boolean covered = false;
            for (int i = 0; i < lines.size() && !covered; i++) {
                String line = lines.get(i);
                Matcher h = HEADING.matcher(line);
                if (h.matches() && id.matcher(h.group(2)).find()) {
                    headed = true;
                    covered = section(lines, i).contains(rule.title());
                } else if (isTableRow(line) && id.matcher(firstCell(line)).find()) {
                    covered = line.contains(rule.title());
                }
            }
            if (!covered) {
                problems.add(rule.id() + " (" + rule.name() + ": " + rule.title() + ") "
                        + (headed ? "has a heading, but its section does not quote the rule's title; update the entry"
                        + " to the rule's current meaning"
                        : "has no entry: add a heading '### " + rule.id() + "' whose section quotes the title, or a"
                        + " table row '| " + rule.id() + " | " + rule.title() + " |'"));
            }
        }
        return problems;
    }

    /** Headings that name a rule id no {@link ReceiptRule} has (a removed or mistyped rule). */
    static List<String> unknownRuleIds(String page) {
        Set<String> known = new TreeSet<>();
        for (ReceiptRule rule : ReceiptRule.values()) {
            known.add(rule.id());
        }
        List<String> problems = new ArrayList<>();
        for (String line : outsideFences(page)) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                Matcher id = RULE_ID.matcher(h.group(2));
                while (id.find()) {
                    if (!known.contains(id.group())) {
                        problems.add("heading '" + line.trim() + "' names " + id.group() + ", which is no ReceiptRule;"
                                + " remove the entry or fix the id");
                    }
                }
            }
        }
        return problems;
    }

    /** Every type must be named by its simple name inside a code span, e.g. {@code `FetchException`}. */
    static List<String> unnamedThrowables(String page, Collection<Class<?>> types) {
        List<String> spans = new ArrayList<>();
        Matcher m = CODE_SPAN.matcher(page);
        while (m.find()) {
            spans.add(m.group(1));
        }
        List<String> problems = new ArrayList<>();
        for (Class<?> type : types) {
            Pattern name = Pattern.compile("(?<![\\w$])" + Pattern.quote(type.getSimpleName()) + "(?![\\w$])");
            if (spans.stream().noneMatch(s -> name.matcher(s).find())) {
                problems.add(type.getName() + " is a public " + (Error.class.isAssignableFrom(type) ? "error"
                        : "exception") + " type of the library but troubleshooting.md does not name it in a code span"
                        + " (`" + type.getSimpleName() + "`); add an entry saying when it is thrown and what to do");
            }
        }
        return problems;
    }

    /** In-page links ({@code [text](#anchor)}) whose anchor is no heading's GitHub anchor. */
    static List<String> brokenAnchors(String page) {
        Set<String> anchors = new LinkedHashSet<>();
        for (String line : outsideFences(page)) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String base = slug(h.group(2));
                String anchor = base;
                for (int n = 1; !anchors.add(anchor); n++) {
                    anchor = base + "-" + n;
                }
            }
        }
        List<String> problems = new ArrayList<>();
        Matcher link = ANCHOR_LINK.matcher(page);
        while (link.find()) {
            if (!anchors.contains(link.group(1))) {
                problems.add("link to #" + link.group(1) + " matches no heading of troubleshooting.md");
            }
        }
        return problems;
    }

    /**
     * GitHub's heading anchor: the heading's text (code-span backticks dropped) in lower case, without punctuation
     * and symbols, each space turned into '-' (github-slugger's rule).
     */
    static String slug(String headingText) {
        return headingText.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
    }

    /**
     * Public (and publicly reachable) {@link Throwable} subclasses in the class-path roots that hold the
     * {@code anchors}, i.e. in the library modules' jars or class directories; relocated dependencies, this module
     * and the examples are left out. Throws when a root cannot be scanned or a class cannot be loaded, so a broken
     * scan never reads as "nothing to document".
     */
    static List<Class<?>> libraryThrowables(Collection<Class<?>> anchors) throws IOException {
        Set<Class<?>> out = new LinkedHashSet<>();
        for (Class<?> anchor : anchors) {
            List<String> names = classNames(root(anchor));
            if (names.isEmpty()) {
                throw new IllegalStateException("found no dev.honestcompute class in " + root(anchor) + " (the root of "
                        + anchor.getName() + "); the scan is broken");
            }
            for (String name : names) {
                Class<?> c;
                try {
                    c = Class.forName(name, false, anchor.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("cannot load " + name + " from " + root(anchor)
                            + " to check whether it is a public Throwable: " + e, e);
                }
                if (Throwable.class.isAssignableFrom(c) && publiclyReachable(c)) {
                    out.add(c);
                }
            }
        }
        List<Class<?>> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(Class::getName));
        return sorted;
    }

    private static boolean publiclyReachable(Class<?> c) {
        for (Class<?> t = c; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isLocalClass();
    }

    private static Path root(Class<?> anchor) {
        try {
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where " + anchor.getName() + " was loaded from", e);
        }
    }

    /** Binary names of the library classes in a jar or class directory. */
    private static List<String> classNames(Path root) throws IOException {
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile)
                        .map(f -> root.relativize(f).toString().replace(root.getFileSystem().getSeparator(), "/"))
                        .forEach(entries::add);
            }
        } else {
            try (JarFile jar = new JarFile(root.toFile())) {
                jar.stream().map(JarEntry::getName).forEach(entries::add);
            }
        }
        List<String> names = new ArrayList<>();
        for (String entry : entries) {
            if (!entry.startsWith("dev/honestcompute/") || !entry.endsWith(".class") || entry.endsWith("-info.class")) {
                continue;
            }
            String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
            if (NOT_LIBRARY.stream().noneMatch(name::startsWith)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The page's lines with those inside fenced code blocks blanked, so code never reads as a heading or row. */
    private static List<String> outsideFences(String page) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : page.lines().toList()) {
            boolean fence = line.trim().startsWith("```");
            out.add(fenced || fence ? "" : line);
            if (fence) {
                fenced = !fenced;
            }
        }
        return out;
    }

    private static boolean isTableRow(String line) {
        return line.trim().startsWith("|");
    }

    private static String firstCell(String row) {
        String[] cells = row.trim().split("\\|");
        return cells.length > 1 ? cells[1] : "";
    }

    /** The heading line at {@code start} and every line up to the next heading. */
    private static String section(List<String> lines, int start) {
        StringBuilder sb = new StringBuilder(lines.get(start)).append('\n');
        for (int i = start + 1; i < lines.size() && !HEADING.matcher(lines.get(i)).matches(); i++) {
            sb.append(lines.get(i)).append('\n');
        }
        return sb.toString();
    }
}
