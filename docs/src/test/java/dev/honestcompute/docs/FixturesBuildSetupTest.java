package dev.honestcompute.docs;

import dev.honestcompute.fixtures.cache.ModelCache;
import dev.honestcompute.fixtures.lock.LockedModel;
import dev.honestcompute.fixtures.lock.ModelLockfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build setup that docs/fixtures.md shows ("Fetching before the tests of your build") is run here as Maven's
 * {@code exec:java} runs it: the XML block is parsed, its main class is called with its arguments and system
 * properties on a thread of this JVM, and this JVM must survive it — filling the cache when the models fetch, failing
 * the step (an exception, not {@code System.exit}) when they do not.
 */
class FixturesBuildSetupTest {

    static final Path PAGE = Path.of("fixtures.md");
    static final String MARKER = "<!-- tested by: FixturesBuildSetupTest -->";

    static Element execution;

    @TempDir
    Path tmp;

    @BeforeAll
    static void parseThePagesBlock() throws Exception {
        List<String> lines = Files.readAllLines(PAGE);
        int at = lines.indexOf(MARKER);
        assertThat(at).as("%s has the marker %s before the setup's ```xml block", PAGE.toAbsolutePath(), MARKER)
                .isNotNegative();
        assertThat(lines.get(at + 1)).isEqualTo("```xml");
        int end = lines.subList(at + 2, lines.size()).indexOf("```") + at + 2;
        String xml = String.join("\n", lines.subList(at + 2, end));
        Element plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertThat(text(plugin, "groupId")).isEqualTo("org.codehaus.mojo");
        assertThat(text(plugin, "artifactId")).isEqualTo("exec-maven-plugin");
        execution = (Element) plugin.getElementsByTagName("execution").item(0);
    }

    static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    static List<String> arguments(Path projectBasedir) {
        List<String> args = new ArrayList<>();
        NodeList nodes = execution.getElementsByTagName("argument");
        for (int i = 0; i < nodes.getLength(); i++) {
            args.add(nodes.item(i).getTextContent().trim().replace("${project.basedir}", projectBasedir.toString()));
        }
        return args;
    }

    static Map<String, String> systemProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        NodeList nodes = execution.getElementsByTagName("systemProperty");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element p = (Element) nodes.item(i);
            props.put(text(p, "key"), text(p, "value"));
        }
        return props;
    }

    /** What exec:java does: the main class on a thread of the build's JVM, with the configured properties set. */
    static Throwable runLikeExecJava(List<String> args, Map<String, String> props) throws Exception {
        Class<?> main = Class.forName(text(execution, "mainClass"));
        Map<String, String> old = new LinkedHashMap<>();
        props.forEach((k, v) -> old.put(k, System.setProperty(k, v)));
        Throwable[] thrown = new Throwable[1];
        try {
            Thread t = new Thread(() -> {
                try {
                    main.getMethod("main", String[].class).invoke(null, (Object) args.toArray(String[]::new));
                } catch (InvocationTargetException e) {
                    thrown[0] = e.getCause();
                } catch (ReflectiveOperationException e) {
                    thrown[0] = e;
                }
            }, main.getName() + ".main()");
            t.start();
            t.join(120_000);
            assertThat(t.isAlive()).as("the build step ended").isFalse();
        } finally {
            old.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
        return thrown[0];
    }

    @Test
    void theExecutionIsBoundBeforeTheTestsAndUsesTheTestClassPath() {
        assertThat(text(execution, "phase")).isEqualTo("generate-test-resources");
        assertThat(text(execution, "goal")).isEqualTo("java");
        assertThat(text(execution, "classpathScope")).isEqualTo("test");
        assertThat(text(execution, "cleanupDaemonThreads")).isEqualTo("false");
        assertThat(systemProperties()).containsKey("honestcompute.fetch.readTimeout");
    }

    @Test
    void thePagesSetupFetchesTheModelsAndTheBuildGoesOn() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path lockfile = project.resolve("models.lock.json");
        // the examples' lockfile, its file: URLs and roots pointed at the shipped models where they are
        String text = Files.readString(Path.of("../examples/models.lock.json"));
        for (String model : new String[] {"tiny-llama", "tiny-block"}) {
            Path shipped = Path.of("../fixtures/models/" + model).toRealPath();
            text = text.replace("file:../fixtures/models/" + model, shipped.toUri().toString().replaceAll("/$", ""))
                    .replace("\"../fixtures/models/" + model + "\"", "\"" + shipped + "\"");
        }
        Files.writeString(lockfile, text);
        Path cache = tmp.resolve("cache");
        Map<String, String> props = new LinkedHashMap<>(systemProperties());
        props.put(ModelCache.ROOT_PROPERTY, cache.toString());

        Throwable thrown = runLikeExecJava(arguments(project), props);

        assertThat(thrown).as("the build step failed").isNull();
        ModelCache fetched = ModelCache.at(cache);
        for (LockedModel m : ModelLockfile.read(lockfile).models()) {
            assertThat(fetched.resolveOrNull(m)).as("%s fetched and verified", m.name()).isNotNull();
        }
        assertThat(System.getProperty("honestcompute.fetch.readTimeout")).as("properties restored").isNull();
    }

    @Test
    void whenAModelCannotBeFetchedTheStepFailsTheBuildWithTheReasonInsteadOfExiting() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(project.resolve("models.lock.json"), "{\"schema_version\": 1, \"models\": [{\"name\": \"gone\","
                + " \"tier\": \"ci\", \"format\": \"bin\", \"description\": \"d\", \"license\": \"MIT\", \"files\":"
                + " [{\"path\": \"g.bin\", \"urls\": [\"file:missing.bin\"], \"sha256\": \"" + "0".repeat(64)
                + "\", \"size_bytes\": 1}]}]}");
        Map<String, String> props = new LinkedHashMap<>(systemProperties());
        props.put(ModelCache.ROOT_PROPERTY, tmp.resolve("cache").toString());

        Throwable thrown = runLikeExecJava(arguments(project), props);

        assertThat(thrown).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("fixtures fetch --tier ci --lockfile " + project.resolve("models.lock.json"))
                .hasMessageContaining("failed with exit code 1");
    }
}
