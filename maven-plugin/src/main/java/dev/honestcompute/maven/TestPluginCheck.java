package dev.honestcompute.maven;

import org.apache.maven.artifact.versioning.ComparableVersion;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Finds the ways a Surefire or Failsafe execution of this project would run tests without the recorder agent that
 * prepare-agent puts into the argLine property, so the build fails at {@code initialize} with the fix instead of
 * every receipt failing later with "recorder not active" (or, worse, a self-attach hiding the misconfiguration):
 * <ul>
 *   <li>a plugin too old for the late-bound {@code @{argLine}} and the JUnit Platform (Maven 3.8's default
 *       Surefire 2.12.4);</li>
 *   <li>{@code forkCount=0} (or {@code forkMode=never}): tests run inside the Maven JVM, where no
 *       {@code -javaagent} can be added;</li>
 *   <li>a plugin-level or execution-level {@code <argLine>} that does not contain {@code @{argLine}}: it replaces
 *       the property (JaCoCo users' top complaint);</li>
 *   <li>a property name other than {@code argLine} that no {@code <argLine>} refers to.</li>
 * </ul>
 * Executions that are skipped or bound to no phase are not checked.
 */
final class TestPluginCheck {

    /** The oldest Surefire/Failsafe the recorder setup works with (see docs/maven.md). */
    static final String MIN_VERSION = "3.0.0";
    static final String SUREFIRE = "maven-surefire-plugin";
    static final String FAILSAFE = "maven-failsafe-plugin";
    private static final Set<String> TEST_GOALS = Set.of("test", "integration-test");

    private final String propertyName;
    private final Properties properties;

    /**
     * @param propertyName the property prepare-agent sets ({@code argLine} unless configured)
     * @param properties   user properties over project properties (for {@code -DforkCount=0}, {@code -DskipTests})
     */
    TestPluginCheck(String propertyName, Properties properties) {
        this.propertyName = propertyName;
        this.properties = properties;
    }

    /** Every problem of every test-running execution of {@code plugins}; empty when the agent reaches each one. */
    List<String> problems(List<Plugin> plugins) {
        List<String> out = new ArrayList<>();
        for (Plugin p : plugins) {
            if (!"org.apache.maven.plugins".equals(p.getGroupId())
                    || !(SUREFIRE.equals(p.getArtifactId()) || FAILSAFE.equals(p.getArtifactId()))) {
                continue;
            }
            List<PluginExecution> runs = p.getExecutions().stream().filter(this::runsTests).toList();
            if (runs.isEmpty() || skippedByProperty(p.getArtifactId())) {
                continue;
            }
            String version = p.getVersion();
            if (version != null && new ComparableVersion(version).compareTo(new ComparableVersion(MIN_VERSION)) < 0) {
                out.add(p.getArtifactId() + " " + version + " is too old for the recorder agent: the late-bound "
                        + "@{argLine} needs 2.17 and JUnit 5.14/6 need the JUnit Platform support of " + MIN_VERSION
                        + " (Maven 3.8.x uses Surefire 2.12.4 unless the pom names a version). Fix: pin "
                        + p.getArtifactId() + " " + MIN_VERSION + " or newer in <build><pluginManagement>, e.g. "
                        + "<plugin><artifactId>" + p.getArtifactId() + "</artifactId><version>3.6.1</version></plugin>");
                continue;
            }
            for (PluginExecution e : runs) {
                Xpp3Dom config = effective(e, p);
                if (isTrue(config, "skip") || isTrue(config, "skipTests") || isTrue(config, "skipExec")
                        || isTrue(config, "skipITs")) {
                    continue;
                }
                String where = p.getArtifactId() + " (execution " + e.getId() + ")";
                String forkCount = value(config, "forkCount");
                if (forkCount == null) {
                    forkCount = properties.getProperty("forkCount");
                }
                if (forkCount != null && isZero(forkCount)) {
                    out.add(where + " has forkCount=" + forkCount.trim() + ": tests run inside the Maven JVM, where "
                            + "no -javaagent can be added, so no kernel would be recorded. Fix: remove forkCount=0 "
                            + "(the default forkCount=1 forks one test JVM) or set it to 1 or more");
                }
                String forkMode = value(config, "forkMode");
                if (forkMode != null && forkMode.trim().equalsIgnoreCase("never")) {
                    out.add(where + " has forkMode=never: tests run inside the Maven JVM, where no -javaagent can "
                            + "be added. Fix: remove <forkMode> (use forkCount=1, the default)");
                }
                String argLine = value(config, "argLine");
                String late = "@{" + propertyName + "}";
                String early = "${" + propertyName + "}";
                if (argLine != null && !argLine.isBlank()) {
                    if (!argLine.contains(late) && !argLine.contains(early)) {
                        out.add(where + " has <argLine>" + argLine.trim() + "</argLine>, which replaces the "
                                + propertyName + " property prepare-agent sets, so its tests would run without the "
                                + "recorder agent. Fix: start it with " + late + ": <argLine>" + late + " "
                                + argLine.trim() + "</argLine>");
                    }
                } else if (!propertyName.equals("argLine")) {
                    out.add(where + " reads the argLine property, but prepare-agent sets '" + propertyName
                            + "' (<propertyName>). Fix: add <argLine>" + late + "</argLine> to its configuration, "
                            + "or remove <propertyName>");
                }
            }
        }
        return out;
    }

    private boolean runsTests(PluginExecution e) {
        return !"none".equals(e.getPhase()) && e.getGoals().stream().anyMatch(TEST_GOALS::contains);
    }

    private boolean skippedByProperty(String artifactId) {
        return "true".equalsIgnoreCase(properties.getProperty("skipTests"))
                || "true".equalsIgnoreCase(properties.getProperty("maven.test.skip"))
                || FAILSAFE.equals(artifactId) && "true".equalsIgnoreCase(properties.getProperty("skipITs"));
    }

    /** The execution's configuration over the plugin-level one (Maven merges them the same way). */
    static Xpp3Dom effective(PluginExecution e, Plugin p) {
        Xpp3Dom exec = e.getConfiguration() instanceof Xpp3Dom d ? new Xpp3Dom(d) : null;
        Xpp3Dom plugin = p.getConfiguration() instanceof Xpp3Dom d ? new Xpp3Dom(d) : null;
        if (exec == null) {
            return plugin;
        }
        return plugin == null ? exec : Xpp3Dom.mergeXpp3Dom(exec, plugin);
    }

    private static String value(Xpp3Dom config, String name) {
        if (config == null) {
            return null;
        }
        Xpp3Dom child = config.getChild(name);
        return child == null ? null : child.getValue();
    }

    private static boolean isTrue(Xpp3Dom config, String name) {
        String v = value(config, name);
        return v != null && v.trim().equalsIgnoreCase("true");
    }

    /** {@code 0}, {@code 0C}, {@code 0.0C}: Surefire's forkCount of no forked JVM. */
    static boolean isZero(String forkCount) {
        String v = forkCount.trim().toUpperCase(Locale.ROOT);
        if (v.endsWith("C")) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Double.parseDouble(v) == 0;
        } catch (NumberFormatException e) {
            return false; // Surefire rejects it itself, naming the value
        }
    }
}
