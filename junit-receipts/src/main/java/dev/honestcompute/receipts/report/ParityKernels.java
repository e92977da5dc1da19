package dev.honestcompute.receipts.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernels each side of a receipt's parity checks ran, kept apart: the engine under test's are its evidence, the
 * reference's never are. Read from {@code @ParityWith}'s {@code parity} section: the calls per kernel summed over
 * {@code checks[].underTest.kernels} and {@code checks[].reference.kernels} ({@code "id backend calls"} each), else
 * the section's {@code engine_kernels} and {@code reference_kernels} ({@code "id backend"}, calls unknown).
 *
 * @param engine     the engine under test's name and version
 * @param reference  the reference engine's name and version
 * @param engineRan  the engine under test's kernels
 * @param referenceRan the reference's kernels
 */
record ParityKernels(String engine, String reference, List<KernelUse> engineRan, List<KernelUse> referenceRan) {

    /** One kernel one side ran: its id, backend and calls ({@code -1} when the section does not say). */
    record KernelUse(String id, String backend, long calls) {

        /** "id backend", as the parity section writes it. */
        String key() {
            return backend.isEmpty() ? id : id + " " + backend;
        }
    }

    /** Kernel lines read per side at most. */
    static final int MAX_KERNELS = 10_000;

    /** The split, when the section records one; empty for other layouts. */
    static Optional<ParityKernels> fromSection(JsonNode section) {
        if (section == null || !section.isObject()
                || !(section.path("engine_kernels").isArray() || section.path("reference_kernels").isArray())) {
            return Optional.empty();
        }
        Map<String, KernelUse> engine = new LinkedHashMap<>();
        Map<String, KernelUse> reference = new LinkedHashMap<>();
        String engineName = "";
        String referenceName = name(section.path("reference"));
        for (JsonNode c : section.path("checks")) {
            add(engine, c.path("underTest").path("kernels"), true);
            add(reference, c.path("reference").path("kernels"), true);
            if (engineName.isEmpty()) {
                engineName = name(c.path("underTest").path("engine"));
            }
            if (referenceName.isEmpty()) {
                referenceName = name(c.path("reference").path("engine"));
            }
        }
        if (engine.isEmpty()) {
            add(engine, section.path("engine_kernels"), false);
        }
        if (reference.isEmpty()) {
            add(reference, section.path("reference_kernels"), false);
        }
        return Optional.of(new ParityKernels(engineName, referenceName, List.copyOf(engine.values()),
                List.copyOf(reference.values())));
    }

    /** Whether {@code "id backend"} is a kernel only the reference ran. */
    boolean referenceOnly(String id, String backend) {
        String key = new KernelUse(id, backend, 0).key();
        return referenceRan.stream().anyMatch(k -> k.key().equals(key))
                && engineRan.stream().noneMatch(k -> k.key().equals(key));
    }

    private static void add(Map<String, KernelUse> into, JsonNode lines, boolean withCalls) {
        for (JsonNode line : lines) {
            if (into.size() >= MAX_KERNELS || !line.isTextual()) {
                continue;
            }
            List<String> words = new ArrayList<>(List.of(line.textValue().trim().split("\\s+")));
            long calls = -1;
            if (withCalls && words.size() >= 2 && words.get(words.size() - 1).matches("\\d{1,18}")) {
                calls = Long.parseLong(words.remove(words.size() - 1));
            }
            // "id backend"; an engine call reads "de.kherud.llama.LlamaModel.generate (engine call)"
            String backend = words.size() >= 2 && !words.get(words.size() - 1).endsWith(")")
                    ? words.remove(words.size() - 1) : "";
            String id = String.join(" ", words);
            KernelUse use = new KernelUse(id, backend, calls);
            into.merge(use.key(), use, (a, b) -> new KernelUse(a.id(), a.backend(),
                    a.calls() < 0 || b.calls() < 0 ? -1 : a.calls() + b.calls()));
        }
    }

    private static String name(JsonNode engine) {
        if (!engine.isObject()) {
            return "";
        }
        return (engine.path("name").asText("") + " " + engine.path("version").asText("")).trim();
    }
}
