package dev.honestcompute.maven;

import dev.honestcompute.receipts.Receipt;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.summary.RunSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The receipts under a directory (every {@code *.json} at any depth except the run summary), read or not. */
record ReceiptFiles(List<Receipt> receipts, List<String> unreadable) {

    /** Bounds the walk: a receipts directory with more files than this is not a receipts directory. */
    static final int MAX_FILES = 100_000;

    static ReceiptFiles read(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().equals(RunSummary.FILE_NAME))
                    .limit(MAX_FILES + 1L).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (files.size() > MAX_FILES) {
            throw new IOException(dir + " holds more than " + MAX_FILES + " JSON files; point the goal at the "
                    + "receipts directory (target/receipts)");
        }
        List<Receipt> receipts = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path f : files) {
            try {
                receipts.add(Receipt.read(f));
            } catch (ReceiptReadException e) {
                unreadable.add(e.getMessage());
            }
        }
        return new ReceiptFiles(receipts, unreadable);
    }
}
