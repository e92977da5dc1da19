package dev.honestcompute.recorder.evidence.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.honestcompute.recorder.evidence.EvidenceSource;
import dev.honestcompute.recorder.evidence.RecordingSink;
import dev.honestcompute.recorder.evidence.TestWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ONNX Runtime integration on the real CPU build (1.29) and the shipped tiny block, hooks called as the agent
 * calls them: what a window proves, and every way a session can escape being profiled, reported as such.
 */
class OnnxRuntimeProfilerTest {

    private final OnnxRuntimeProfiler source = new OnnxRuntimeProfiler();

    private static RecordingSink close(EvidenceSource.Capture capture) {
        RecordingSink sink = new RecordingSink();
        capture.close(sink);
        return sink;
    }

    @Test
    void aSessionCreatedInTheWindowReportsEveryNodeWithTheProviderThatRanIt() throws Exception {
        EvidenceSource.Capture capture = source.open(TestWindow.of("OrtTest#cpu"));
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = HookedOrt.create(options)) {
            for (int i = 0; i < 3; i++) {
                float[][] logits = HookedOrt.run(session, 1, 5, 7, 9);
                assertThat(logits).hasNumberOfRows(4);
                assertThat(logits[0]).hasSize(64);
            }
            RecordingSink sink = close(capture);

            assertThat(sink.unavailable).isEmpty();
            assertThat(sink.fallbacks).isEmpty();
            Map<String, Long> calls = sink.kernels.stream()
                    .collect(Collectors.toMap(RecordingSink.Kernel::id, RecordingSink.Kernel::calls));
            assertThat(calls).isEqualTo(HookedOrt.NODES_PER_RUN.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> 3L * e.getValue())));
            assertThat(sink.kernels).allSatisfy(k -> {
                assertThat(k.backend()).isEqualTo("cpu");
                assertThat(k.failedCalls()).isZero();
                assertThat(k.detail()).startsWith("CPUExecutionProvider; nodes ");
            });
            assertThat(sink.kernel("ort.MatMul").detail()).contains("/attn/q/MatMul", "/unembed/MatMul", "session #");
            assertThat(sink.kernel("ort.Softmax").detail()).contains("/attn/Softmax");
            assertThat(sink.fact("onnxruntime.profiled_runs")).isEqualTo("3");
        }
    }

    @Test
    void theProfileIsDeletedAndTheOptionsAreGivenBackWithProfilingOff() throws Exception {
        EvidenceSource.Capture capture = source.open(TestWindow.of("OrtTest#cleanup"));
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            try (OrtSession inWindow = HookedOrt.create(options)) {
                HookedOrt.run(inWindow, 3);
                Path dir = OrtSessions.INSTANCE.directory.path();
                assertThat(dir.getFileName().toString()).startsWith("honestcompute-onnxruntime-");
                assertThat(listing(dir)).as("ONNX Runtime opens the profile when the session starts").isNotEmpty();
                close(capture);
                assertThat(listing(dir)).as("read and deleted at window close").isEmpty();
            }
            // the same options, after the window: not profiled (ONNX Runtime would write nothing anywhere)
            try (OrtSession later = HookedOrt.create(options)) {
                assertThat(later.endProfiling()).as("profiling is off in the options again").isEmpty();
            }
        }
    }

    @Test
    void aRequestedCudaBackendWhoseNodesRanOnTheCpuIsAFallbackNamingTheNodes() throws Exception {
        EvidenceSource.Capture capture = source.open(TestWindow.requesting("OrtTest#cuda", "cuda"));
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            assertThatThrownBy(options::addCUDA).as("the Maven Central build has no CUDA provider")
                    .isInstanceOf(OrtException.class).hasMessageContaining("CUDA");
            OrtSession session = HookedOrt.create(options); // what engines do: carry on with the CPU provider
            HookedOrt.run(session, 1, 2);
            HookedOrt.close(session);
        }
        RecordingSink sink = close(capture);

        assertThat(sink.fallbacks).singleElement().satisfies(f -> {
            assertThat(f.requested()).isEqualTo("cuda");
            assertThat(f.effective()).isEqualTo("cpu");
            assertThat(f.reasonCode()).isEqualTo(NodePlacement.ALL_NODES_FELL_BACK);
            assertThat(f.detail()).startsWith("17 of 17 ONNX Runtime nodes ran on CPUExecutionProvider instead of"
                    + " cuda: ").contains("/attn/mask/Add", "/attn/residual/Add", "and 11 more");
        });
        assertThat(sink.kernels).extracting(RecordingSink.Kernel::backend).containsOnly("cpu");
    }

    @Test
    void aCpuRequestIsNoFallback() throws Exception {
        EvidenceSource.Capture capture = source.open(TestWindow.requesting("OrtTest#cpuRequested", "cpu"));
        RecordingSink sink;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = HookedOrt.create(options)) {
            HookedOrt.run(session, 4);
            sink = close(capture);
        }
        assertThat(sink.fallbacks).isEmpty();
        assertThat(sink.kernels).isNotEmpty();
    }

    @Test
    void aSessionClosedInsideTheWindowIsReadWhenItCloses() throws Exception {
        EvidenceSource.Capture capture = source.open(TestWindow.of("OrtTest#closedInside"));
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            OrtSession session = HookedOrt.create(options);
            HookedOrt.run(session, 1, 2, 3);
            HookedOrt.close(session);
        }
        RecordingSink sink = close(capture);
        assertThat(sink.unavailable).isEmpty();
        assertThat(sink.kernel("ort.Gather").calls()).isEqualTo(1);
    }

    @Test
    void aSessionClosedWithoutTheCloseHookIsUnavailableNotACrash() throws Exception {
        EvidenceSource.Capture capture = source.open(TestWindow.of("OrtTest#unhookedClose"));
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            OrtSession session = HookedOrt.create(options);
            HookedOrt.run(session, 1);
            session.close(); // no beforeClose: the native session and its in-memory profile are gone
        }
        RecordingSink sink = close(capture);
        assertThat(sink.kernels).isEmpty();
        assertThat(sink.unavailable).singleElement().satisfies(u -> {
            assertThat(u.what()).isEqualTo(OrtWindow.PLACEMENT);
            assertThat(u.why()).endsWith("was closed before its profile could be read (OrtSession.close is not"
                    + " hooked by the recorder agent)");
        });
    }

    @Test
    void aSessionCreatedOutsideAnyWindowIsUnavailableWithTheReason() throws Exception {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession early = HookedOrt.create(options)) {
            EvidenceSource.Capture capture = source.open(TestWindow.of("OrtTest#createdBefore"));
            HookedOrt.run(early, 1, 2);
            HookedOrt.run(early, 3);
            RecordingSink sink = close(capture);

            assertThat(sink.kernels).isEmpty();
            assertThat(sink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                    .matches("session #\\d+ ran 2 times in this window but was created outside a recording window, so"
                            + " ONNX Runtime did not profile it \\(profiling can only be switched on when a session"
                            + " is created\\): create the session inside the test"));
        }
    }

    @Test
    void aSessionUsedByALaterWindowIsCreditedToItsOwnWindowOnly() throws Exception {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            EvidenceSource.Capture first = source.open(TestWindow.of("OrtTest#first"));
            try (OrtSession shared = HookedOrt.create(options)) {
                HookedOrt.run(shared, 1);
                RecordingSink firstSink = close(first);
                assertThat(firstSink.kernel("ort.Softmax").calls()).isEqualTo(1);

                EvidenceSource.Capture second = source.open(TestWindow.of("OrtTest#second"));
                HookedOrt.run(shared, 2);
                RecordingSink secondSink = close(second);
                assertThat(secondSink.kernels).isEmpty();
                assertThat(secondSink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                        .contains("was created in window 'OrtTest#first', which it is profiled for; its profile was"
                                + " read when window 'OrtTest#first' closed, and ONNX Runtime profiles a session only"
                                + " once: create a session per test"));
            }
        }
    }

    @Test
    void aRunOnAPoolThreadCountsInTheOnlyOpenWindow() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        EvidenceSource.Capture capture = source.open(TestWindow.of("OrtTest#pool"));
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = HookedOrt.create(options)) {
            pool.submit(() -> HookedOrt.run(session, 1, 2)).get(30, TimeUnit.SECONDS);
            RecordingSink sink = close(capture);
            assertThat(sink.unavailable).isEmpty();
            assertThat(sink.kernel("ort.Gather").calls()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void runsFromAnotherOpenWindowWithholdTheCreditOfBoth() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        EvidenceSource.Capture mine = source.open(TestWindow.of("OrtTest#owner"));
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = HookedOrt.create(options)) {
            HookedOrt.run(session, 1);
            CountDownLatch ran = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<RecordingSink> theirs = other.submit(() -> {
                EvidenceSource.Capture capture = source.open(TestWindow.of("OrtTest#intruder"));
                HookedOrt.run(session, 2);
                ran.countDown();
                release.await(30, TimeUnit.SECONDS);
                return close(capture);
            });
            assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
            RecordingSink mineSink = close(mine);
            release.countDown();
            RecordingSink theirSink = theirs.get(30, TimeUnit.SECONDS);

            assertThat(mineSink.kernels).as("a profile holding another window's run credits nobody").isEmpty();
            assertThat(mineSink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                    .contains("was profiled for window 'OrtTest#owner' but 1 of its 2 runs came from other windows or"
                            + " from threads of no window"));
            assertThat(theirSink.kernels).isEmpty();
            assertThat(theirSink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                    .contains("was created in window 'OrtTest#owner'"));
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aSessionWithTheCallersOwnProfilingIsNotTakenOver(@TempDir Path callerDir) throws Exception {
        EvidenceSource.Capture capture = source.open(TestWindow.of("OrtTest#callerProfiles"));
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            HookedOrt.enableProfiling(options, callerDir.resolve("mine").toString());
            try (OrtSession session = HookedOrt.create(options)) {
                HookedOrt.run(session, 5);
                RecordingSink sink = close(capture);
                assertThat(sink.kernels).isEmpty();
                assertThat(sink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                        .contains("was created with the caller's own SessionOptions.enableProfiling"));
                String own = session.endProfiling();
                assertThat(Path.of(own)).as("the caller's profile is where the caller put it").startsWith(callerDir)
                        .isRegularFile();
            }
        }
    }

    @Test
    void aSessionFirstSeenWhenItRunsWasCreatedBeforeTheHooks() throws Exception {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession unhooked = HookedOrt.env().createSession(HookedOrt.MODEL.toString(), options)) {
            EvidenceSource.Capture capture = source.open(TestWindow.of("OrtTest#unseen"));
            HookedOrt.run(unhooked, 1);
            RecordingSink sink = close(capture);
            assertThat(sink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                    .contains("was created before the recorder agent hooked ONNX Runtime"));
        }
    }

    @Test
    void runsTheRecorderDidNotSeeMakeTheProfileUncreditable() throws Exception {
        EvidenceSource.Capture capture = source.open(TestWindow.of("OrtTest#unhookedRun"));
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = HookedOrt.create(options)) {
            HookedOrt.run(session, 1);
            try (var t = ai.onnxruntime.OnnxTensor.createTensor(HookedOrt.env(), java.nio.LongBuffer.wrap(
                    new long[] {2}), new long[] {1}); var r = session.run(Map.of("tokens", t))) {
                assertThat(r.size()).isEqualTo(1); // a run without the beforeRun hook
            }
            RecordingSink sink = close(capture);
            assertThat(sink.kernels).isEmpty();
            assertThat(sink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                    .contains("shows 2 runs but the recorder saw 1 OrtSession.run calls"));
        }
    }

    @Test
    void aProfileOverTheSizeLimitIsNotReadAndSaysHowToRaiseIt() throws Exception {
        String previous = System.getProperty(OrtProfileReader.MAX_BYTES_PROPERTY);
        System.setProperty(OrtProfileReader.MAX_BYTES_PROPERTY, "512");
        try {
            EvidenceSource.Capture capture = source.open(TestWindow.of("OrtTest#tooBig"));
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                 OrtSession session = HookedOrt.create(options)) {
                HookedOrt.run(session, 1, 2, 3);
                RecordingSink sink = close(capture);
                assertThat(sink.kernels).isEmpty();
                assertThat(sink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                        .contains("could not be read: ", "bytes, over the 512-byte limit; profile fewer runs per test"
                                + " or raise -Dhonestcompute.onnxruntime.maxProfileBytes"));
                assertThat(listing(OrtSessions.INSTANCE.directory.path())).isEmpty();
            }
        } finally {
            if (previous == null) {
                System.clearProperty(OrtProfileReader.MAX_BYTES_PROPERTY);
            } else {
                System.setProperty(OrtProfileReader.MAX_BYTES_PROPERTY, previous);
            }
        }
    }

    @Test
    void hooksGivenWrongObjectsNeverThrowIntoTheEngine() {
        EvidenceSource.Capture capture = source.open(TestWindow.of("OrtTest#junk"));
        OnnxRuntimeHooks.beforeCreateSessionDirect("not options");
        OnnxRuntimeHooks.sessionCreatedDirect("not options", "not a session");
        OnnxRuntimeHooks.sessionCreationFailedDirect(null);
        OnnxRuntimeHooks.beforeRunDirect(null);
        OnnxRuntimeHooks.beforeCloseDirect("not a session");
        OnnxRuntimeHooks.callerEnablesProfilingDirect(null);
        OnnxRuntimeHooks.callerDisablesProfilingDirect(null);
        OnnxRuntimeHooks.beforeRunDirect("not a session");
        RecordingSink sink = close(capture);
        assertThat(sink.kernels).isEmpty();
        assertThat(sink.unavailable).singleElement().satisfies(u -> assertThat(u.why())
                .contains("could not be profiled: switching on ONNX Runtime profiling for a session created in window"
                        + " 'OrtTest#junk' failed: NoSuchMethodException"));
    }

    private static java.util.List<Path> listing(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
