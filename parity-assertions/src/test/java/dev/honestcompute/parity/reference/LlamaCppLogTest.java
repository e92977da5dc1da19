package dev.honestcompute.parity.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.honestcompute.fixtures.generator.TinyLlamaGenerator;
import dev.honestcompute.fixtures.generator.TinyLlamaSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llama.cpp's log goes to a file and the console gets one line naming it. llama.cpp prints from native code to the
 * process's stderr, so this is checked in a child JVM whose stderr the test reads.
 */
class LlamaCppLogTest {

    @TempDir
    static Path dir;

    static Path gguf;

    @BeforeAll
    static void model() throws Exception {
        gguf = TinyLlamaGenerator.generate(TinyLlamaSpec.tiny(7), dir.resolve("model")).file(TinyLlamaGenerator.GGUF_F32);
    }

    record Run(int exit, List<String> stdout, List<String> stderr) {
    }

    private static Run probe(String logSetting) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-D" + LlamaCppLog.PROPERTY + "=" + logSetting,
                "-cp", TestClassPath.asString(), LlamaCppConsoleProbe.class.getName(), gguf.toString()));
        Path out = dir.resolve("out-" + System.nanoTime());
        Path err = dir.resolve("err-" + System.nanoTime());
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("probe JVM did not finish in 120 s");
        }
        return new Run(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    /** JVM warnings about Unsafe/native access are the JDK's, not llama.cpp's. */
    private static List<String> withoutJvmWarnings(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank() && !l.startsWith("WARNING: ")).toList();
    }

    @Test
    void theLogGoesToTheFileAndTheConsoleGetsOneLineNamingIt() throws Exception {
        Path log = dir.resolve("target/llama.log");
        Run run = probe(log.toString());
        assertThat(run.exit()).as(String.join("\n", run.stderr())).isZero();
        assertThat(withoutJvmWarnings(run.stderr())).containsExactly("[honest-compute] llama.cpp log of this JVM: "
                + log + " (-Dhonestcompute.parity.llamacpp.log=console prints it here instead)");
        assertThat(String.join("\n", run.stdout())).contains("probe done").doesNotContain("llama_model_loader");
        String text = Files.readString(log);
        assertThat(text).contains("LOAD " + gguf.toAbsolutePath() + " (generation)",
                "LOAD " + gguf.toAbsolutePath() + " (embeddings, pooling LAST)");
    }

    @Test
    void onTheConsoleSettingLlamaCppPrintsItsFullLogAsBefore() throws Exception {
        Run run = probe("console");
        assertThat(run.exit()).as(String.join("\n", run.stderr())).isZero();
        // what the file setting keeps off the console: the model loader's dump of every tensor and key
        assertThat(run.stderr().stream().filter(l -> l.startsWith("llama_model_loader:")).count())
                .isGreaterThan(20);
        assertThat(run.stderr()).noneMatch(l -> l.startsWith("[honest-compute] llama.cpp log"));
    }

    @Test
    void settingsAndFileNames() {
        assertThat(LlamaCppLog.of("console").toConsole()).isTrue();
        LlamaCppLog byDefault = LlamaCppLog.of(null);
        assertThat(byDefault.file()).isEqualTo(Path.of("target", "llama-cpp-" + ProcessHandle.current().pid()
                + ".log").toAbsolutePath());
        assertThat(byDefault.failureFile().getFileName().toString())
                .isEqualTo("llama-cpp-" + ProcessHandle.current().pid() + "-load-failure.log");
    }
}
