package dev.honestcompute.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A JVM argument line as Surefire reads it: words separated by white space, a word with white space in double quotes.
 * prepare-agent puts its own words in front of what the property held (JaCoCo's {@code prependVMArguments} order),
 * after removing the words an earlier run of the goal (or an older recorder jar) left there, so running the goal
 * twice, or in a parent and a module, never loads the agent twice. Words of other plugins (JaCoCo's agent) and of
 * the user stay as they were, in their order.
 */
final class ArgLine {

    private ArgLine() {
    }

    /** {@code ours} in front of {@code previous} (may be null), minus every word of {@code previous} that is ours. */
    static String prepend(List<String> ours, String previous, Predicate<String> isOurs) {
        List<String> words = new ArrayList<>(ours);
        List<String> old = split(previous);
        for (int i = 0; i < old.size(); i++) {
            String w = old.get(i);
            // "--add-modules jdk.incubator.vector" is two words: drop the pair when the module is ours
            if (w.equals("--add-modules") && i + 1 < old.size() && isOurs.test(w + " " + old.get(i + 1))) {
                i++;
                continue;
            }
            if (!isOurs.test(w)) {
                words.add(w);
            }
        }
        return join(words);
    }

    /** Splits like Surefire's command-line parser: white space separates, double or single quotes group. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        if (line == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Joins words with single spaces, quoting a word that contains white space. */
    static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(w));
        }
        return sb.toString();
    }

    static String quote(String word) {
        boolean space = word.isEmpty() || word.chars().anyMatch(Character::isWhitespace);
        return space ? '"' + word + '"' : word;
    }
}
