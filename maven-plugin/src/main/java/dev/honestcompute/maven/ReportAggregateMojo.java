package dev.honestcompute.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One report over the receipts of a multi-module reactor, like {@code jacoco:report-aggregate}: bind it in a module
 * that depends on the modules with tests (so Maven builds them first); it reads the receipts of that module and of
 * every reactor module it depends on, directly or not, gathers them under {@code target/receipts-aggregate/<module>/}
 * with one merged {@code run-summary.json}, and renders {@code index.html} and {@code summary.md} there.
 */
@Mojo(name = "report-aggregate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportAggregateMojo extends ReceiptsGoal {

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** Where the gathered receipts and the report go. */
    @Parameter(property = "honestcompute.report.aggregate.dir",
            defaultValue = "${project.build.directory}/receipts-aggregate")
    File aggregateDirectory;

    /** Each module's receipts directory, relative to its build directory. */
    @Parameter(defaultValue = "receipts")
    String moduleReceipts;

    @Override
    boolean aggregates() {
        return true;
    }

    @Override
    public void execute() throws MojoFailureException, MojoExecutionException {
        if (skipped("report-aggregate")) {
            return;
        }
        Set<MavenProject> projects = new LinkedHashSet<>(
                session.getProjectDependencyGraph().getUpstreamProjects(project, true));
        projects.add(project);
        List<ReactorReceipts.Module> modules = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (MavenProject p : session.getProjectDependencyGraph().getSortedProjects()) {
            if (!projects.contains(p)) {
                continue;
            }
            String name = names.add(p.getArtifactId()) ? p.getArtifactId() : p.getGroupId() + "." + p.getArtifactId();
            names.add(name);
            modules.add(new ReactorReceipts.Module(name, Path.of(p.getBuild().getDirectory()).resolve(moduleReceipts)));
        }
        ReactorReceipts.Gathered g;
        try {
            g = ReactorReceipts.gather(modules, aggregateDirectory.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("honest-compute:report-aggregate: cannot gather the receipts into "
                    + aggregateDirectory + ": " + e, e);
        }
        if (g.modules() == 0) {
            throw new MojoFailureException("honest-compute:report-aggregate: none of " + names + " has a receipts "
                    + "directory (<build directory>/" + moduleReceipts + "); the module that runs this goal must "
                    + "depend on the modules whose tests write receipts, so that they are built first");
        }
        g.problems().forEach(p -> getLog().warn("report-aggregate: " + p));
        if (!g.withoutSummary().isEmpty()) {
            getLog().warn("report-aggregate: no run-summary.json in " + g.withoutSummary() + "; their receipts are "
                    + "shown as not listed in a run summary");
        }
        getLog().info("report-aggregate: " + g.receipts() + " receipt(s) from " + g.modules() + " module(s)");
        ReportMojo.render(getLog(), policy, aggregateDirectory.toPath(), aggregateDirectory.toPath());
    }
}
