package dev.honestcompute.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;

/** What the receipt-reading goals share: the receipts directory, the policy and when to skip. */
abstract class ReceiptsGoal extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The receipts directory the tests wrote (junit-receipts' {@code honestcompute.receipts.dir}). */
    @Parameter(property = "honestcompute.receipts.dir", defaultValue = "${project.build.directory}/receipts")
    File receiptsDirectory;

    /** The verifier policy: {@code default} (Honest Compute receipts) or {@code bitnet} (BitNet.rs receipts). */
    @Parameter(property = "honestcompute.receipts.policy", defaultValue = "default")
    String policy;

    /** Skips the goal. */
    @Parameter(property = "honestcompute.skip", defaultValue = "false")
    boolean skip;

    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    @Parameter(property = "maven.test.skip", defaultValue = "false")
    boolean skipTestCompilation;

    /** True (after saying so) when this goal has nothing to do: skipped, tests skipped, or a pom project. */
    boolean skipped(String goal) {
        if (skip || skipTests || skipTestCompilation) {
            getLog().info("honest-compute:" + goal + " skipped" + (skip ? "" : " (tests are skipped)"));
            return true;
        }
        if ("pom".equals(project.getPackaging()) && !aggregates()) {
            getLog().info("honest-compute:" + goal + " skipped: " + project.getArtifactId() + " has pom packaging"
                    + " and runs no tests");
            return true;
        }
        return false;
    }

    /** Goals that read other projects' receipts run in pom projects too. */
    boolean aggregates() {
        return false;
    }
}
