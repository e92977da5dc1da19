package dev.honestcompute.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.fixtures.hash.Sha256;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One receipt: a read-only view over its JSON tree (field names in {@link ReceiptFields}). Every field is kept,
 * including ones this version does not know, so reading and writing a receipt never loses data.
 *
 * <p>Receipts are produced by {@code @EmitsReceipt} from what the recorder observed; this class reads them back for
 * verification, reports and tooling. The typed accessors are lenient (an entry of the wrong type is left out);
 * {@link ReceiptVerifier} is what judges a receipt.
 *
 * <pre>{@code
 * Receipt receipt = Receipt.read(Path.of("target/receipts/com.acme.MatmulTest/simdMatchesScalar.json"));
 * List<String> kernels = receipt.kernels();               // ["matmul_f32_simd", ...]
 * ReceiptVerification result = ReceiptVerifier.forPolicy("default").verify(receipt);
 * }</pre>
 */
public final class Receipt {

    /**
     * One kernel as observed by the recorder. {@code nanos} is {@code -1} when timing was off; {@code requires} lists
     * the CPU features the kernel declared it needs (empty when none); {@code timedCalls} is how many calls
     * {@code nanos} covers (fewer than {@code calls + failedCalls} when the recorder sampled, 0 when not timed).
     */
    public record KernelStat(String id, String backend, long calls, long failedCalls, long nanos,
                             List<String> requires, long timedCalls) {

        public KernelStat {
            requires = List.copyOf(requires);
        }

        /** A kernel whose timing, when on, covered every call. */
        public KernelStat(String id, String backend, long calls, long failedCalls, long nanos, List<String> requires) {
            this(id, backend, calls, failedCalls, nanos, requires, nanos < 0 ? 0 : calls + failedCalls);
        }

        /** A kernel that declares no required CPU features. */
        public KernelStat(String id, String backend, long calls, long failedCalls, long nanos) {
            this(id, backend, calls, failedCalls, nanos, List.of());
        }

        /** Whether {@code nanos} covers only a sample of the calls. */
        public boolean sampled() {
            return nanos >= 0 && timedCalls < calls + failedCalls;
        }
    }

    /** An engine's honest downgrade from the requested to the effective backend. */
    public record FallbackEntry(String requested, String effective, String reasonCode, String detail) {
    }

    /** A verified model fixture the test used. */
    public record FixtureEntry(String name, String sha256, long sizeBytes) {
    }

    /** Which test wrote the receipt and how it ended ({@code passed}, {@code failed}, {@code aborted}). */
    public record TestIdentity(String uniqueId, String className, String methodName, String displayName,
                               String status) {
    }

    private final ObjectNode tree;
    private final String source;

    private Receipt(ObjectNode tree, String source) {
        this.tree = tree;
        this.source = source;
    }

    /** Reads a receipt file (size-limited, strict JSON). */
    public static Receipt read(Path file) throws ReceiptReadException {
        return new Receipt(ReceiptJson.readObject(file), file.toString());
    }

    /** Parses receipt JSON; {@code source} names it in messages (e.g. a file name). */
    public static Receipt parse(String json, String source) throws ReceiptReadException {
        return new Receipt(ReceiptJson.parseObject(json.getBytes(StandardCharsets.UTF_8), source), source);
    }

    /** Wraps a copy of a JSON tree. */
    public static Receipt of(ObjectNode tree, String source) {
        return new Receipt(Objects.requireNonNull(tree, "tree").deepCopy(), Objects.requireNonNull(source, "source"));
    }

    /** Where the receipt came from: its file path or a label. */
    public String source() {
        return source;
    }

    /** A copy of the whole JSON tree. */
    public ObjectNode tree() {
        return tree.deepCopy();
    }

    /** A field of the tree (not a copy: do not modify), or a missing node. */
    public JsonNode get(String field) {
        return tree.path(field);
    }

    public Optional<String> schemaVersion() {
        return text(tree.get(ReceiptFields.SCHEMA_VERSION));
    }

    public Optional<String> computePath() {
        return text(tree.get(ReceiptFields.COMPUTE_PATH));
    }

    public Optional<String> backend() {
        return text(tree.get(ReceiptFields.BACKEND));
    }

    /** The {@code kernels} ids that are strings, in file order. */
    public List<String> kernels() {
        List<String> out = new ArrayList<>();
        for (JsonNode k : tree.path(ReceiptFields.KERNELS)) {
            if (k.isTextual()) {
                out.add(k.textValue());
            }
        }
        return out;
    }

    /** The {@code kernel_stats} entries that have an id. */
    public List<KernelStat> kernelStats() {
        List<KernelStat> out = new ArrayList<>();
        for (JsonNode k : tree.path(ReceiptFields.KERNEL_STATS)) {
            if (k.path(ReceiptFields.ID).isTextual()) {
                long nanos = k.has(ReceiptFields.NANOS) ? k.path(ReceiptFields.NANOS).asLong(-1) : -1;
                out.add(new KernelStat(k.path(ReceiptFields.ID).textValue(),
                        k.path(ReceiptFields.BACKEND).asText(""),
                        k.path(ReceiptFields.CALLS).asLong(0),
                        k.path(ReceiptFields.FAILED_CALLS).asLong(0),
                        nanos,
                        texts(k.path(ReceiptFields.REQUIRES)),
                        nanos < 0 ? 0 : k.has(ReceiptFields.TIMED_CALLS) ? k.path(ReceiptFields.TIMED_CALLS).asLong(0)
                                : k.path(ReceiptFields.CALLS).asLong(0) + k.path(ReceiptFields.FAILED_CALLS).asLong(0)));
            }
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            if (n.isTextual()) {
                out.add(n.textValue());
            }
        }
        return out;
    }

    public List<FallbackEntry> fallbacks() {
        List<FallbackEntry> out = new ArrayList<>();
        for (JsonNode f : tree.path(ReceiptFields.FALLBACKS)) {
            if (f.isObject()) {
                out.add(new FallbackEntry(f.path(ReceiptFields.REQUESTED).asText(""),
                        f.path(ReceiptFields.EFFECTIVE).asText(""),
                        f.path(ReceiptFields.REASON_CODE).asText(""),
                        f.path(ReceiptFields.DETAIL).asText("")));
            }
        }
        return out;
    }

    public List<FixtureEntry> fixtures() {
        List<FixtureEntry> out = new ArrayList<>();
        for (JsonNode f : tree.path(ReceiptFields.FIXTURES)) {
            if (f.isObject()) {
                out.add(new FixtureEntry(f.path(ReceiptFields.NAME).asText(""),
                        f.path(ReceiptFields.SHA256).asText(""),
                        f.path(ReceiptFields.SIZE_BYTES).asLong(-1)));
            }
        }
        return out;
    }

    /** The test that wrote the receipt; empty for receipts from other tools (e.g. BitNet.rs). */
    public Optional<TestIdentity> test() {
        JsonNode t = tree.get(ReceiptFields.TEST);
        if (t == null || !t.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new TestIdentity(t.path(ReceiptFields.UNIQUE_ID).asText(""),
                t.path(ReceiptFields.CLASS).asText(""), t.path(ReceiptFields.METHOD).asText(""),
                t.path(ReceiptFields.DISPLAY_NAME).asText(""), t.path(ReceiptFields.STATUS).asText("")));
    }

    /** An optional section such as {@code parity}, {@code performance}, {@code determinism}. */
    public Optional<JsonNode> section(String name) {
        JsonNode n = tree.get(name);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
    }

    /** The exact bytes this receipt is written as (pretty JSON, UTF-8, trailing newline). */
    public byte[] bytes() {
        return ReceiptJson.bytes(tree);
    }

    /** SHA-256 of {@link #bytes()}, as recorded in the run summary. */
    public String sha256() {
        return Sha256.of(bytes());
    }

    /** Writes the receipt atomically (temporary file in the same directory, then an atomic move). */
    public void writeTo(Path file) throws IOException {
        ReceiptJson.writeAtomically(file, bytes());
    }

    @Override
    public String toString() {
        return "Receipt[" + source + "]";
    }

    private static Optional<String> text(JsonNode n) {
        return n != null && n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }
}
