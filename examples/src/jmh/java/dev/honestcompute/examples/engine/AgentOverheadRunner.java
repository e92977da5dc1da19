package dev.honestcompute.examples.engine;

import dev.honestcompute.recorder.KernelRecorder;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs a tokens-per-second benchmark (default {@link ParallelEngineBenchmark}; {@code -Dhonestcompute.bench.class=}
 * picks another with a {@code tokens} counter) in alternating forks: without the recorder agent, with it (timing
 * off), and with {@code -Dhonestcompute.recorder.timing=sampled}; prints each median and the ratios to the
 * no-agent forks, all measured in this run.
 *
 * <pre>
 * ./mvnw -pl examples -am -Pbenchmarks package -DskipTests \
 *     -Djmh.runner=dev.honestcompute.examples.engine.AgentOverheadRunner -Djmh.args="-wi 3 -i 5 -w 1 -r 2"
 * </pre>
 */
public final class AgentOverheadRunner {

    /** System property the runner sets in each fork: off, on or sampled. */
    static final String FORK_KIND = "honestcompute.bench.fork";
    private static final int ROUNDS = Integer.getInteger("honestcompute.bench.rounds", 3);

    private AgentOverheadRunner() {
    }

    /** Called in a fork's setup: the fork must have (or lack) the agent as the runner says. */
    static void checkFork() {
        String kind = System.getProperty(FORK_KIND, "off");
        boolean expectAgent = !kind.equals("off");
        if (KernelRecorder.isActive() != expectAgent) {
            throw new IllegalStateException("fork '" + kind + "' expected the recorder " + (expectAgent ? "active"
                    : "inactive") + " but KernelRecorder.isActive() is " + KernelRecorder.isActive());
        }
    }

    public static void main(String[] args) throws Exception {
        String agent = System.getProperty("honestcompute.agent.jar");
        if (agent == null || !new java.io.File(agent).isFile()) {
            throw new IllegalStateException("system property honestcompute.agent.jar must name the kernel-recorder"
                    + " jar (found: " + agent + "); run through the examples' benchmarks profile");
        }
        String bench = System.getProperty("honestcompute.bench.class", ParallelEngineBenchmark.class.getName());
        CommandLineOptions cli = new CommandLineOptions(args);
        List<Double> off = new ArrayList<>();
        List<Double> on = new ArrayList<>();
        List<Double> sampled = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            off.add(tokensPerSecond(cli, bench, "off", agent));
            on.add(tokensPerSecond(cli, bench, "on", agent));
            sampled.add(tokensPerSecond(cli, bench, "sampled", agent));
        }
        double b = median(off);
        System.out.println();
        System.out.printf("%s, tokens/s over %d alternating rounds%n", bench, ROUNDS);
        System.out.printf("  without agent:          %s  median %.1f%n", off, b);
        System.out.printf("  with agent, timing off: %s  median %.1f  ratio %.3f (target >= 0.95)%n", on,
                median(on), median(on) / b);
        System.out.printf("  with agent, sampled:    %s  median %.1f  ratio %.3f%n", sampled, median(sampled),
                median(sampled) / b);
    }

    private static double tokensPerSecond(CommandLineOptions cli, String bench, String kind, String agent)
            throws Exception {
        List<String> jvmArgs = new ArrayList<>();
        jvmArgs.add("-D" + FORK_KIND + "=" + kind);
        jvmArgs.add("--add-modules=jdk.incubator.vector");
        if (!kind.equals("off")) {
            jvmArgs.add("-javaagent:" + agent);
        }
        if (kind.equals("sampled")) {
            jvmArgs.add("-Dhonestcompute.recorder.timing=sampled");
        }
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli).include(bench + ".*").forks(1).jvmArgsAppend(jvmArgs.toArray(new String[0]));
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
