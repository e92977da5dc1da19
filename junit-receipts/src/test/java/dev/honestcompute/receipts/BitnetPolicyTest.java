package dev.honestcompute.receipts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bitnet policies through {@code @EmitsReceipt}: the annotation and the configuration parameter. */
class BitnetPolicyTest {

    @TempDir
    Path receipts;

    @Test
    void bothBitnetPoliciesAcceptAQuantizedCpuRunFromTheConfigurationParameter() throws Exception {
        for (String policy : new String[] {"bitnet", "bitnet-strict"}) {
            Path dir = receipts.resolve(policy);
            ReceiptKit.run(dir, BitnetPolicyTestCases.QuantizedCpuCase.class,
                    Map.of(EmitsReceipt.POLICY_PARAMETER, policy)).testEvents().assertStatistics(s -> s.succeeded(1));
            Receipt receipt = Receipt.read(dir.resolve(ReceiptKit.receiptFiles(dir).get(0)));
            assertThat(receipt.kernels()).containsExactly("i2s_gemv");
            assertThat(ReceiptVerifier.forPolicy(policy).verify(receipt).violations()).isEmpty();
        }
    }

    @Test
    void anFp32CpuRunFailsWithBitnetsMessage() {
        EngineExecutionResults results = ReceiptKit.run(receipts, BitnetPolicyTestCases.Fp32CpuCase.class);
        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(EmitsReceiptTest.failureMessage(results)).contains("violates policy 'bitnet' (1 violation(s)",
                "[HC013] /kernels = [\"matmul_f32\"]: CPU backend verification failed: no quantized kernels found; 1 "
                        + "fallback patterns detected.\nFallback kernels: [\"matmul_f32\"]\n");
    }

    @Test
    void aCpuSimdRunPassesBecauseBitnetChecksOnlyCpuAndCuda() {
        ReceiptKit.run(receipts, BitnetPolicyTestCases.SimdCase.class).testEvents()
                .assertStatistics(s -> s.succeeded(1));
    }
}
