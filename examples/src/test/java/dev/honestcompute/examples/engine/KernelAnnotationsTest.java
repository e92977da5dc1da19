package dev.honestcompute.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the recorder agent will see: every kernel is static, has a unique id, and sits on its class's backend. */
class KernelAnnotationsTest {

    static final Map<Class<?>, String> BACKEND_OF = Map.of(
            ScalarKernels.class, Backend.CPU,
            SimdKernels.class, Backend.CPU_SIMD,
            Q8_0Kernels.class, Backend.CPU,
            CudaMatmul.class, Backend.CUDA);

    @Test
    void kernelsAreStaticUniquelyNamedAndOnTheirClassBackend() {
        Set<String> ids = new HashSet<>();
        List<String> all = new ArrayList<>();
        BACKEND_OF.forEach((type, backend) -> {
            for (Method m : type.getDeclaredMethods()) {
                Kernel k = m.getAnnotation(Kernel.class);
                if (k == null) {
                    continue;
                }
                all.add(k.id());
                assertThat(ids.add(k.id())).as("kernel id %s is unique", k.id()).isTrue();
                assertThat(k.backend()).as("%s.%s backend", type.getSimpleName(), m.getName()).isEqualTo(backend);
                assertThat(Modifier.isStatic(m.getModifiers())).as("%s is static", k.id()).isTrue();
            }
        });
        assertThat(all).contains("matmul_f32", "matmul_f32_simd", "matmul_q8_0", "matmul_f32_cuda", "rmsnorm_f32_simd",
                "softmax_f32_simd");
    }

    /** The CUDA launch wrapper returns the driver's CUresult so the recorder can count only CUDA_SUCCESS. */
    @Test
    void theCudaLaunchWrapperIsOneMethodReturningTheCuResult() {
        List<Method> cuda = new ArrayList<>();
        for (Method m : CudaMatmul.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Kernel.class)) {
                cuda.add(m);
            }
        }
        assertThat(cuda).hasSize(1);
        assertThat(cuda.get(0).getName()).isEqualTo("launchMatmul");
        assertThat(cuda.get(0).getReturnType()).isEqualTo(int.class);
        assertThat(cuda.get(0).getAnnotation(Kernel.class).success()).as("counted only when it returns 0")
                .isEqualTo(Kernel.Success.RETURNED_ZERO);
    }
}
