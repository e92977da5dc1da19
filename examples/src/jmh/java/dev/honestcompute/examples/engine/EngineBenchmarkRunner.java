package dev.honestcompute.examples.engine;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link EngineBenchmark} (JMH command-line options pass through) and prints scalar/SIMD time ratios from the
 * same run: {@code ratio > 1} means the Vector API kernel is faster.
 */
public final class EngineBenchmarkRunner {

    private EngineBenchmarkRunner() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new OptionsBuilder().parent(cli)
                .include(EngineBenchmark.class.getName() + ".*").build()).run();
        Map<String, Double> scores = new TreeMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            String size = r.getParams().getParamsKeys().contains("size") ? "[size=" + r.getParams().getParam("size") + "]" : "";
            scores.put(name + size, r.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("scalar/SIMD time ratio (same run, higher = SIMD faster):");
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            if (e.getKey().contains("Scalar")) {
                String simdKey = e.getKey().replace("Scalar", "Simd");
                Double simd = scores.get(simdKey);
                if (simd != null) {
                    System.out.printf("  %-28s scalar %10.3f us  simd %10.3f us  ratio %.2fx%n",
                            e.getKey().replace("Scalar", ""), e.getValue(), simd, e.getValue() / simd);
                }
            }
        }
    }
}
