package dev.honestcompute.examples.onnx;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link OnnxProfilingOverheadBenchmark} (JMH command-line options pass through) and prints the time ratio of a
 * run with ONNX Runtime's session profiling on to one with it off, from the same JMH run:
 * <pre>
 * ./mvnw -pl examples -am -Pbenchmarks package -DskipTests \
 *     -Djmh.runner=dev.honestcompute.examples.onnx.OnnxProfilingOverheadRunner -Djmh.args="-wi 3 -i 5"
 * </pre>
 */
public final class OnnxProfilingOverheadRunner {

    private OnnxProfilingOverheadRunner() {
    }

    public static void main(String[] args) throws Exception {
        // ONNX Runtime 1.29 (Linux) crashes the JVM (SIGSEGV, exit 139) in OrtEnvironment's native initialisation
        // when the process command line is longer than about 4 KB, and a forked JMH JVM gets the whole class path on
        // its command line: JMH's own option moves it into a manifest-only classpath JAR.
        System.setProperty("jmh.separateClasspathJAR", "true");
        CommandLineOptions cli = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new OptionsBuilder().parent(cli)
                .include(OnnxProfilingOverheadBenchmark.class.getName() + ".*").build()).run();
        Map<String, double[]> byProfiling = new HashMap<>();
        for (RunResult r : results) {
            byProfiling.put(r.getParams().getParam("profiling"), new double[] {r.getPrimaryResult().getScore(),
                r.getPrimaryResult().getScoreError()});
        }
        double[] off = byProfiling.get("off");
        double[] on = byProfiling.get("on");
        if (off == null || on == null) {
            throw new IllegalStateException("expected results for profiling=off and profiling=on, got "
                    + byProfiling.keySet() + " (do not restrict -p profiling)");
        }
        System.out.println();
        System.out.printf("ONNX Runtime session profiling, tiny block (7 tokens, 17 nodes per run), same run:%n");
        System.out.printf("  off %10.3f ± %.3f us/run%n  on  %10.3f ± %.3f us/run%n  on/off ratio %.3f%n",
                off[0], off[1], on[0], on[1], on[0] / off[0]);
    }
}
