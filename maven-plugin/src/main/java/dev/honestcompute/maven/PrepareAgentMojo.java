package dev.honestcompute.maven;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Puts the Honest Compute recorder agent on the test JVMs' command line, like JaCoCo's {@code prepare-agent}: the
 * agent jar ({@code dev.honestcompute:kernel-recorder}, resolved from this plugin's own dependencies) goes in front
 * of the {@code argLine} property, replacing an earlier copy of itself and keeping what other plugins (JaCoCo) and
 * the user put there. It also sets the build id ({@code -Dhonestcompute.build.id}) shared by every module and fork
 * of this {@code mvn} invocation, and the options below. The final argLine is logged.
 *
 * <p>It fails the build when a Surefire or Failsafe execution of the project would run tests without the agent:
 * {@code forkCount=0}, an {@code <argLine>} without {@code @{argLine}}, or a plugin older than 3.0.0.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.honestcompute</groupId>
 *   <artifactId>honest-compute-maven-plugin</artifactId>
 *   <version>0.1.0</version>
 *   <executions><execution><goals><goal>prepare-agent</goal><goal>verify</goal></goals></execution></executions>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class PrepareAgentMojo extends AbstractMojo {

    static final String AGENT_ARTIFACT = "dev.honestcompute:kernel-recorder";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(property = "plugin.artifactMap", readonly = true, required = true)
    Map<String, Artifact> pluginArtifactMap;

    /** The property Surefire and Failsafe read the JVM arguments from. */
    @Parameter(property = "honestcompute.propertyName", defaultValue = "argLine")
    String propertyName;

    /** Skips the goal; the property is then set to empty when undefined, so {@code @{argLine}} still resolves. */
    @Parameter(property = "honestcompute.skip", defaultValue = "false")
    boolean skip;

    /** Adds {@code --add-modules jdk.incubator.vector} for engines that use the Java Vector API. */
    @Parameter(property = "honestcompute.vectorApi", defaultValue = "false")
    boolean vectorApi;

    /** Adds {@code --enable-native-access=ALL-UNNAMED} for engines with native (FFM/JNI) kernels. */
    @Parameter(property = "honestcompute.nativeAccess", defaultValue = "false")
    boolean nativeAccess;

    /** Recorder kernel timing: {@code sampled} (one call in 16 per thread, ~6 ns a call), {@code true}, {@code sampled:N}. */
    @Parameter(property = "honestcompute.recorder.timing")
    String timing;

    /** kernels.json files that map third-party engines' methods to kernel ids. */
    @Parameter
    List<File> kernelsConfigs;

    /** Packages whose classes are test doubles ({@code @MockCompute} without annotating them). */
    @Parameter
    List<String> mockPackages;

    /** The build id; by default one is created per {@code mvn} invocation and shared by all modules. */
    @Parameter(property = "honestcompute.build.id")
    String buildId;

    @Override
    public void execute() throws MojoFailureException {
        Properties props = project.getProperties();
        String name = propertyName == null || propertyName.isBlank() ? "argLine" : propertyName.trim();
        if (skip) {
            if (props.getProperty(name) == null) {
                getLog().info(name + " set to empty (honest-compute:prepare-agent skipped)");
                props.setProperty(name, "");
            } else {
                getLog().info("honest-compute:prepare-agent skipped; " + name + " left as it was");
            }
            return;
        }
        List<String> problems = new ArrayList<>();
        Path agent = agentJar(problems);
        String id = null;
        try {
            id = BuildId.check(BuildId.of(session, buildId));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        String checkedTiming = null;
        try {
            checkedTiming = AgentArguments.checkTiming(timing);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        List<Path> configs = new ArrayList<>();
        for (File f : kernelsConfigs == null ? List.<File>of() : kernelsConfigs) {
            Path p = f.toPath().toAbsolutePath().normalize();
            if (!Files.isRegularFile(p)) {
                problems.add("<kernelsConfigs>: " + p + " does not exist or is not a file; fix the path (relative "
                        + "paths are relative to " + project.getBasedir() + ")");
            } else if (p.toString().contains(File.pathSeparator) || p.toString().chars().anyMatch(Character::isWhitespace)) {
                problems.add("<kernelsConfigs>: " + p + " contains '" + File.pathSeparator + "' or white space, which"
                        + " the recorder's -D" + AgentArguments.KERNELS_CONFIG + " list cannot carry; move the file");
            } else {
                configs.add(p);
            }
        }
        List<String> mocks = new ArrayList<>();
        for (String m : mockPackages == null ? List.<String>of() : mockPackages) {
            String pkg = m == null ? "" : m.trim();
            if (!pkg.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*")) {
                problems.add("<mockPackages>: '" + m + "' is not a Java package name (e.g. com.example.fakes)");
            } else {
                mocks.add(pkg);
            }
        }
        Properties visible = new Properties();
        visible.putAll(props);
        visible.putAll(session.getSystemProperties());
        visible.putAll(session.getUserProperties());
        problems.addAll(new TestPluginCheck(name, visible).problems(project.getBuildPlugins()));
        if (!problems.isEmpty()) {
            throw new MojoFailureException(failure(problems));
        }
        AgentArguments args = new AgentArguments(agent, id, vectorApi, nativeAccess, checkedTiming, configs, mocks);
        String value = ArgLine.prepend(args.words(), props.getProperty(name), args.replaces());
        props.setProperty(name, value);
        props.setProperty(AgentArguments.BUILD_ID, id);
        getLog().info(name + " set to " + value);
    }

    private Path agentJar(List<String> problems) {
        Artifact a = pluginArtifactMap == null ? null : pluginArtifactMap.get(AGENT_ARTIFACT);
        if (a == null || a.getFile() == null) {
            problems.add("the recorder agent " + AGENT_ARTIFACT + " is not among this plugin's dependencies (a "
                    + "<dependencies> override of the plugin must keep it); run with -X to see the plugin's class path");
            return null;
        }
        Path jar = a.getFile().toPath().toAbsolutePath();
        if (!Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")) {
            problems.add("the recorder agent " + AGENT_ARTIFACT + " resolved to " + jar + ", which is not a jar file; "
                    + "a java agent must be a packaged jar: in a reactor that builds kernel-recorder, run at least "
                    + "the package phase (e.g. mvn verify, not mvn test)");
            return null;
        }
        return jar;
    }

    static String failure(List<String> problems) {
        StringBuilder sb = new StringBuilder("honest-compute:prepare-agent: ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems")
                .append(" with the recorder agent setup (tests would run without it, or it would not start):");
        for (String p : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(p);
        }
        return sb.toString();
    }
}
