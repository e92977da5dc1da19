package dev.honestcompute.examples.receipts;

import dev.honestcompute.receipts.EmitsReceipt;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.nio.file.Path;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@code java ... SessionInOwnJvm RECEIPTS_DIR CLASS}: one launcher session in a JVM of its own, as a Surefire fork
 * runs it (the session listener writes the run summary and prints its line), printing each failed test as
 * {@code FAILED <test>: <exception type>: <message>} for the parent test to read.
 */
public final class SessionInOwnJvm {

    private SessionInOwnJvm() {
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(args[1]))
                .configurationParameter(EmitsReceipt.DIR_PARAMETER, args[0])
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(request, listener);
        }
        TestExecutionSummary summary = listener.getSummary();
        for (TestExecutionSummary.Failure f : summary.getFailures()) {
            System.out.println("FAILED " + f.getTestIdentifier().getDisplayName() + ": "
                    + f.getException().getClass().getName() + ": " + f.getException().getMessage());
        }
        System.out.println("tests run: " + summary.getTestsStartedCount() + ", failed: "
                + summary.getTestsFailedCount());
    }
}
