package dev.honestcompute.recorder.internal;

import dev.honestcompute.recorder.Kernel;
import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the planner hooks in a class, read from its real class file (the rewriting runs in the agent ITs). */
class MethodPlannerTest {

    /** A {@code @Kernel} that can never be recorded next to one that can. */
    abstract static class HalfKernels {
        @Kernel(id = "planner.abstract_gemm")
        abstract void gemm(float[] a);

        @Kernel(id = "planner.native_gemm")
        native int nativeGemm(long handle);

        @Kernel(id = "planner.dot")
        float dot(float[] a) {
            return a[0];
        }
    }

    @Test
    void aKernelOnAnAbstractOrNativeMethodIsReportedWithWhatToDoInstead() throws IOException {
        Map<String, MethodHooks> plan = plan(HalfKernels.class);

        assertThat(plan).containsOnlyKeys("dot([F)F");
        assertThat(plan.get("dot([F)F").exit).isEqualTo(Linkage.Action.EXIT);
        assertThat(AgentInstaller.errors()).anySatisfy(line -> assertThat(line)
                .contains("@Kernel(id = \"planner.abstract_gemm\") on " + HalfKernels.class.getName() + ".gemm([F)V")
                .contains("annotations are not inherited; put @Kernel on the implementations"));
        assertThat(AgentInstaller.errors()).anySatisfy(line -> assertThat(line)
                .contains("@Kernel(id = \"planner.native_gemm\")")
                .contains("put @Kernel on the Java wrapper that calls it"));
        // the kernel lines alone, for the receipt (recorder.skipped_kernels) and HC005's message
        assertThat(AgentInstaller.skippedKernels()).anySatisfy(line -> assertThat(line)
                .startsWith("@Kernel(id = \"planner.abstract_gemm\")"));
        assertThat(AgentInstaller.skippedKernels()).anySatisfy(line -> assertThat(line)
                .startsWith("@Kernel(id = \"planner.native_gemm\")"));
        assertThat(AgentInstaller.skippedKernels()).noneSatisfy(line -> assertThat(line).contains("planner.dot"));
    }

    @Test
    void aClassWithoutKernelsOrMocksGetsNoHooks() throws IOException {
        assertThat(plan(MethodPlannerTest.class)).isEmpty();
    }

    private static Map<String, MethodHooks> plan(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            ClassShape shape = ClassShape.read(new ClassReader(in.readAllBytes()));
            return new MethodPlanner(shape, type.getClassLoader(), List.of(), Supertypes.ofLoaded(type), false, false)
                    .plan();
        }
    }
}
