package dev.honestcompute.examples.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples' SIMD engine in a test JVM started as this one was (the Maven plugin's agent argLine), minus
 * {@code --add-modules jdk.incubator.vector}: the user's most common setup mistake, run for real. The test must fail
 * naming the flag and where to add it, and its receipt must say the same.
 */
class MissingVectorApiProcessTest {

    @TempDir
    Path work;

    @Test
    void theSimdEngineWithoutTheVectorApiModuleFailsNamingTheFlag() throws Exception {
        List<String> jvmArgs = withoutVectorModule(ManagementFactory.getRuntimeMXBean().getInputArguments());
        assertThat(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()))
                .as("this JVM has the flag (the plugin's vectorApi option), so removing it is the experiment")
                .contains("jdk.incubator.vector");
        assertThat(jvmArgs).anySatisfy(a -> assertThat(a).startsWith("-javaagent:"))
                .noneSatisfy(a -> assertThat(a).contains("jdk.incubator.vector"));
        Path receipts = work.resolve("receipts");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SessionInOwnJvm.class.getName(),
                receipts.toString(), MissingVectorApiTestCases.SimdEngine.class.getName()));
        Path out = work.resolve("out.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(finished).as("the child JVM finished within 120 s; its output:%n%s", output).isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("tests run: 1, failed: 1")
                .contains("FAILED generatesWithTheVectorApiBackend(Path): org.junit.jupiter.api.extension."
                        + "ExtensionConfigurationException: the test JVM has no Vector API module, so engine code that "
                        + "uses it could not be loaded (java.lang.NoClassDefFoundError: jdk/incubator/vector/")
                .contains("add --add-modules jdk.incubator.vector to the test JVM: with the Honest Compute Maven "
                        + "plugin set <vectorApi>true</vectorApi>")
                .contains("Honest Compute: 1 receipt (1 failed) → " + receipts.toAbsolutePath().resolve("index.html"));
        JsonNode receipt;
        try (var files = Files.walk(receipts)) {
            Path file = files.filter(f -> f.getFileName().toString().equals("generatesWithTheVectorApiBackend.json"))
                    .findFirst().orElseThrow(() -> new AssertionError("no receipt under " + receipts + ":\n" + output));
            receipt = new ObjectMapper().readTree(file.toFile());
        }
        assertThat(receipt.path("test").path("status").asText()).isEqualTo("failed");
        assertThat(receipt.path("test").path("failure").asText()).contains("--add-modules jdk.incubator.vector");
        assertThat(receipt.path("host").path("vector_api").path("present").asBoolean(true)).isFalse();
    }

    /** This JVM's arguments without the Vector API module (and without a debugger's agent). */
    static List<String> withoutVectorModule(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--add-modules") && i + 1 < args.size() && args.get(i + 1).equals("jdk.incubator.vector")) {
                i++;
            } else if (!a.equals("--add-modules=jdk.incubator.vector") && !a.startsWith("-agentlib:jdwp")) {
                out.add(a);
            }
        }
        return out;
    }
}
