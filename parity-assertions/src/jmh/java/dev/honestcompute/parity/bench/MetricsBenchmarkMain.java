package dev.honestcompute.parity.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs {@link MetricsBenchmark} with the JMH command-line options given (e.g. {@code -f 1 -wi 3 -i 5}) and prints
 * each metric as a ratio to its baseline from the same run, next to its absolute budget (τ-b ≤ 50 ms on two
 * 128k vectors; cosine/NMSE/allclose ≤ 0.5 ms on 128k floats).
 */
public final class MetricsBenchmarkMain {

    private MetricsBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new org.openjdk.jmh.runner.options.OptionsBuilder()
                .parent(options).include(MetricsBenchmark.class.getName()).build()).run();
        Map<String, Double> micros = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            micros.put(label.substring(label.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        double dot = micros.get("baselineDotProduct");
        double sort = micros.get("baselineSort");
        System.out.println();
        System.out.println("metric          us/op   ratio-to-baseline   budget   within-budget");
        row("cosine", micros, dot, "dot", 500);
        row("nmse", micros, dot, "dot", 500);
        row("allclose", micros, dot, "dot", 500);
        row("kendallTauB", micros, sort, "sort", 50_000);
        System.out.printf(Locale.ROOT, "baselines: dot product %.1f us, Arrays.sort %.1f us (128k elements)%n", dot, sort);
    }

    private static void row(String name, Map<String, Double> micros, double baseline, String baselineName,
            double budgetMicros) {
        double us = micros.get(name);
        System.out.printf(Locale.ROOT, "%-12s %9.1f   %6.2fx %-5s      %6.0f us   %s%n", name, us, us / baseline,
                baselineName, budgetMicros, us <= budgetMicros ? "yes" : "NO");
    }
}
