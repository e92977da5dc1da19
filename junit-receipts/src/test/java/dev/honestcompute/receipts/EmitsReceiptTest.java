package dev.honestcompute.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.host.HostFingerprint;
import dev.honestcompute.recorder.KernelRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

class EmitsReceiptTest {

    @TempDir
    Path receipts;

    @Test
    void aPassingRealTestWithKernelsWritesAValidReceiptAtTheExpectedPath() {
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.RealKernelCase.class);

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        Path file = receipts.resolve(ReceiptKit.caseDir(EmitsReceiptTestCases.RealKernelCase.class))
                .resolve("multiplies.json");
        assertThat(ReceiptKit.receiptFiles(receipts))
                .containsExactly(receipts.relativize(file).toString().replace('\\', '/'));
        JsonNode receipt = ReceiptKit.json(file);
        assertThat(receipt.path("schema_version").asText()).isEqualTo("1.0.0");
        assertThat(receipt.path("compute_path").asText()).isEqualTo("real");
        assertThat(texts(receipt.path("kernels"))).containsExactly("matmul_f32");
        assertThat(ReceiptAssertions.kernelCalls(receipt, "matmul_f32")).isEqualTo(2);
        assertThat(ReceiptAssertions.testUniqueId(receipt)).contains("[method:multiplies()]");
        assertThat(ReceiptAssertions.testStatus(receipt)).isEqualTo("passed");
        ReceiptAssertions.assertVerifies(file, "default");
    }

    @Test
    void aRealTestThatRanNoKernelFailsWithTheRuleList() {
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.NoKernelCase.class);

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(0).failed(1));
        String failure = failureMessage(results);
        assertThat(failure).contains("claimsRealButRunsNothing").contains(ReceiptAssertions.KERNELS_EMPTY_RULE);
        long listed = failure.lines().filter(l -> l.startsWith("  - [HC")).count();
        assertThat(listed).isGreaterThanOrEqualTo(1);
        assertThat(failure.lines().findFirst().orElseThrow())
                .contains("violates policy 'default' (" + listed + " violation(s); written to ");
        // The failed evidence is still written, says the test failed, and fails verification on its own as well.
        Path file = receipts.resolve(ReceiptKit.caseDir(EmitsReceiptTestCases.NoKernelCase.class))
                .resolve("claimsRealButRunsNothing.json");
        assertThat(file).exists();
        assertThat(texts(ReceiptKit.json(file).path("kernels"))).isEmpty();
        assertThat(ReceiptAssertions.testStatus(ReceiptKit.json(file))).as("failed by its own receipt's rules")
                .isEqualTo("failed");
        assertThat(ReceiptKit.json(file).path("test").path("failure").asText())
                .isEqualTo("receipt rules HC005 of policy 'default'");
        ReceiptAssertions.assertFailsVerification(file, "default");
    }

    @Test
    void uninstrumentedArithmeticIsNotAKernelEvenWithTheAgentLoaded() {
        assertThat(KernelRecorder.isActive()).as("this module's tests run with -javaagent").isTrue();
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.UninstrumentedComputeCase.class);

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(0).failed(1));
        assertThat(failureMessage(results)).contains(ReceiptAssertions.KERNELS_EMPTY_RULE).doesNotContain("HC016");
        JsonNode receipt = ReceiptKit.json(receipts.resolve(
                ReceiptKit.caseDir(EmitsReceiptTestCases.UninstrumentedComputeCase.class)).resolve("multipliesInPlainJava.json"));
        assertThat(receipt.path("recorder").path("active").asBoolean()).isTrue();
        assertThat(texts(receipt.path("kernels"))).isEmpty();
        assertThat(receipt.path("backend").asText()).isEqualTo("none");
    }

    @Test
    void aRealTestWithAnActiveRecorderButNoKernelFails() {
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.ActiveButNoKernelCase.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(failureMessage(results))
                .contains(ReceiptAssertions.KERNELS_EMPTY_RULE)
                .contains("make sure the engine's kernels are instrumented (@Kernel or the kernels config)")
                .doesNotContain("HC016");
    }

    @Test
    void aFailingBodyKeepsItsOwnFailureAndTheReceiptSaysFailed() {
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.FailingBodyCase.class);

        results.testEvents().assertThatEvents().haveExactly(1,
                finishedWithFailure(message(m -> m.contains("engine output"))));
        Path file = receipts.resolve(ReceiptKit.caseDir(EmitsReceiptTestCases.FailingBodyCase.class))
                .resolve("kernelRanThenAssertionFailed.json");
        assertThat(ReceiptAssertions.testStatus(ReceiptKit.json(file))).isEqualTo("failed");
        Throwable thrown = results.testEvents().failed().stream().findFirst()
                .flatMap(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class))
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
        assertThat(thrown.getSuppressed()).anySatisfy(s -> assertThat(s.getMessage()).contains("violates"));
    }

    @Test
    void classLevelNestedInheritedAndMetaAnnotationUsageAllWriteReceipts() {
        ReceiptKit.run(receipts, EmitsReceiptTestCases.ClassLevelCase.class)
                .testEvents().assertStatistics(s -> s.started(3).succeeded(3));
        ReceiptKit.run(receipts, EmitsReceiptTestCases.MetaAnnotationCase.class)
                .testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        ReceiptKit.run(receipts, EmitsReceiptTestCases.InheritedCase.class)
                .testEvents().assertStatistics(s -> s.started(4).succeeded(4)); // the @Nested Inner is inherited

        String classLevel = ReceiptKit.caseDir(EmitsReceiptTestCases.ClassLevelCase.class);
        String inherited = ReceiptKit.caseDir(EmitsReceiptTestCases.InheritedCase.class);
        assertThat(ReceiptKit.receiptFiles(receipts)).containsExactlyInAnyOrder(
                classLevel + "/first.json",
                classLevel + "/second.json",
                classLevel + "_Inner/nested.json",
                ReceiptKit.caseDir(EmitsReceiptTestCases.MetaAnnotationCase.class) + "/viaMeta.json",
                inherited + "/first.json",
                inherited + "/second.json",
                inherited + "/inSubclass.json",
                inherited + "_Inner/nested.json");
        JsonNode second = ReceiptKit.json(receipts.resolve(classLevel + "/second.json"));
        assertThat(texts(second.path("kernels"))).containsExactly("softmax_f32");
    }

    @Test
    void parameterizedRepeatedDynamicAndOverloadedTestsGetUniqueSanitizedPaths() {
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.TemplatesCase.class);

        results.testEvents().assertStatistics(s -> s.started(6 + 3 + 3 + 2).succeeded(14).failed(0));
        String dir = ReceiptKit.caseDir(EmitsReceiptTestCases.TemplatesCase.class);
        List<String> files = ReceiptKit.receiptFiles(receipts);
        assertThat(files).hasSize(14).doesNotHaveDuplicates().allSatisfy(f -> {
            assertThat(f).startsWith(dir + "/");
            assertThat(f.substring(dir.length() + 1)).matches("[A-Za-z0-9._-]+\\.json");
        });
        assertThat(files.stream().filter(f -> f.startsWith(dir + "/parameterized-"))).hasSize(6);
        assertThat(files.stream().filter(f -> f.startsWith(dir + "/repeated-"))).hasSize(3);
        assertThat(files.stream().filter(f -> f.startsWith(dir + "/overloaded-"))).hasSize(2);
        assertThat(files).filteredOn(f -> f.startsWith(dir + "/dynamic-"))
                .hasSize(3)
                .anyMatch(f -> f.startsWith(dir + "/dynamic-1.1-same_name-"))
                .anyMatch(f -> f.startsWith(dir + "/dynamic-1.2-same_name-"))
                .anyMatch(f -> f.startsWith(dir + "/dynamic-2.1-same_name-"));
        // Each dynamic receipt belongs to its own dynamic test, not to the factory.
        for (String f : files) {
            JsonNode receipt = ReceiptKit.json(receipts.resolve(f));
            if (f.contains("/dynamic-")) {
                assertThat(ReceiptAssertions.testUniqueId(receipt)).contains("[dynamic-test:#");
            }
            assertThat(ReceiptAssertions.kernelCalls(receipt, "matmul_f32")).isEqualTo(1);
        }
    }

    @Test
    void policyComesFromTheConfigurationParameterAndBadValuesAreNamed() {
        ReceiptKit.run(receipts.resolve("default"), EmitsReceiptTestCases.RealKernelCase.class,
                        Map.of(EmitsReceipt.POLICY_PARAMETER, "default"))
                .testEvents().assertStatistics(s -> s.succeeded(1));
        // BitNet.rs's rules want its own backends and quantized kernel families: the same receipt fails there
        EngineExecutionResults bitnet = ReceiptKit.run(receipts.resolve("bitnet"),
                EmitsReceiptTestCases.RealKernelCase.class, Map.of(EmitsReceipt.POLICY_PARAMETER, "bitnet"));
        bitnet.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(failureMessage(bitnet)).contains("violates policy 'bitnet'").containsAnyOf("[HC004]", "[HC013]");

        EngineExecutionResults bad = ReceiptKit.run(receipts.resolve("bad"), EmitsReceiptTestCases.RealKernelCase.class,
                Map.of(EmitsReceipt.POLICY_PARAMETER, "strictest"));
        bad.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(failureMessage(bad)).contains(EmitsReceipt.POLICY_PARAMETER).contains("strictest")
                .contains("default").contains("bitnet");

        EngineExecutionResults badAnnotation = ReceiptKit.run(receipts,
                EmitsReceiptTestCases.PolicyOverrideCase.class);
        badAnnotation.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(failureMessage(badAnnotation)).contains("@EmitsReceipt(policy)").contains("no-such-policy");
    }

    @Test
    void theDirectoryComesFromTheConfigurationParameter() {
        Path elsewhere = receipts.resolve("elsewhere/receipts");
        ReceiptKit.run(elsewhere, EmitsReceiptTestCases.RealKernelCase.class)
                .testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(ReceiptKit.receiptFiles(elsewhere)).hasSize(1);
        assertThat(Files.exists(Path.of("target/receipts")
                .resolve(ReceiptKit.caseDir(EmitsReceiptTestCases.RealKernelCase.class)))).isFalse();
    }

    @Test
    void aFallbackWithoutPermissionFails() {
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.FallbackCase.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(failureMessage(results)).contains("cuda").contains("CUDA_DRIVER_MISSING")
                .contains(ReceiptAssertions.FALLBACK_RULE);
    }

    @Test
    void aFallbackWithPermissionPassesAndIsRecorded() {
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.AllowedFallbackCase.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        Path file = receipts.resolve(ReceiptKit.caseDir(EmitsReceiptTestCases.AllowedFallbackCase.class))
                .resolve("fellBackWithPermission.json");
        JsonNode fallbacks = ReceiptKit.json(file).path("fallbacks");
        assertThat(fallbacks.size()).isEqualTo(1);
        assertThat(fallbacks.get(0).path("requested").asText()).isEqualTo("cuda");
        assertThat(fallbacks.get(0).path("effective").asText()).isEqualTo("cpu");
        assertThat(fallbacks.get(0).path("reason_code").asText()).isEqualTo("CUDA_DRIVER_MISSING");
        ReceiptAssertions.assertVerifies(file, "default");
    }

    @Test
    void aKernelIdContainingMockFails() {
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.MockKernelIdCase.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(failureMessage(results)).contains("mock_matmul");
    }

    @Test
    void testCodeCannotWriteEvidenceSectionsOrFixtures() {
        for (Class<?> testCase : List.of(EmitsReceiptTestCases.SectionsCase.class,
                EmitsReceiptTestCases.HandWrittenPerformanceCase.class, EmitsReceiptTestCases.LateFixtureCase.class)) {
            EngineExecutionResults results = ReceiptKit.run(receipts, testCase);
            results.testEvents().assertStatistics(s -> s.failed(1));
            assertThat(failureMessage(results)).as(testCase.getSimpleName())
                    .contains("is written only by Honest Compute's own extensions from what they measured")
                    .contains(testCase.getName());
        }
        JsonNode receipt = ReceiptKit.json(receipts.resolve(ReceiptKit.caseDir(
                EmitsReceiptTestCases.HandWrittenPerformanceCase.class)).resolve("claimsAMillionTokensPerSecond.json"));
        assertThat(receipt.has("performance")).isFalse();
        assertThat(receipt.has("performance_baseline")).isFalse();
    }

    @Test
    void theReceiptFollowsTheLayoutAndTheObservedBackendWins() {
        ReceiptKit.run(receipts, EmitsReceiptTestCases.RichSectionsCase.class)
                .testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        JsonNode receipt = ReceiptKit.json(receipts.resolve(ReceiptKit.caseDir(EmitsReceiptTestCases.RichSectionsCase.class))
                .resolve("simdWithScalarTail.json"));
        List<String> fields = new java.util.ArrayList<>();
        receipt.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("schema_version", "timestamp", "compute_path", "backend", "kernels",
                "deterministic", "environment", "test_results", "corrections", "test", "claims", "recorder",
                "kernel_stats", "fallbacks", "fixtures", "host", "determinism", "notes", "build_id");
        assertThat(receipt.path("backend").asText()).isEqualTo("cpu-simd");
        assertThat(texts(receipt.path("kernels"))).containsExactly("matmul_f32", "matmul_f32_simd");
        assertThat(receipt.path("deterministic").asBoolean()).isTrue();
        assertThat(texts(receipt.path("determinism").path("kernel_calls_per_run"))).containsExactly("2", "2", "2");
        assertThat(receipt.path("notes").path("prompt").path("text").asText()).isEqualTo("the quick brown fox");
        assertThat(ReceiptAssertions.kernelCalls(receipt, "matmul_f32")).as("all 3 runs in the receipt's window")
                .isEqualTo(3);
        assertThat(receipt.path("claims").path("backend").asText()).isEqualTo("cpu-simd");
        assertThat(receipt.path("recorder").path("active").asBoolean()).isTrue();
        assertThat(receipt.path("recorder").path("background_calls").asLong()).isZero();
        assertThat(receipt.path("recorder").path("propagation").asText()).startsWith("full:");
        assertThat(receipt.path("kernel_stats").get(0).path("source").asText()).isEqualTo("agent");
        assertThat(receipt.path("kernel_stats").get(0).path("evidence").asText()).isEqualTo("instrumentation");
        assertThat(receipt.path("test_results").path("passed").asInt()).isEqualTo(1);
        assertThat(receipt.path("test").path("class").asText())
                .isEqualTo(EmitsReceiptTestCases.RichSectionsCase.class.getName());
        assertThat(receipt.path("host").path("logical_cores").asInt()).isPositive();
        assertThat(receipt.path("kernel_stats").get(0).has("nanos")).as("untimed kernels have no nanos").isFalse();
    }

    @Test
    void badSectionInputFailsTheTestNamingTheField() {
        EngineExecutionResults badNote = ReceiptKit.run(receipts, EmitsReceiptTestCases.BadNoteCase.class);
        badNote.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(failureMessage(badNote)).contains("receipt note key 'no spaces allowed' must match");
    }

    @Test
    void aTestThatFailsInSetUpKeepsItsFailureAndStillGetsAFailedReceipt() {
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.SetUpFailsCase.class);

        results.testEvents().assertThatEvents().haveExactly(1,
                finishedWithFailure(message("model file is corrupt")));
        JsonNode receipt = ReceiptKit.json(receipts.resolve(ReceiptKit.caseDir(EmitsReceiptTestCases.SetUpFailsCase.class))
                .resolve("neverRuns.json"));
        assertThat(ReceiptAssertions.testStatus(receipt)).isEqualTo("failed");
        assertThat(receipt.path("test").path("failure").asText()).contains("model file is corrupt");
        assertThat(texts(receipt.path("kernels"))).isEmpty();
        assertThat(receipt.path("backend").asText()).isEqualTo("none");
    }

    @Test
    void anAbortedTestStaysAbortedAndItsReceiptSaysSo() {
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.AbortedCase.class);

        results.testEvents().assertStatistics(s -> s.aborted(1).failed(0).succeeded(0));
        Path file = receipts.resolve(ReceiptKit.caseDir(EmitsReceiptTestCases.AbortedCase.class))
                .resolve("abortsAfterAKernel.json");
        assertThat(ReceiptAssertions.testStatus(ReceiptKit.json(file))).isEqualTo("aborted");
        assertThat(ReceiptAssertions.violations(file, "default")).extracting(v -> v.rule())
                .containsExactly("HC022");
    }

    @Test
    void kernelCallsThatThrewAreStatsButNeverKernels() {
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.FailedCallsCase.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(failureMessage(results)).contains(ReceiptAssertions.KERNELS_EMPTY_RULE).contains("[HC028]")
                .contains("kernel 'matmul_f32' failed 1 time(s) inside the window");
        JsonNode receipt = ReceiptKit.json(receipts.resolve(ReceiptKit.caseDir(EmitsReceiptTestCases.FailedCallsCase.class))
                .resolve("kernelThrewEveryTime.json"));
        assertThat(texts(receipt.path("kernels"))).isEmpty();
        assertThat(receipt.path("kernel_stats").get(0).path("failed_calls").asLong()).isEqualTo(1);
        assertThat(receipt.path("kernel_stats").get(0).path("calls").asLong()).isZero();
    }

    @Test
    void aClaimedBackendThatDidNotRunFails() {
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.BackendClaimCase.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(failureMessage(results)).contains("HC018").contains("'cpu-simd'").contains("kernels ran on [cpu]");
    }

    @Test
    void aDeclaredMockTestWritesAnHonestMockReceipt() {
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.MockPathCase.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1));
        JsonNode receipt = ReceiptKit.json(receipts.resolve(ReceiptKit.caseDir(EmitsReceiptTestCases.MockPathCase.class))
                .resolve("declaredTestDouble.json"));
        assertThat(receipt.path("compute_path").asText()).isEqualTo("mock");
        assertThat(texts(receipt.path("kernels"))).isEmpty();
    }

    @Test
    void evidenceAddedAfterTheReceiptWasWrittenFailsInsteadOfBeingLost() {
        EngineExecutionResults results = ReceiptKit.run(receipts, EmitsReceiptTestCases.LateFixtureCase.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(failureMessage(results)).contains("is written only by Honest Compute's own extensions");
    }

    @Test
    void anAnnotationOnTheMethodOverridesTheClassAndOneWindowIsOpened() {
        ReceiptKit.run(receipts, EmitsReceiptTestCases.ClassAndMethodCase.class)
                .testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        JsonNode receipt = ReceiptKit.json(receipts.resolve(ReceiptKit.caseDir(EmitsReceiptTestCases.ClassAndMethodCase.class))
                .resolve("methodWins.json"));
        assertThat(receipt.path("claims").path("backend").asText()).isEqualTo("cpu");
        assertThat(ReceiptAssertions.kernelCalls(receipt, "matmul_f32")).isEqualTo(1);
    }

    // --- claims and kernel requirements: checked against observations and the host, never trusted -----------------

    @Test
    void aKernelRequiringACpuFeatureTheHostLacksFailsHc021NamingTheKernelAndTheFeature() {
        assertThat(HostFingerprint.current().cpuFeatures()).doesNotContain(EmitsReceiptTestCases.MADE_UP_FEATURE);
        Class<?> testCase = EmitsReceiptTestCases.KernelNeedsAFeatureTheHostLacksCase.class;
        EngineExecutionResults results = ReceiptKit.run(receipts, testCase);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(failureMessage(results)).contains("[HC021]").contains("kernel 'gemm_f32_avx1024'")
                .contains("requires [avx1024f], which the host does not have");
        Path file = receipts.resolve(ReceiptKit.caseDir(testCase)).resolve("dispatchPickedAnImpossibleKernel.json");
        assertThat(texts(ReceiptKit.json(file).path("kernel_stats").get(0).path("requires")))
                .containsExactly("avx1024f");
        // HC022 as well: the receipt says the test failed, which it did (by HC021)
        assertThat(ReceiptAssertions.violations(file, "default")).extracting(v -> v.rule())
                .containsExactly("HC021", "HC022");
    }

    @Test
    void aKernelRequiringACpuFeatureTheHostHasPassesAndTheReceiptSaysWhichFeature() {
        List<String> host = List.copyOf(HostFingerprint.current().cpuFeatures());
        assertThat(host).as("host.cpu_features of this machine (Linux /proc/cpuinfo)").contains("sse2");
        Class<?> testCase = EmitsReceiptTestCases.KernelNeedsAFeatureTheHostHasCase.class;
        ReceiptKit.run(receipts, testCase).testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));

        Path file = receipts.resolve(ReceiptKit.caseDir(testCase)).resolve("dispatchPickedAKernelThisHostRuns.json");
        JsonNode stat = ReceiptKit.json(file).path("kernel_stats").get(0);
        assertThat(stat.path("id").asText()).isEqualTo("gemm_f32_host");
        assertThat(texts(stat.path("requires"))).as("declared in upper case, recorded as /proc/cpuinfo spells it")
                .containsExactly("sse2");
        ReceiptAssertions.assertVerifies(file, "default");
    }

    @Test
    void kernelsWithoutRequirementsAndTestsWithoutClaimsWriteNeitherField() {
        ReceiptKit.run(receipts, EmitsReceiptTestCases.RealKernelCase.class)
                .testEvents().assertStatistics(s -> s.succeeded(1));
        JsonNode receipt = ReceiptKit.json(receipts.resolve(ReceiptKit.caseDir(EmitsReceiptTestCases.RealKernelCase.class))
                .resolve("multiplies.json"));
        assertThat(receipt.path("kernel_stats").get(0).has("requires")).isFalse();
        List<String> claims = new java.util.ArrayList<>();
        receipt.path("claims").fieldNames().forEachRemaining(claims::add);
        assertThat(claims).containsExactly("allow_fallback", "expect_failed_kernels");
    }

    @Test
    void aQuantizationClaimOverF32OnlyKernelsFailsHc020() {
        EngineExecutionResults results = ReceiptKit.run(receipts,
                EmitsReceiptTestCases.QuantizationClaimOverF32KernelsCase.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(failureMessage(results)).contains("[HC020]")
                .contains("quantization 'q8_0' is claimed but no observed kernel id contains it")
                .contains("matmul_f32").contains("rmsnorm_f32");
    }

    @Test
    void aQuantizationClaimBackedByAnObservedQuantizedKernelPasses() {
        Class<?> testCase = EmitsReceiptTestCases.QuantizationClaimCase.class;
        ReceiptKit.run(receipts, testCase).testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));

        Path file = receipts.resolve(ReceiptKit.caseDir(testCase)).resolve("quantizedMatmulRan.json");
        assertThat(ReceiptKit.json(file).path("claims").path("quantization").asText()).isEqualTo("Q8_0");
        ReceiptAssertions.assertVerifies(file, "default");
    }

    @Test
    void aSimdWidthClaimWithoutSimdKernelsOrBeyondTheHostFailsHc019() {
        EngineExecutionResults scalar = ReceiptKit.run(receipts,
                EmitsReceiptTestCases.SimdWidthClaimWithoutSimdKernelsCase.class);
        scalar.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(failureMessage(scalar)).contains("[HC019]")
                .contains("a 256-bit SIMD width is claimed but no cpu-simd kernel ran; kernels ran on [cpu]");

        EngineExecutionResults tooWide = ReceiptKit.run(receipts,
                EmitsReceiptTestCases.SimdWidthClaimBeyondTheHostCase.class);
        tooWide.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(failureMessage(tooWide)).contains("[HC019]").contains("2048-bit SIMD is claimed but the host");
    }

    @Test
    void aSimdWidthClaimTheHostAndTheObservedKernelsBackPasses() {
        Class<?> testCase = EmitsReceiptTestCases.SimdWidthClaimCase.class;
        ReceiptKit.run(receipts, testCase).testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));

        Path file = receipts.resolve(ReceiptKit.caseDir(testCase)).resolve("vectorKernelsOnAnySimdHost.json");
        assertThat(ReceiptKit.json(file).path("claims").path("simd_width_bits").asInt()).isEqualTo(128);
        ReceiptAssertions.assertVerifies(file, "default");
    }

    static String failureMessage(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(Event::getPayload)
                .map(p -> p.flatMap(o -> ((org.junit.platform.engine.TestExecutionResult) o).getThrowable())
                        .map(t -> t.getMessage() == null ? t.toString() : t.getMessage()).orElse(""))
                .collect(Collectors.joining("\n"));
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
