package dev.honestcompute.receipts;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A Vector API kernel as engines write them. The module's tests compile it with {@code --add-modules
 * jdk.incubator.vector} (see the pom) but run in a JVM without that flag, as a user's misconfigured test JVM does: a
 * call then fails with a real {@code NoClassDefFoundError: jdk/incubator/vector/...}.
 */
final class VectorDot {

    private VectorDot() {
    }

    @Kernel(id = "vector_dot_f32", backend = Backend.CPU_SIMD)
    static float dot(float[] a, float[] b) {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        float sum = 0;
        int i = 0;
        for (; i < species.loopBound(a.length); i += species.length()) {
            sum += FloatVector.fromArray(species, a, i).mul(FloatVector.fromArray(species, b, i))
                    .reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
