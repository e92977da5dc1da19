package dev.honestcompute.receipts;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs {@code ...TestCases} classes in a real launcher session, so the ServiceLoader-registered run-summary listener
 * writes {@code run-summary.json} exactly as in a Surefire fork (EngineTestKit bypasses launcher listeners). Public
 * for the CLI tests in other packages; {@link #main} runs a session in its own JVM for the process tests.
 */
public final class RunSessions {

    /** Three receipts: class-level {@code @EmitsReceipt} with a nested class. */
    public static final String CLASS_LEVEL = EmitsReceiptTestCases.ClassLevelCase.class.getName();
    /** One receipt among failed, aborted, skipped and deselected tests without receipts. */
    public static final String MIXED = RunSummaryTestCases.MixedOutcomes.class.getName();
    /** One receipt whose rule violation fails its test (the receipt says failed too). */
    public static final String MOCK_KERNEL = EmitsReceiptTestCases.MockKernelIdCase.class.getName();
    /** Two receipts, then the JVM halts before the session ends (as kill -9 would). */
    public static final String HALTS = RunSummaryTestCases.HaltsMidRun.class.getName();

    private RunSessions() {
    }

    /** Runs {@code classNames} in one launcher session writing into {@code dir}, with extra configuration parameters. */
    public static TestExecutionSummary run(Path dir, Map<String, String> parameters, String... classNames) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String name : classNames) {
            selectors.add(selectClass(name));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameter(EmitsReceipt.DIR_PARAMETER, dir.toString())
                .configurationParameters(parameters)
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(request, listener);
        }
        return listener.getSummary();
    }

    /** {@link #run} with the build id {@code buildId} (null: none configured, one id for this JVM). */
    public static TestExecutionSummary run(Path dir, String buildId, String... classNames) {
        Map<String, String> parameters = new HashMap<>();
        if (buildId != null) {
            parameters.put(dev.honestcompute.receipts.summary.RunSummary.BUILD_ID_PARAMETER, buildId);
        }
        return run(dir, parameters, classNames);
    }

    /** The one receipt file named {@code fileName} under {@code dir}. */
    public static Path receipt(Path dir, String fileName) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().equals(fileName)).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one " + fileName + " under " + dir + ", found " + found);
            }
            return found.get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * {@code java -cp <test class path> dev.honestcompute.receipts.RunSessions DIR CLASS...}: one session in its own
     * JVM, with the build id (if any) from the system property, as a Surefire fork would run it.
     */
    public static void main(String[] args) {
        String[] classes = java.util.Arrays.copyOfRange(args, 1, args.length);
        TestExecutionSummary summary = run(Path.of(args[0]), Map.of(), classes);
        System.out.println("tests run: " + summary.getTestsStartedCount() + ", failed: "
                + summary.getTestsFailedCount());
    }
}
