package dev.honestcompute.receipts.internal;

import dev.honestcompute.receipts.summary.RunSummary;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The id of the build a test JVM belongs to: one id for every fork and every Surefire/Failsafe execution of one
 * {@code mvn} invocation, so that their sessions merge into one run summary and receipts of any other build are stale.
 * It comes from the system property or JUnit configuration parameter {@value RunSummary#BUILD_ID_PARAMETER} (the Maven
 * plugin's {@code prepare-agent} sets it in the {@code argLine}; other tools set it themselves).
 *
 * <p>Without one, each test JVM makes up its own id ({@code jvm-<start time>-<pid>}, {@code build_id_source}
 * "generated"): sessions of one JVM still merge, but receipts another JVM wrote into the same directory (a second
 * Surefire execution, Failsafe, forks) count as another build's, and the session says so on stderr.
 *
 * @param value      the id, e.g. {@code 20261123T100000.123Z}
 * @param configured whether it was set (true) or made up for this JVM (false)
 */
public record BuildId(String value, boolean configured) {

    /** What a build id may look like: a letter or digit, then letters, digits and {@code . _ : + @ -}, 128 at most. */
    static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+@-]{0,127}");
    private static final BuildId THIS_JVM = new BuildId(generated(), false);

    /**
     * The build id from JUnit configuration parameters (pass {@code context::getConfigurationParameter}; JUnit falls
     * back to system properties), else this JVM's own.
     *
     * @throws IllegalArgumentException naming the parameter and the value when it is not a valid id
     */
    public static BuildId resolve(Function<String, Optional<String>> parameters) {
        Optional<String> set = parameters.apply(RunSummary.BUILD_ID_PARAMETER).map(String::trim)
                .filter(s -> !s.isEmpty());
        if (set.isEmpty()) {
            return THIS_JVM;
        }
        if (!VALID.matcher(set.get()).matches()) {
            throw new IllegalArgumentException("system property / JUnit configuration parameter '"
                    + RunSummary.BUILD_ID_PARAMETER + "' = '" + shorten(set.get()) + "' is not a valid build id; use "
                    + "up to 128 letters, digits and . _ : + @ - (starting with a letter or digit), one value for the "
                    + "whole mvn invocation, e.g. -D" + RunSummary.BUILD_ID_PARAMETER + "=${maven.build.timestamp}");
        }
        return new BuildId(set.get(), true);
    }

    /** The build id from the system property alone, else this JVM's own. */
    public static BuildId fromSystemProperties() {
        return resolve(name -> Optional.ofNullable(System.getProperty(name)));
    }

    /** {@code build_id_source} in the run summary: "configured" or "generated". */
    public String source() {
        return configured ? RunSummary.BUILD_ID_CONFIGURED : RunSummary.BUILD_ID_GENERATED;
    }

    private static String generated() {
        Instant started = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
        return "jvm-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC).format(started)
                + "-" + ProcessHandle.current().pid();
    }

    private static String shorten(String s) {
        return s.length() <= 160 ? s : s.substring(0, 160) + "...";
    }
}
