package dev.honestcompute.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** Test helper: the parity section a test's {@code @ParityWith} published as its JUnit report entry. */
final class ParitySections {

    private ParitySections() {
    }

    /** The section of the test method named {@code method}, or {@code null} when it published none. */
    static JsonNode of(EngineExecutionResults results, String method) {
        for (Event e : results.allEvents().reportingEntryPublished().list()) {
            if (!e.getTestDescriptor().getUniqueId().toString().contains("[method:" + method + "(")) {
                continue;
            }
            ReportEntry entry = e.getPayload(ReportEntry.class).orElseThrow();
            String json = entry.getKeyValuePairs().get(ParityWithExtension.REPORT_ENTRY);
            if (json != null) {
                try {
                    return new ObjectMapper().readTree(json);
                } catch (java.io.IOException ex) {
                    throw new AssertionError("the parity report entry of " + method + " is not JSON: " + json, ex);
                }
            }
        }
        return null;
    }
}
