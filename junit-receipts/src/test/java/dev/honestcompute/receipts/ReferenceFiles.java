package dev.honestcompute.receipts;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the BitNet.rs reference receipts in {@code ../shared/reference/bitnet-rs/} beside the project root. */
final class ReferenceFiles {

    private ReferenceFiles() {
    }

    static Path bitnetPositive() {
        return find("cpu_positive_example.json");
    }

    static Path bitnetNegative() {
        return find("cpu_negative_example.json");
    }

    private static Path find(String name) {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/reference/bitnet-rs").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("BitNet.rs reference receipt " + name + " not found in shared/reference/"
                + "bitnet-rs/ beside any parent of " + dir + "; the project expects ../shared/ next to its root");
    }
}
