package dev.honestcompute.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.honestcompute.receipts.internal.ReceiptJson;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The seam through which other extensions ({@code @RequiresModel}, parity, performance) add evidence to the receipt
 * of the test they run in. {@code @EmitsReceipt} reads these sections when it assembles the receipt; sections added
 * on a class-level context (e.g. in {@code @BeforeAll}) apply to every test of that class. Add them before the test
 * body ends: once the receipt is written, further additions for that test throw.
 *
 * <p>There is deliberately no way to add a kernel here: kernels come only from the recorder.
 *
 * <pre>{@code
 * // inside another extension's callback:
 * ReceiptSections.of(context).addFixture("tiny-llama", verifiedSha256, sizeBytes);
 * ReceiptSections.of(context).put(ReceiptSections.Section.PARITY, parityReport);
 * }</pre>
 */
public final class ReceiptSections {

    /** Store namespace shared by {@code @EmitsReceipt} and the extensions that feed it. */
    public static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create("dev.honestcompute.receipts");

    /** Receipt sections other extensions may fill. */
    public enum Section {
        /** Closeness to a reference engine ({@code parity}). */
        PARITY("parity"),
        /** Measured speed ({@code performance}). */
        PERFORMANCE("performance"),
        /** Evidence for deterministic output ({@code determinism}). */
        DETERMINISM("determinism");

        private final String jsonName;

        Section(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The receipt's JSON field for this section. */
        public String jsonName() {
            return jsonName;
        }
    }

    /**
     * A verified model fixture used by the test.
     *
     * @param name      the lockfile name, e.g. {@code tiny-llama}
     * @param sha256    the verified SHA-256 (64 lower-case hex digits)
     * @param sizeBytes the verified size in bytes
     */
    public record Fixture(String name, String sha256, long sizeBytes) {
        public Fixture {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("ReceiptSections fixture name must be non-blank");
            }
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("ReceiptSections fixture '" + name
                        + "': sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
            }
            if (sizeBytes < 0) {
                throw new IllegalArgumentException("ReceiptSections fixture '" + name
                        + "': sizeBytes must be >= 0, got " + sizeBytes);
            }
        }
    }

    private final List<Fixture> fixtures = new ArrayList<>();
    private final Map<Section, JsonNode> sections = new LinkedHashMap<>();

    private final String owner;
    private boolean sealed;

    private ReceiptSections(String owner) {
        this.owner = owner;
    }

    /**
     * The sections of the test (or container) that {@code context} belongs to; created on first use. Keyed by the
     * context's unique id, so a test never sees a sibling's sections.
     */
    public static ReceiptSections of(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        String key = key(context);
        synchronized (ReceiptSections.class) {
            ReceiptSections sections = store.get(key, ReceiptSections.class);
            if (sections == null) {
                sections = new ReceiptSections(context.getUniqueId());
                store.put(key, sections);
            }
            return sections;
        }
    }

    /** The sections stored for exactly this context, without creating any; {@code null} when none. */
    static ReceiptSections existing(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(key(context), ReceiptSections.class);
    }

    private static String key(ExtensionContext context) {
        return "sections:" + context.getUniqueId();
    }

    /** Records a verified fixture; the receipt lists each (name, sha256) once. */
    public synchronized ReceiptSections addFixture(String name, String sha256, long sizeBytes) {
        requireOpen();
        Fixture fixture = new Fixture(name, sha256, sizeBytes);
        if (!fixtures.contains(fixture)) {
            fixtures.add(fixture);
        }
        return this;
    }

    /**
     * Sets a section's content: a {@link JsonNode} or any value Jackson serializes (a record, a map), converted to
     * JSON at once so a bad value fails here, in the calling extension. Setting a section twice is a programming
     * error in the calling extension and throws.
     *
     * @throws IllegalArgumentException when {@code content} cannot be turned into JSON
     * @throws IllegalStateException    when the section was already set for this test
     */
    public synchronized ReceiptSections put(Section section, Object content) {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(content, "content");
        requireOpen();
        if (sections.containsKey(section)) {
            throw new IllegalStateException("receipt section '" + section.jsonName()
                    + "' was already set for this test; each section has one owner");
        }
        JsonNode json;
        try {
            json = ReceiptJson.mapper().valueToTree(content);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("receipt section '" + section.jsonName() + "': cannot turn "
                    + content.getClass().getName() + " into JSON (" + e.getMessage()
                    + "); pass a record, a Map or a JsonNode", e);
        }
        sections.put(section, json);
        return this;
    }

    /** Called when the receipt is assembled: later additions would be lost, so they throw instead. */
    synchronized void seal() {
        sealed = true;
    }

    private void requireOpen() {
        if (sealed) {
            throw new IllegalStateException("the receipt of " + owner + " was already written, so this evidence"
                    + " would be lost; add fixtures and sections before the test body ends (in beforeEach, a"
                    + " parameter resolver or the test itself), not in afterEach/afterAll");
        }
    }

    synchronized List<Fixture> fixtures() {
        return List.copyOf(fixtures);
    }

    synchronized Map<Section, JsonNode> sections() {
        return new LinkedHashMap<>(sections);
    }
}
