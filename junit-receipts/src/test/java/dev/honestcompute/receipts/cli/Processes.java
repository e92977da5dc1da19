package dev.honestcompute.receipts.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real processes for the ITs: the packaged CLI jar ({@code java -jar target/junit-receipts-<version>.jar}) and test
 * sessions in their own JVM ({@code dev.honestcompute.receipts.RunSessions} on the test class path), with their exit
 * code, output and wall time. Output goes to files, so a process that prints a lot cannot block on a full pipe.
 */
final class Processes {

    /** One finished process. */
    record Proc(int exit, String out, String err, long millis, long outBytes) {
    }

    private final Path work;

    Processes(Path work) {
        this.work = work;
    }

    /** {@code java <jvmArgs> -jar <cli jar> <args>}. */
    Proc cli(List<String> jvmArgs, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(jvmArgs);
        cmd.add("-jar");
        cmd.add(ReceiptsCliIT.jar().toString());
        cmd.addAll(List.of(args));
        Proc p = java(cmd, Map.of());
        assertThat(p.out() + p.err()).as("no stack trace").doesNotContain("\tat ", "Exception in thread");
        return p;
    }

    Proc cli(String... args) throws Exception {
        return cli(List.of(), args);
    }

    /**
     * A launcher session in its own JVM, as a Surefire fork runs one: with the real recorder agent
     * ({@code -javaagent}, system property {@code receipts.agent.jar} set by the pom), so self-attach is off;
     * {@code jvmArgs} add system properties such as the build id.
     */
    Proc session(Map<String, String> env, List<String> jvmArgs, Path receipts, String... testClasses) throws Exception {
        String agent = System.getProperty("receipts.agent.jar");
        assertThat(agent).as("system property receipts.agent.jar (the kernel-recorder jar; set by junit-receipts' "
                + "pom for Failsafe)").isNotBlank();
        List<String> cmd = new ArrayList<>(List.of("-Xmx256m", "-javaagent:" + agent,
                "-Dhonestcompute.recorder.selfAttach=false", "-cp", System.getProperty("java.class.path")));
        cmd.addAll(jvmArgs);
        cmd.add("dev.honestcompute.receipts.RunSessions");
        cmd.add(receipts.toString());
        cmd.addAll(List.of(testClasses));
        return java(cmd, env);
    }

    private Proc java(List<String> args, Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        Path out = Files.createTempFile(work, "out-", ".txt");
        Path err = Files.createTempFile(work, "err-", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("HONESTCOMPUTE_SIGNING_KEY");
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("process did not finish within 120 s (a hang): " + cmd);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Proc(p.exitValue(), head(out), head(err), millis, Files.size(out) + Files.size(err));
    }

    /** The first MiB of a file: enough to assert on, bounded even when a broken run prints gigabytes. */
    private static String head(Path file) throws java.io.IOException {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
    }
}
