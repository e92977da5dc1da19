package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelWindow;
import dev.honestcompute.recorder.MockComputeLeakError;
import dev.honestcompute.recorder.it.fakes.FakeMatmul;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

/** Mock compute inside a production window throws at once; outside one it is an ordinary test double. */
class MockLeakIT {

    private final float[] a = {1, 2};
    private final float[] b = {3, 4};

    /** The "production" code path a test would exercise; it is the frame the leak message must name. */
    static float forward(ToyKernels kernels, float[] a, float[] b) {
        return kernels.dot(a, b);
    }

    static float forwardWithDouble(ZeroDot kernels, float[] a, float[] b) {
        return kernels.dot(a, b);
    }

    @Test
    void aMockComputeClassLeaksInAProductionWindowNamingMockAndCaller() {
        ZeroDot zero = new ZeroDot();
        try (KernelWindow window = KernelRecorder.openWindow("MockLeakIT#annotated", true)) {
            assertThatThrownBy(() -> forwardWithDouble(zero, a, b))
                    .isInstanceOf(MockComputeLeakError.class)
                    .hasMessageContaining("Mock compute leaked into production window 'MockLeakIT#annotated'")
                    .hasMessageContaining("@MockCompute dev.honestcompute.recorder.it.ZeroDot#dot")
                    .hasMessageContaining("returns 0 instead of computing the dot product")
                    .hasMessageContaining("MockLeakIT.forwardWithDouble(MockLeakIT.java:");
        }
    }

    @Test
    void theLeakIsAnErrorThatCatchExceptionCannotHide() {
        ZeroDot zero = new ZeroDot();
        try (KernelWindow window = KernelRecorder.openWindow("MockLeakIT#catch", true)) {
            assertThatThrownBy(() -> {
                try {
                    zero.dot(a, b);
                } catch (Exception swallowed) {
                    // engine code that hides failures must not hide a leak
                }
            }).isInstanceOf(MockComputeLeakError.class)
                    .satisfies(e -> assertThat(e.getStackTrace())
                            .noneMatch(f -> f.getClassName().contains(".recorder.internal.")));
        }
    }

    @Test
    void mocksAreFineOutsideProductionWindowsAndOutsideAnyWindow() {
        ZeroDot zero = new ZeroDot();
        assertThat(zero.dot(a, b)).isZero();
        try (KernelWindow window = KernelRecorder.openWindow("MockLeakIT#unit", false)) {
            assertThat(zero.dot(a, b)).isZero();
            assertThat(new FakeMatmul()).isNotNull();
            ToyKernels mocked = mock(ToyKernels.class);
            when(mocked.dot(any(), any())).thenReturn(7f);
            assertThat(forward(mocked, a, b)).isEqualTo(7f);
            assertThat(window.observations().kernels()).as("a stubbed mock call is not an executed kernel")
                    .noneMatch(k -> k.id().equals("toy.dot"));
        }
    }

    @Test
    void aClassFromAConfiguredMockPackageLeaks() {
        FakeMatmul fake = new FakeMatmul();
        try (KernelWindow window = KernelRecorder.openWindow("MockLeakIT#package", true)) {
            assertThatThrownBy(() -> fake.matmul(a, b, new float[2]))
                    .isInstanceOf(MockComputeLeakError.class)
                    .hasMessageContaining("mock-package class dev.honestcompute.recorder.it.fakes.FakeMatmul#matmul");
        }
    }

    @Test
    void aMockitoMockOfAKernelTypeLeaks() {
        ToyKernels mocked = mock(ToyKernels.class);
        when(mocked.dot(any(), any())).thenReturn(7f);
        try (KernelWindow window = KernelRecorder.openWindow("MockLeakIT#mockito", true)) {
            assertThatThrownBy(() -> forward(mocked, a, b))
                    .isInstanceOf(MockComputeLeakError.class)
                    .hasMessageContaining("Mockito mock or spy of dev.honestcompute.recorder.it.ToyKernels")
                    .hasMessageContaining("method dot")
                    .hasMessageContaining("MockLeakIT.forward(MockLeakIT.java:");
            assertThat(window.observations().anyKernelRan()).isFalse();
        }
    }

    @Test
    void aSpyThatDelegatesToTheRealKernelStillLeaks() {
        ToyKernels spied = spy(new ToyKernels());
        assertThat(spied.dot(a, b)).isEqualTo(11f); // outside a window: a spy is an ordinary spy
        try (KernelWindow window = KernelRecorder.openWindow("MockLeakIT#spy", true)) {
            assertThatThrownBy(() -> forward(spied, a, b))
                    .isInstanceOf(MockComputeLeakError.class)
                    .hasMessageContaining("Mockito mock or spy of dev.honestcompute.recorder.it.ToyKernels");
        }
    }

    @Test
    void aMockitoMockOfATypeWithoutKernelsIsNotALeak() {
        @SuppressWarnings("unchecked")
        java.util.function.Supplier<String> config = mock(java.util.function.Supplier.class);
        when(config.get()).thenReturn("tiny");
        try (KernelWindow window = KernelRecorder.openWindow("MockLeakIT#unrelated", true)) {
            assertThat(config.get()).isEqualTo("tiny");
        }
    }

    @Test
    void aSwallowedLeakIsRecordedInTheWindowAnyway() {
        ZeroDot zero = new ZeroDot();
        try (KernelWindow window = KernelRecorder.openWindow("MockLeakIT#swallowed", true)) {
            float result;
            try {
                result = zero.dot(a, b);
            } catch (Throwable hidden) {
                result = 0f; // an engine that zero-fills on any failure
            }
            assertThat(result).isZero();
            assertThat(window.observations().mockLeaks()).singleElement().satisfies(leak -> assertThat(leak)
                    .contains("Mock compute leaked into production window 'MockLeakIT#swallowed'")
                    .contains("@MockCompute dev.honestcompute.recorder.it.ZeroDot#dot"));
        }
    }

    /** An engine's backend interface: no {@code @Kernel} anywhere on it. */
    interface MatmulOp extends java.util.function.Function<float[], float[]> {
    }

    @Test
    void aMockOfAnInterfaceWithoutKernelsLeaksWhenCodeOtherThanTheTestCallsIt() {
        MatmulOp op = mock(MatmulOp.class);
        when(op.apply(any())).thenReturn(new float[] {0f});
        try (KernelWindow window = KernelRecorder.window("MockLeakIT#interface").production(true)
                .testCode(MockLeakIT.class).open()) {
            assertThat(op.apply(a)).as("the test itself may call its mock").containsExactly(0f);
            assertThat(window.observations().mockLeaks()).isEmpty();
            // the "engine" (here java.util.Optional, code that is not the test's) calls the mock
            assertThatThrownBy(() -> java.util.Optional.of(a).map(op).orElseThrow())
                    .isInstanceOf(MockComputeLeakError.class)
                    .hasMessageContaining("Mockito mock or spy of dev.honestcompute.recorder.it.MockLeakIT$MatmulOp")
                    .hasMessageContaining("method apply");
            assertThat(window.observations().mockLeaks()).hasSize(1);
        }
    }

    @Test
    void aNonProductionWindowOpenedInsideAProductionWindowDoesNotWeakenIt() {
        ZeroDot zero = new ZeroDot();
        try (KernelWindow window = KernelRecorder.openWindow("MockLeakIT#outer", true)) {
            try (KernelWindow weakened = KernelRecorder.openWindow("engine-hot-path", false)) {
                assertThat(weakened.production()).isTrue();
                assertThatThrownBy(() -> zero.dot(a, b)).isInstanceOf(MockComputeLeakError.class)
                        .hasMessageContaining("production window 'engine-hot-path'");
            }
            assertThat(window.observations().mockLeaks()).as("recorded in every enclosing window").hasSize(1);
        }
    }

    @Test
    void mockComputeOnAThreadNoWindowReachesFailsEveryOpenProductionWindow() throws Exception {
        ZeroDot zero = new ZeroDot();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch called = new java.util.concurrent.CountDownLatch(1);
        Thread unrelated = new Thread(() -> {
            try {
                started.await();
                zero.dot(a, b); // no window's work: it cannot be attributed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                called.countDown();
            }
        });
        unrelated.start(); // started before (outside) the windows
        try (KernelWindow production = KernelRecorder.openWindow("MockLeakIT#parallel", true);
             KernelWindow unitTest = KernelRecorder.openWindow("MockLeakIT#unit-beside", false)) {
            started.countDown();
            assertThat(called.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(production.observations().mockLeaks()).singleElement().satisfies(leak -> assertThat(leak)
                    .contains("which no recording window's work reaches"));
        }
        unrelated.join(10_000);
    }
}
