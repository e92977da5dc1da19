package dev.honestcompute.receipts.internal;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registered through {@code META-INF/services}: for each launcher session it attaches a {@link RunSummaryCollector}
 * to the session's launcher and writes {@code run-summary.json} into each receipts directory used when the session
 * closes. One collector per session, so counts and receipts of nested sessions never mix.
 */
public final class RunSummaryListener implements LauncherSessionListener {

    private final Map<LauncherSession, RunSummaryCollector> collectors = new ConcurrentHashMap<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        RunSummaryCollector collector = new RunSummaryCollector();
        collectors.put(session, collector);
        session.getLauncher().registerTestExecutionListeners(collector);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        RunSummaryCollector collector = collectors.remove(session);
        if (collector != null) {
            collector.writeSummaries();
        }
    }
}
