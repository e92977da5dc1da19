package dev.honestcompute.examples.jlama;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Alternates forks of {@link JlamaAgentOverheadBenchmark} without and with the recorder agent ({@code rounds} of
 * each, JMH options pass through) and prints Jlama's tokens per second for both and their ratio, all from this run.
 * The agent jar comes from the system property {@code honestcompute.agent.jar} (the benchmarks profile sets it).
 *
 * <pre>
 * ./mvnw -pl examples -am -Pbenchmarks package -DskipTests \
 *     -Djmh.runner=dev.honestcompute.examples.jlama.JlamaAgentOverheadRunner -Djmh.args="-wi 3 -i 5 -w 1 -r 2"
 * </pre>
 */
public final class JlamaAgentOverheadRunner {

    private static final int ROUNDS = Integer.getInteger("honestcompute.bench.rounds", 3);

    private JlamaAgentOverheadRunner() {
    }

    public static void main(String[] args) throws Exception {
        String agent = System.getProperty("honestcompute.agent.jar");
        if (agent == null || !new java.io.File(agent).isFile()) {
            throw new IllegalStateException("system property honestcompute.agent.jar must name the kernel-recorder"
                    + " jar (found: " + agent + "); run through the examples' benchmarks profile");
        }
        CommandLineOptions cli = new CommandLineOptions(args);
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            without.add(tokensPerSecond(cli, false, agent));
            with.add(tokensPerSecond(cli, true, agent));
        }
        double a = median(with);
        double b = median(without);
        System.out.println();
        System.out.printf("Jlama tiny model, greedy, tokens/s over %d alternating rounds%n", ROUNDS);
        System.out.printf("  without agent: %s  median %.1f%n", without, b);
        System.out.printf("  with agent:    %s  median %.1f%n", with, a);
        System.out.printf("  ratio with/without: %.3f (target >= 0.97)%n", a / b);
    }

    private static double tokensPerSecond(CommandLineOptions cli, boolean withAgent, String agent) throws Exception {
        List<String> jvmArgs = new ArrayList<>();
        jvmArgs.add("-D" + JlamaAgentOverheadBenchmark.EXPECT_AGENT + "=" + withAgent);
        if (withAgent) {
            jvmArgs.add("-javaagent:" + agent);
        }
        // one call: jvmArgsAppend replaces, it does not accumulate
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli).include(JlamaAgentOverheadBenchmark.class.getName() + ".*").forks(1)
                .jvmArgsAppend(jvmArgs.toArray(new String[0]));
        Collection<RunResult> results = new Runner(options.build()).run();
        RunResult only = results.iterator().next();
        Result<?> tokens = only.getSecondaryResults().get("tokens");
        if (tokens == null) {
            throw new IllegalStateException("JMH reported no 'tokens' counter; secondary results: "
                    + only.getSecondaryResults().keySet());
        }
        return tokens.getScore();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
