package dev.honestcompute.receipts.report;

import dev.honestcompute.receipts.internal.ReceiptJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Renders a directory of receipts (and its {@code run-summary.json}, when present) as a self-contained HTML report
 * ({@code index.html}: inline CSS, JS and SVG, opens from {@code file://} without network) and a Markdown summary
 * ({@code summary.md}, for CI step summaries and pull-request comments). Plain Java: no JUnit needed.
 *
 * <p>Malformed receipts do not stop the report: they are listed as unreadable, with the file and the reason. Both
 * files are written atomically.
 *
 * <pre>{@code
 * ReportFiles files = ReportRenderer.renderDirectory(Path.of("target/receipts"));
 * System.out.println("open " + files.indexHtml().toUri());
 * // with the verifier's findings and another output directory:
 * ReportRenderer.render(Path.of("target/receipts"), Path.of("build/report"), myViolationSource);
 * }</pre>
 */
public final class ReportRenderer {

    /** The HTML report's file name. */
    public static final String INDEX_HTML = "index.html";
    /** The Markdown summary's file name. */
    public static final String SUMMARY_MD = "summary.md";

    private ReportRenderer() {
    }

    /**
     * Renders the receipts in {@code receiptsDir} into {@code receiptsDir/index.html} and {@code summary.md}, without
     * violations (the session-end entry point).
     *
     * @throws ReportInputException the directory does not exist or is not a directory
     * @throws IOException          a report file cannot be written
     */
    public static ReportFiles renderDirectory(Path receiptsDir) throws ReportInputException, IOException {
        return render(receiptsDir, receiptsDir, ViolationSource.none());
    }

    /** Like {@link #renderDirectory(Path)}, with each receipt's violations from {@code violations}. */
    public static ReportFiles renderDirectory(Path receiptsDir, ViolationSource violations)
            throws ReportInputException, IOException {
        return render(receiptsDir, receiptsDir, violations);
    }

    /**
     * Renders the receipts in {@code receiptsDir} into {@code outDir/index.html} and {@code outDir/summary.md}
     * ({@code outDir} is created when missing).
     *
     * @throws ReportInputException the receipts directory does not exist or is not a directory
     * @throws IOException          a report file cannot be written
     */
    public static ReportFiles render(Path receiptsDir, Path outDir, ViolationSource violations)
            throws ReportInputException, IOException {
        Objects.requireNonNull(receiptsDir, "receiptsDir");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(violations, "violations");
        RunData run = RunLoader.load(receiptsDir, violations);
        Path html = outDir.resolve(INDEX_HTML);
        Path md = outDir.resolve(SUMMARY_MD);
        ReceiptJson.writeAtomically(html, HtmlReport.render(run).getBytes(StandardCharsets.UTF_8));
        ReceiptJson.writeAtomically(md, MarkdownReport.render(run).getBytes(StandardCharsets.UTF_8));
        return new ReportFiles(html, md, run.receipts().size(), run.unreadable().size());
    }
}
