package dev.honestcompute.recorder.it;

import dev.honestcompute.recorder.KernelObservations;
import dev.honestcompute.recorder.KernelRecorder;
import dev.honestcompute.recorder.KernelWindow;
import dev.honestcompute.recorder.RecorderAgent;
import dev.honestcompute.recorder.it.attacks.BuildsObservations;
import dev.honestcompute.recorder.it.attacks.FakeJCuda;
import dev.honestcompute.recorder.it.attacks.FlipsTheCanary;
import dev.honestcompute.recorder.it.attacks.HidesTheName;
import dev.honestcompute.recorder.it.attacks.LinksItself;
import dev.honestcompute.recorder.it.attacks.NavigatesFromTheWindow;
import dev.honestcompute.recorder.it.attacks.ShipsItsOwnCallSite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Sealed evidence: code the agent did not instrument cannot record a kernel or change the recorder's state, by any
 * route — a direct call, reflection by name or by navigation, a private lookup, its own call site, a class in the
 * recorder's package, a look-alike JCuda. Each attempt fails, and the window it ran in names it as a forgery; the
 * honest twin in the same JVM is counted and clean.
 */
class SealingIT {

    private final ToyKernels toy = new ToyKernels();
    private final float[] a = {1, 2};

    private KernelObservations attempt(String owner, ThrowingRunnable attack, Class<? extends Throwable> refusal) {
        try (KernelWindow window = KernelRecorder.openWindow(owner, true)) {
            Throwable thrown = catchThrowable(attack::run);
            assertThat(thrown).as(owner + " must be refused").isNotNull();
            if (refusal != null) {
                assertThat(rootOf(thrown)).as(owner + ": " + thrown).isInstanceOf(refusal);
            }
            window.close();
            return window.observations();
        }
    }

    /** A recorder-internal class name, built at run time so that this test class itself names no internal class. */
    private static String internal(String simpleName) {
        return String.join(".", "dev", "honestcompute", "recorder", "internal", simpleName);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Throwable;
    }

    private static Throwable rootOf(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }

    @Test
    void callingTheBootstrapDirectlyIsRefusedAndTheWindowNamesTheForgery() {
        KernelObservations seen = attempt("direct-link", LinksItself::attack, IllegalAccessException.class);
        assertThat(seen.kernels()).isEmpty();
        assertThat(seen.forgeries()).anySatisfy(f -> assertThat(f)
                .startsWith("dev.honestcompute.recorder.it.attacks.LinksItself (from file:")
                .contains("references the recorder's runtime (" + internal("Linkage"))
                .contains("remove this code"));
        assertThat(seen.forgeries()).anySatisfy(f -> assertThat(f)
                .contains("tried to use the recorder's call-site bootstrap")
                .contains("was planned in another class"));
    }

    @Test
    void reflectionOnTheCanaryByNameIsRefused() {
        KernelObservations seen = attempt("canary", FlipsTheCanary::attack,
                java.lang.reflect.InaccessibleObjectException.class);
        assertThat(seen.forgeries()).anySatisfy(f -> assertThat(f)
                .contains("FlipsTheCanary").contains("Recording.canarySeen")
                .contains("setAccessible on Honest Compute's own non-public code is refused"));
        assertThat(KernelRecorder.isActive()).isTrue();
    }

    @Test
    void reflectionWhoseNamesAreBuiltAtRunTimeIsRefusedByTheGuard() {
        KernelObservations seen = attempt("obfuscated", HidesTheName::attack,
                java.lang.reflect.InaccessibleObjectException.class);
        assertThat(seen.kernels()).as("no call reached the counters").isEmpty();
        assertThat(seen.forgeries()).singleElement().satisfies(f -> assertThat(f)
                .startsWith("dev.honestcompute.recorder.it.attacks.HidesTheName").contains("Recording.exit"));
    }

    @Test
    void navigatingFromAPublicObjectIntoPrivateStateIsRefused() {
        try (KernelWindow window = KernelRecorder.openWindow("navigate", true)) {
            Throwable thrown = catchThrowable(() -> NavigatesFromTheWindow.attack(window));
            assertThat(thrown).isInstanceOf(java.lang.reflect.InaccessibleObjectException.class)
                    .hasMessageContaining("Honest Compute refuses reflective access")
                    .hasMessageContaining("NavigatesFromTheWindow");
            assertThat(window.observations().forgeries()).singleElement()
                    .satisfies(f -> assertThat(f).contains("NavigatesFromTheWindow").contains("WindowHandle"));
        }
    }

    @Test
    void aPrivateLookupIntoTheLibraryIsRefused() {
        KernelObservations seen = attempt("private-lookup", BuildsObservations::attack, IllegalAccessException.class);
        assertThat(seen.forgeries()).anySatisfy(f -> assertThat(f)
                .contains("MethodHandles.privateLookupIn(dev.honestcompute.recorder.KernelObservations)"));
    }

    @Test
    void aHiddenClassWithItsOwnCallSiteToTheBootstrapIsRefusedAtLink() {
        KernelObservations seen = attempt("hidden-indy", ShipsItsOwnCallSite::attackWithHiddenClass, null);
        assertThat(seen.kernels()).isEmpty();
        assertThat(seen.forgeries()).anySatisfy(f -> assertThat(f)
                .contains("tried to use the recorder's call-site bootstrap"));
    }

    @Test
    void anOrdinaryClassWithItsOwnCallSiteIsAForgeryWhenLoaded() {
        KernelObservations seen = attempt("ordinary-indy", ShipsItsOwnCallSite::attackWithOrdinaryClass, null);
        assertThat(seen.kernels()).isEmpty();
        assertThat(seen.forgeries()).anySatisfy(f -> assertThat(f)
                .startsWith("dev.honestcompute.recorder.it.attacks.ForgedOrdinary")
                .contains("references the recorder's runtime (" + internal("Linkage")));
    }

    @Test
    void aClassDeclaredInTheRecordersPackageCannotLoadBesideTheSealedJar() {
        Throwable thrown = catchThrowable(dev.honestcompute.recorder.it.attacks.SquatsThePackage::attack);
        assertThat(thrown).isInstanceOf(SecurityException.class).hasMessageContaining("sealing violation");
    }

    @Test
    void aLookAlikeJCudaDriverNeverRecordsALaunch() throws Exception {
        try (KernelWindow window = KernelRecorder.openWindow("fake-jcuda", true)) {
            assertThat(FakeJCuda.launch(false, 3)).as("the fake says every launch succeeded").isZero();
            assertThat(FakeJCuda.launch(true, 3)).isZero();
            assertThat(window.observations().kernels()).as("no driver was reached").isEmpty();
            assertThat(window.observations().forgeries()).isEmpty();
        }
    }

    @Test
    void theHonestTwinInTheSameJvmIsCountedAndClean() {
        try (KernelWindow window = KernelRecorder.openWindow("honest", true)) {
            for (int i = 0; i < 3; i++) {
                toy.checkedDot(a, a);
            }
            assertThat(Seen.lines(window)).containsExactly("toy.checked_dot cpu 3/0",
                    "toy.dot cpu-simd 3/0 [avx2] unverified");
            assertThat(window.observations().forgeries()).isEmpty();
            assertThat(window.observations().recorderActive()).isTrue();
        }
    }

    @Test
    void everyForgeryIsListedJvmWide() {
        catchThrowable(LinksItself::attack);
        assertThat(RecorderAgent.forgeries()).anySatisfy(f -> assertThat(f).contains("LinksItself"));
    }
}
