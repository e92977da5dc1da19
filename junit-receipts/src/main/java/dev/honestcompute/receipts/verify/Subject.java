package dev.honestcompute.receipts.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptFields;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The receipt under verification plus what is derived from it once: the well-formed kernel observations and whether
 * the {@code kernels} list is usable for kernel-based rules.
 */
final class Subject {

    /** One well-formed {@code kernel_stats} entry. {@code index} is its position in the array. */
    record Observation(int index, String id, String backend, long calls, List<String> requires) {
    }

    final Receipt receipt;
    final String policy;
    /** BitNet.rs's {@code --require-gpu-kernels}. */
    final boolean requireGpuKernels;
    /** The file's bytes when verifying a file under a BitNet.rs policy (what BitNet.rs would read), else null. */
    final byte[] bytes;
    private List<Observation> observations;

    Subject(Receipt receipt, String policy, boolean requireGpuKernels, byte[] bytes) {
        this.receipt = receipt;
        this.policy = policy;
        this.requireGpuKernels = requireGpuKernels;
        this.bytes = bytes;
    }

    JsonNode get(String field) {
        return receipt.get(field);
    }

    /** Whether the receipt is read as a BitNet.rs receipt ({@code bitnet} or {@code bitnet-strict}). */
    boolean isBitnet() {
        return Policies.isBitnet(policy);
    }

    /** The {@code kernels} entries that are non-blank strings. */
    List<String> kernelIds() {
        List<String> out = new ArrayList<>();
        for (JsonNode k : get(ReceiptFields.KERNELS)) {
            if (k.isTextual() && !KernelListChecks.isBlankId(k.textValue())) {
                out.add(k.textValue());
            }
        }
        return out;
    }

    /** Well-formed kernel_stats entries (malformed ones are reported by HC014 and left out here). */
    List<Observation> observations() {
        if (observations == null) {
            List<Observation> out = new ArrayList<>();
            JsonNode stats = get(ReceiptFields.KERNEL_STATS);
            if (stats.isArray()) {
                for (int i = 0; i < stats.size(); i++) {
                    JsonNode s = stats.get(i);
                    JsonNode id = s.path(ReceiptFields.ID);
                    JsonNode calls = s.path(ReceiptFields.CALLS);
                    if (!id.isTextual() || id.textValue().isBlank() || !calls.canConvertToExactIntegral()
                            || !calls.canConvertToLong() || calls.longValue() < 0) {
                        continue;
                    }
                    List<String> requires = new ArrayList<>();
                    for (JsonNode r : s.path(ReceiptFields.REQUIRES)) {
                        if (r.isTextual()) {
                            requires.add(r.textValue());
                        }
                    }
                    out.add(new Observation(i, id.textValue(), s.path(ReceiptFields.BACKEND).asText(""),
                            calls.longValue(), requires));
                }
            }
            observations = out;
        }
        return observations;
    }

    /** Observations of kernels that returned normally at least once. */
    List<Observation> ran() {
        List<Observation> out = new ArrayList<>();
        for (Observation o : observations()) {
            if (o.calls() > 0) {
                out.add(o);
            }
        }
        return out;
    }

    Set<String> ranBackends() {
        Set<String> out = new LinkedHashSet<>();
        for (Observation o : ran()) {
            out.add(o.backend().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** {@code claims.<name>}, or a missing node. */
    JsonNode claim(String name) {
        return get(ReceiptFields.CLAIMS).path(name);
    }

    /** Whether claims.allow_fallback is the boolean true. */
    boolean fallbackAllowed() {
        JsonNode n = claim(ReceiptFields.ALLOW_FALLBACK);
        return n.isBoolean() && n.booleanValue();
    }

    /** Whether a fallback away from {@code backend} is recorded. */
    boolean fellBackFrom(String backend) {
        for (JsonNode f : get(ReceiptFields.FALLBACKS)) {
            if (backend.equalsIgnoreCase(f.path(ReceiptFields.REQUESTED).asText(""))) {
                return true;
            }
        }
        return false;
    }
}
