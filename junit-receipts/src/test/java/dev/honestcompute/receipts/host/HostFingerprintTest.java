package dev.honestcompute.receipts.host;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostFingerprintTest {

    @TempDir
    Path dir;

    @Test
    void describesThisJvmAndHostOncePerJvm() throws Exception {
        HostFingerprint host = HostFingerprint.current();
        assertThat(HostFingerprint.current()).isSameAs(host);
        ObjectNode json = host.toJson();

        assertThat(json.path("java_version").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(json.path("java_vendor").asText()).isEqualTo(System.getProperty("java.vendor"));
        assertThat(json.path("java_vm_name").asText()).isEqualTo(System.getProperty("java.vm.name"));
        assertThat(json.path("java_feature_version").asInt()).isEqualTo(Runtime.version().feature());
        assertThat(json.path("os_arch").asText()).isEqualTo(System.getProperty("os.arch"));
        assertThat(json.path("logical_cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(json.path("total_memory_bytes").asLong()).isPositive();
        assertThat(json.path("max_heap_bytes").asLong()).isPositive();

        // This machine is Linux: the model and flags must match /proc/cpuinfo itself.
        List<String> cpuinfo = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
        String flagsLine = cpuinfo.stream().filter(l -> l.startsWith("flags") || l.startsWith("Features"))
                .findFirst().orElseThrow();
        String someFlag = flagsLine.substring(flagsLine.indexOf(':') + 1).trim().split("\\s+")[0];
        assertThat(host.cpuFeatures()).contains(someFlag);
        String model = cpuinfo.stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(null);
        if (model != null) {
            assertThat(json.path("cpu_model").asText()).isEqualTo(model);
        }

        // Surefire does not add jdk.incubator.vector: absent with a reason (present=true is tested in ReceiptsCliIT).
        assertThat(json.path("vector_api").path("present").asBoolean(true)).isFalse();
        assertThat(json.path("vector_api").path("reason").asText()).contains("--add-modules jdk.incubator.vector");

        // No nvidia-smi here (FACTS.md): an empty list and a reason, never a guess.
        assertThat(json.path("gpus").isArray()).isTrue();
        if (HostCommand.onPath("nvidia-smi").isEmpty()) {
            assertThat(json.path("gpus")).isEmpty();
            assertThat(json.path("gpus_reason").asText()).isEqualTo("nvidia-smi not on PATH");
        }
        assertThat(json.path("env").isObject()).isTrue();
        Map<String, Object> map = host.toMap();
        assertThat(map).containsKeys("cpu_features", "vector_api", "env");
        assertThat(map.get("cpu_features")).isInstanceOf(List.class);
    }

    @Test
    void parsesX86AndArmCpuInfo() {
        CpuInfo x86 = CpuInfo.parse(List.of("processor\t: 0", "model name\t: AMD EPYC 7B13",
                "flags\t\t: fpu sse2 avx avx2 fma f16c avx512f", "", "processor\t: 1", "model name\t: other",
                "flags\t\t: fpu"), "amd64");
        assertThat(x86.model()).isEqualTo("AMD EPYC 7B13");
        assertThat(x86.features()).containsExactly("avx", "avx2", "avx512f", "f16c", "fma", "fpu", "sse2");

        CpuInfo arm = CpuInfo.parse(List.of("processor\t: 0", "BogoMIPS\t: 50.00",
                "Features\t: fp asimd evtstrm aes sve", "Hardware\t: Graviton"), "aarch64");
        assertThat(arm.features()).contains("asimd", "neon", "sve");
        assertThat(arm.model()).isEqualTo("Graviton");

        CpuInfo none = CpuInfo.parse(List.of(), "riscv64");
        assertThat(none.model()).isEqualTo("unknown (riscv64)");
        assertThat(none.features()).isEmpty();
    }

    @Test
    void parsesNvidiaSmiCsv() {
        ArrayNode gpus = HostFingerprint.parseNvidiaSmi(
                "NVIDIA A100-SXM4-40GB, 535.104.05, 40960 MiB\nTesla T4, 535.104.05, 15360 MiB\n\n");
        assertThat(gpus).hasSize(2);
        assertThat(gpus.get(0).path("name").asText()).isEqualTo("NVIDIA A100-SXM4-40GB");
        assertThat(gpus.get(1).path("driver_version").asText()).isEqualTo("535.104.05");
        assertThat(gpus.get(1).path("memory_total").asText()).isEqualTo("15360 MiB");
        assertThat(HostFingerprint.parseNvidiaSmi("garbage without commas")).isEmpty();
    }

    @Test
    void keepsOnlyDeterminismRelevantEnvironment() {
        ObjectNode env = HostFingerprint.determinismEnv(Map.of("BITNET_SEED", "42", "OMP_NUM_THREADS", "1",
                "JAVA_TOOL_OPTIONS", "-Xmx1g", "HOME", "/root", "AWS_SECRET_ACCESS_KEY", "x", "RAYON_NUM_THREADS", "1",
                "BITNET_DETERMINISTIC", "1"));
        assertThat(env.fieldNames()).toIterable().containsExactly("BITNET_DETERMINISTIC", "BITNET_SEED",
                "JAVA_TOOL_OPTIONS", "OMP_NUM_THREADS", "RAYON_NUM_THREADS");
    }

    @Test
    void gitCommitBranchAndDirtyOrAReason() throws Exception {
        ObjectNode here = JsonNodeFactory.instance.objectNode();
        HostFingerprint.git(here, Path.of("").toAbsolutePath());
        // The build runs inside the project's git work tree.
        assertThat(here.path("git").path("commit").asText()).matches("[0-9a-f]{40}");
        assertThat(here.path("git").path("dirty").isBoolean()).isTrue();
        assertThat(here.path("git").path("branch").asText()).isNotBlank();

        ObjectNode notRepo = JsonNodeFactory.instance.objectNode();
        HostFingerprint.git(notRepo, Files.createDirectories(dir.resolve("plain")));
        assertThat(notRepo.has("git")).isFalse();
        assertThat(notRepo.path("git_reason").asText()).startsWith("not a git work tree");
    }

    @Test
    void commandsThatHangAreKilledAtTheTimeout() {
        long start = System.nanoTime();
        HostCommand.Outcome o = HostCommand.run(List.of("sleep", "30"), null, Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(o.ok()).isFalse();
        assertThat(o.reason()).isEqualTo("sleep 30 timed out after 200 ms");

        HostCommand.Outcome missing = HostCommand.run(List.of("no-such-command-xyz"), null, Duration.ofSeconds(1));
        assertThat(missing.reason()).startsWith("no-such-command-xyz could not run");
    }

    @Test
    void comparabilityApiMatchesThePerfHelper() {
        ObjectNode baseline = HostFingerprint.current().toJson();
        assertThat(HostFingerprint.current().differencesFrom(HostFingerprint.fromJson(baseline, "b.json"))).isEmpty();
        baseline.put("logical_cores", 64);
        baseline.put("java_version", "other patch"); // not compared
        assertThat(HostFingerprint.current().differencesFrom(HostFingerprint.fromJson(baseline, "b.json")))
                .containsExactly("logical_cores: 64 (baseline) vs " + Runtime.getRuntime().availableProcessors()
                        + " (now)");
        baseline.remove("cpu_model");
        assertThatThrownBy(() -> HostFingerprint.fromJson(baseline, "perf-baselines/a.json field 'host'"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perf-baselines/a.json field 'host': missing or non-scalar key 'cpu_model'; "
                        + "regenerate the file with 'baseline update'");
        assertThatThrownBy(() -> HostFingerprint.fromJson(null, "x")).hasMessageContaining("found nothing");
    }
}
