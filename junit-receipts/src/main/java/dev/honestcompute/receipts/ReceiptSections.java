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
 * The seam through which Honest Compute's own extensions ({@code @RequiresModel}, parity, performance, determinism)
 * add evidence to the receipt of the test they run in, and through which a test adds its own free-form
 * {@linkplain #note notes}. {@code @EmitsReceipt} reads these sections when it assembles the receipt; sections added
 * on a class-level context (e.g. in {@code @BeforeAll}) apply to every test of that class. Add them before the test
 * body ends: once the receipt is written, further additions for that test throw.
 *
 * <p>Evidence ({@link #put} and {@link #addFixture}) is written only by the library's own extensions, from what they
 * measured: called from anywhere else, directly or by reflection, they throw {@link IllegalCallerException}. There is
 * deliberately no way to add a kernel here: kernels come only from the recorder.
 *
 * <pre>{@code
 * // in a test (any code may do this): labelled "stated by the test" in the report, never evidence
 * ReceiptSections.of(context).note("prompt", "The quick brown fox");
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

    private static final java.util.regex.Pattern NOTE_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_NOTES = 64;
    private static final int MAX_NOTE_BYTES = 16 * 1024;

    private final List<Fixture> fixtures = new ArrayList<>();
    private final Map<String, JsonNode> notes = new LinkedHashMap<>();
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

    /**
     * Records a verified fixture; the receipt lists each (name, sha256) once. Only {@code @RequiresModel}, which
     * verified it, may call this.
     */
    public synchronized ReceiptSections addFixture(String name, String sha256, long sizeBytes) {
        dev.honestcompute.receipts.internal.LibraryOnly.check("the fixtures section",
                "resolve fixtures with @RequiresModel, which verifies them and records them itself");
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
        dev.honestcompute.receipts.internal.LibraryOnly.check("the '" + section.jsonName() + "' section",
                "use @ParityWith, @MeasurePerformance or @CheckDeterminism to measure it, or state your own data"
                        + " with ReceiptSections.of(context).note(key, value)");
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

    /**
     * Adds a free-form note to the receipt's {@code notes} section: what the test states about itself (the prompt it
     * used, the model revision it expects). Any code may add notes; no rule counts them as evidence, and the report
     * labels them "stated by the test". Keys are {@code [A-Za-z0-9._-]{1,64}}; at most 64 notes of 16 KiB each.
     *
     * @throws IllegalArgumentException for a bad key, a value that is not JSON-serializable or too large
     * @throws IllegalStateException    when the note was already set, there are too many, or the receipt was written
     */
    public synchronized ReceiptSections note(String key, Object value) {
        Objects.requireNonNull(value, "value");
        if (key == null || !NOTE_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("receipt note key '" + key + "' must match " + NOTE_KEY.pattern());
        }
        requireOpen();
        if (notes.containsKey(key)) {
            throw new IllegalStateException("receipt note '" + key + "' was already set for this test");
        }
        if (notes.size() >= MAX_NOTES) {
            throw new IllegalStateException("a receipt holds at most " + MAX_NOTES + " notes; merge them into fewer");
        }
        JsonNode json;
        try {
            json = ReceiptJson.mapper().valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("receipt note '" + key + "': cannot turn " + value.getClass().getName()
                    + " into JSON (" + e.getMessage() + "); pass a String, a number, a record, a Map or a JsonNode", e);
        }
        if (json.toString().length() > MAX_NOTE_BYTES) {
            throw new IllegalArgumentException("receipt note '" + key + "' is larger than " + MAX_NOTE_BYTES
                    + " characters of JSON; keep notes short (put large data in a file and note its path)");
        }
        notes.put(key, json);
        return this;
    }

    /** The test (or container) these sections belong to: its unique id. */
    String owner() {
        return owner;
    }

    synchronized Map<String, JsonNode> notes() {
        return new LinkedHashMap<>(notes);
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
