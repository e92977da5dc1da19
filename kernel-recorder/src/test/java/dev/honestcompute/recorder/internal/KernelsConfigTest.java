package dev.honestcompute.recorder.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KernelsConfigTest {

    @Test
    void theShippedJlamaConfigIsValidAndCoversPanamaNativeAndFfmKernels() {
        List<KernelsConfig.Entry> entries = KernelsConfig.load(getClass().getClassLoader(), null).entries();
        assertThat(entries).extracting(KernelsConfig.Entry::classPattern).contains(
                "com.github.tjake.jlama.tensor.operations.PanamaTensorOperations",
                "com.github.tjake.jlama.tensor.operations.PanamaTensorOperations$Gemmer",
                "com.github.tjake.jlama.tensor.operations.NativeSimdTensorOperations",
                "com.github.tjake.jlama.tensor.operations.cnative.NativeSimd");
        assertThat(entries).allSatisfy(e -> assertThat(e.backend()).isEqualTo("cpu-simd"));
    }

    @Test
    void entriesMatchClassesAndMethodsByGlob() {
        KernelsConfig.Entry entry = single("{\"kernels\":[{\"class\":\"java.util.Array*\",\"methods\":[\"s*\"],"
                + "\"excludeMethods\":[\"sort\"],\"id\":\"x.{method}\",\"backend\":\"cpu\"}]}");
        assertThat(entry.matchesType("java.util.Arrays", Supertypes.ofLoaded(java.util.Arrays.class))).isTrue();
        assertThat(entry.matchesType("java.util.List", Supertypes.ofLoaded(java.util.List.class))).isFalse();
        List<String> matched = java.util.Arrays.stream(java.util.Arrays.class.getDeclaredMethods())
                .filter(m -> entry.matchesMethod(m.getName(), descriptor(m), m.getModifiers()))
                .map(java.lang.reflect.Method::getName).distinct().collect(Collectors.toList());
        assertThat(matched).contains("stream", "setAll").doesNotContain("sort", "fill").allMatch(n -> n.startsWith("s"));
    }

    @Test
    void constructorsAbstractNativeBridgeAndSyntheticMethodsNeverMatch() {
        KernelsConfig.Entry all = single(entryJson("a.B", "false"));
        assertThat(all.matchesMethod("dot", "(I)V", 0x0001)).isTrue();
        assertThat(all.matchesMethod("<init>", "()V", 0x0001)).isFalse();
        assertThat(all.matchesMethod("<clinit>", "()V", 0x0008)).isFalse();
        assertThat(all.matchesMethod("dot", "(I)V", 0x0400)).as("abstract").isFalse();
        assertThat(all.matchesMethod("dot", "(I)V", 0x0100)).as("native").isFalse();
        assertThat(all.matchesMethod("dot", "(I)V", 0x0040)).as("bridge").isFalse();
        assertThat(all.matchesMethod("dot", "(I)V", 0x1000)).as("synthetic").isFalse();
    }

    @Test
    void parameterCountAndDescriptorNarrowTheMethods() {
        KernelsConfig.Entry twoParams = single("{\"kernels\":[{\"class\":\"a.B\",\"methods\":[\"dot\"],"
                + "\"parameterCount\":2,\"id\":\"x\",\"backend\":\"cpu\"}]}");
        assertThat(twoParams.matchesMethod("dot", "(J[Ljava/lang/String;)V", 1)).isTrue();
        assertThat(twoParams.matchesMethod("dot", "([[FD[I)V", 1)).isFalse();
        KernelsConfig.Entry exact = single("{\"kernels\":[{\"class\":\"a.B\",\"methods\":[\"dot\"],"
                + "\"descriptor\":\"([F[F)F\",\"id\":\"x\",\"backend\":\"cpu\"}]}");
        assertThat(exact.matchesMethod("dot", "([F[F)F", 1)).isTrue();
        assertThat(exact.matchesMethod("dot", "([D[D)D", 1)).isFalse();
    }

    @Test
    void subtypesMatchThroughSuperclassesOnlyWhenAskedFor() {
        Supertypes arrayList = Supertypes.ofLoaded(java.util.ArrayList.class);
        assertThat(single(entryJson("java.util.AbstractList", "false")).matchesType("java.util.ArrayList", arrayList))
                .isFalse();
        assertThat(single(entryJson("java.util.AbstractList", "true")).matchesType("java.util.ArrayList", arrayList))
                .isTrue();
        assertThat(single(entryJson("java.util.Collection", "true")).matchesType("java.util.ArrayList", arrayList))
                .as("an interface of a superclass").isTrue();
        assertThat(single(entryJson("java.util.Map", "true")).matchesType("java.util.ArrayList", arrayList))
                .isFalse();
    }

    private static String descriptor(java.lang.reflect.Method m) {
        return java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }

    private static String entryJson(String cls, String subtypes) {
        return "{\"kernels\":[{\"class\":\"" + cls + "\",\"subtypes\":" + subtypes
                + ",\"methods\":[\"*\"],\"id\":\"x\",\"backend\":\"cpu\"}]}";
    }

    @Test
    void idTemplatesExpandPlaceholders() {
        assertThat(IdTemplates.expand("jlama.{simpleClass}.{method}/{params}", "a.B$C", "C", "kernel", 7))
                .isEqualTo("jlama.C.kernel/7");
        assertThat(IdTemplates.expand("{class}", "a.B$C", "C", "m", 0)).isEqualTo("a.B$C");
        assertThat(IdTemplates.simpleName("a.B$1", "")).isEqualTo("B$1");
    }

    @Test
    void anUnknownMemberIsRejectedWithFileAndPointer() {
        assertThatThrownBy(() -> KernelsConfig.parse("{\"kernels\":[{\"class\":\"a.B\",\"method\":[\"x\"],"
                + "\"id\":\"x\",\"backend\":\"cpu\"}]}", "my-kernels.json"))
                .isInstanceOf(KernelsConfigException.class)
                .hasMessageContaining("my-kernels.json")
                .hasMessageContaining("/kernels/0/method")
                .hasMessageContaining("unknown member 'method'")
                .hasMessageContaining("methods");
    }

    @Test
    void aMissingIdIsRejected() {
        assertThatThrownBy(() -> KernelsConfig.parse("{\"kernels\":[{\"class\":\"a.B\",\"methods\":[\"x\"],"
                + "\"backend\":\"cpu\"}]}", "k.json"))
                .hasMessageContaining("k.json: at '/kernels/0/id': expected a non-blank string, found nothing");
    }

    @Test
    void methodsMustBeNonEmptyButExcludeMethodsMayBeEmpty() {
        assertThatThrownBy(() -> KernelsConfig.parse("{\"kernels\":[{\"class\":\"a.B\",\"methods\":[],"
                + "\"id\":\"x\",\"backend\":\"cpu\"}]}", "k.json"))
                .hasMessage("k.json: at '/kernels/0/methods': expected a non-empty array of method name patterns "
                        + "(\"*\" is a wildcard), found an empty array");
        assertThatThrownBy(() -> KernelsConfig.parse("{\"kernels\":[{\"class\":\"a.B\",\"methods\":[\"x\"],"
                + "\"excludeMethods\":\"sort\",\"id\":\"x\",\"backend\":\"cpu\"}]}", "k.json"))
                .hasMessage("k.json: at '/kernels/0/excludeMethods': expected an array (possibly empty) of method "
                        + "name patterns (\"*\" is a wildcard), found \"sort\"");
        assertThat(KernelsConfig.parse("{\"kernels\":[{\"class\":\"a.B\",\"methods\":[\"x\"],"
                + "\"excludeMethods\":[],\"id\":\"x\",\"backend\":\"cpu\"}]}", "k.json")).hasSize(1);
    }

    @Test
    void anUnknownPlaceholderIsRejected() {
        assertThatThrownBy(() -> KernelsConfig.parse("{\"kernels\":[{\"class\":\"a.B\",\"methods\":[\"x\"],"
                + "\"id\":\"x.{runtimeClass}\",\"backend\":\"cpu\"}]}", "k.json"))
                .hasMessageContaining("/kernels/0/id")
                .hasMessageContaining("{class}, {simpleClass}, {method}, {params}")
                .hasMessageContaining("x.{runtimeClass}");
    }

    @Test
    void anUpperCaseBackendAndAnUnknownSuccessRuleAreRejected() {
        assertThatThrownBy(() -> KernelsConfig.parse("{\"kernels\":[{\"class\":\"a.B\",\"methods\":[\"x\"],"
                + "\"id\":\"x\",\"backend\":\"CUDA\"}]}", "k.json"))
                .hasMessageContaining("/kernels/0/backend").hasMessageContaining("\"CUDA\"");
        assertThatThrownBy(() -> KernelsConfig.parse("{\"kernels\":[{\"class\":\"a.B\",\"methods\":[\"x\"],"
                + "\"id\":\"x\",\"backend\":\"cuda\",\"success\":\"nonzero\"}]}", "k.json"))
                .hasMessageContaining("/kernels/0/success").hasMessageContaining("\"returned-zero\"");
    }

    @Test
    void requiresListsCpuFeaturesAndBlankOrNonArrayValuesAreRejected() {
        assertThat(single("{\"kernels\":[{\"class\":\"a.B\",\"methods\":[\"x\"],\"id\":\"x\",\"backend\":\"cpu\","
                + "\"requires\":[\"avx2\",\"fma\"]}]}").requires()).containsExactly("avx2", "fma");
        assertThat(single("{\"kernels\":[{\"class\":\"a.B\",\"methods\":[\"x\"],\"id\":\"x\",\"backend\":\"cpu\"}]}")
                .requires()).isEmpty();
        assertThatThrownBy(() -> KernelsConfig.parse("{\"kernels\":[{\"class\":\"a.B\",\"methods\":[\"x\"],"
                + "\"id\":\"x\",\"backend\":\"cpu\",\"requires\":\"avx2\"}]}", "k.json"))
                .hasMessageContaining("k.json").hasMessageContaining("/kernels/0/requires")
                .hasMessageContaining("an array of CPU feature names").hasMessageContaining("\"avx2\"");
        assertThatThrownBy(() -> KernelsConfig.parse("{\"kernels\":[{\"class\":\"a.B\",\"methods\":[\"x\"],"
                + "\"id\":\"x\",\"backend\":\"cpu\",\"requires\":[\"avx2\",\" \"]}]}", "k.json"))
                .hasMessageContaining("/kernels/0/requires/1");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertThatThrownBy(() -> KernelsConfig.parse("{\n  \"kernels\": [,]\n}", "broken.json"))
                .isInstanceOf(KernelsConfigException.class)
                .hasMessageStartingWith("broken.json:2:");
    }

    @Test
    void aMissingConfigFileNamesThePathAndTheProperty(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> KernelsConfig.load(getClass().getClassLoader(), missing.toString()))
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("honestcompute.kernels.config");
    }

    @Test
    void configFilesFromThePropertyAreAddedToTheClasspathOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("engine-kernels.json");
        Files.writeString(file, "{\"kernels\":[{\"class\":\"com.example.Ops\",\"methods\":[\"gemm\"],"
                + "\"id\":\"example.gemm\",\"backend\":\"cuda\",\"success\":\"returned-zero\"}]}");
        List<KernelsConfig.Entry> entries = KernelsConfig.load(getClass().getClassLoader(), file.toString()).entries();
        assertThat(entries).filteredOn(e -> e.id().equals("example.gemm")).singleElement()
                .satisfies(e -> assertThat(e.success()).isEqualTo(KernelsConfig.Success.RETURNED_ZERO));
        assertThat(entries.size()).isGreaterThan(1);
    }

    private static KernelsConfig.Entry single(String json) {
        List<KernelsConfig.Entry> entries = KernelsConfig.parse(json, "test.json");
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }
}
