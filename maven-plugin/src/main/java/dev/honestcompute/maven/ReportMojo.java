package dev.honestcompute.maven;

import dev.honestcompute.receipts.ReceiptVerifier;
import dev.honestcompute.receipts.report.ReportFiles;
import dev.honestcompute.receipts.report.ReportInputException;
import dev.honestcompute.receipts.report.ReportRenderer;
import dev.honestcompute.receipts.report.ViolationSource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Renders one module's receipts as {@code index.html} (self-contained, opens from disk) and {@code summary.md} (for
 * CI step summaries), with each receipt's rule violations under the policy. A report is information: violations do
 * not fail this goal ({@code verify} and {@code check} are the gates).
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends ReceiptsGoal {

    /** Where to write the two files; by default beside the receipts. */
    @Parameter(property = "honestcompute.report.dir", defaultValue = "${project.build.directory}/receipts")
    File outputDirectory;

    @Override
    public void execute() throws MojoFailureException, MojoExecutionException {
        if (skipped("report")) {
            return;
        }
        render(getLog(), policy, receiptsDirectory.toPath(), outputDirectory.toPath());
    }

    static void render(Log log, String policy, Path receipts, Path out)
            throws MojoFailureException, MojoExecutionException {
        ViolationSource violations;
        try {
            violations = ViolationSource.of(ReceiptVerifier.forPolicy(policy));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("honest-compute:report: <policy>: " + e.getMessage());
        }
        try {
            ReportFiles files = ReportRenderer.render(receipts, out, violations);
            log.info("Honest Compute report: " + files.receipts() + " receipt(s), " + files.unreadable()
                    + " unreadable");
            log.info("  " + files.indexHtml().toAbsolutePath());
            log.info("  " + files.summaryMarkdown().toAbsolutePath());
        } catch (ReportInputException e) {
            throw new MojoFailureException("honest-compute:report: " + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("honest-compute:report: cannot write the report into "
                    + out.toAbsolutePath() + ": " + e + "; check that the directory is writable", e);
        }
    }
}
