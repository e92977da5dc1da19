package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.KernelStats;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The transformer's cheap filter, on real class files (the rewriting itself runs in the agent ITs). */
class KernelTransformerTest {

    @Test
    void classesThatUseTheAnnotationsPassTheByteFilterOthersDoNot() throws IOException {
        assertThat(KernelTransformer.mentionsRecorderAnnotation(classFile("dev/honestcompute/recorder/it/ToyKernels")))
                .as("@Kernel methods").isTrue();
        assertThat(KernelTransformer.mentionsRecorderAnnotation(
                classFile("dev/honestcompute/recorder/it/fakes/FakeMatmul"))).as("a plain class").isFalse();
        // its field descriptor names KernelStats (same package, a longer name): the descriptor's ';' keeps it out
        assertThat(KernelTransformer.mentionsRecorderAnnotation(classFile(
                "dev/honestcompute/recorder/internal/KernelTransformerTest$HoldsKernelStats"))).isFalse();
    }

    /** A class whose constant pool holds {@code Ldev/honestcompute/recorder/KernelStats;} and no annotation. */
    static final class HoldsKernelStats {
        KernelStats last;
    }

    @Test
    void theJdkTheRecorderTestFrameworksAndBuildToolsAreNeverOffered() {
        for (String name : List.of("java.util.ArrayList", "jdk.internal.misc.Unsafe", "sun.misc.Unsafe",
                "net.bytebuddy.ByteBuddy", "dev.honestcompute.recorder.shaded.net.bytebuddy.jar.asm.ClassReader",
                "dev.honestcompute.recorder.internal.Recording", "org.junit.jupiter.api.Test",
                "org.mockito.Mockito", "org.assertj.core.api.Assertions")) {
            assertThat(KernelTransformer.ignored(name)).as(name).isTrue();
        }
        for (String name : List.of(Canary.class.getName(), AgentInstaller.MOCKITO_INTERCEPTORS.iterator().next(),
                "com.github.tjake.jlama.tensor.operations.PanamaTensorOperations", "jcuda.driver.JCudaDriver")) {
            assertThat(KernelTransformer.ignored(name)).as(name).isFalse();
        }
    }

    private static byte[] classFile(String internalName) throws IOException {
        try (InputStream in = KernelTransformerTest.class.getClassLoader()
                .getResourceAsStream(internalName + ".class")) {
            assertThat(in).as(internalName + ".class on the test class path").isNotNull();
            return in.readAllBytes();
        }
    }
}
