package dev.honestcompute.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules over the receipts, in the spirit of {@code jacoco:check}: tests matching a pattern must have observed a
 * backend or a kernel, passed a parity profile, or met perf limits (see {@link Rule} and docs/maven.md). Every rule
 * is evaluated; the build fails with each rule's failures, naming the test, what was expected and what was found.
 *
 * <pre>{@code
 * <execution>
 *   <id>check</id>
 *   <goals><goal>check</goal></goals>
 *   <configuration>
 *     <rules>
 *       <rule><tests>*Simd*</tests><backend>cpu-simd</backend></rule>
 *       <rule><tests>*Parity*</tests><parityProfile>fp32</parityProfile></rule>
 *     </rules>
 *   </configuration>
 * </execution>
 * }</pre>
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends ReceiptsGoal {

    /** The rules; each must hold. */
    @Parameter
    List<Rule> rules;

    @Override
    public void execute() throws MojoFailureException {
        if (skipped("check")) {
            return;
        }
        List<String> problems = new ArrayList<>(RuleCheck.configurationProblems(rules));
        if (!problems.isEmpty()) {
            throw new MojoFailureException(message("the rules cannot be used", problems));
        }
        if (!Files.isDirectory(receiptsDirectory.toPath())) {
            throw new MojoFailureException("honest-compute:check: receipts directory " + receiptsDirectory
                    + " does not exist; run the tests first (tests annotated @EmitsReceipt write it), or set "
                    + "<receiptsDirectory>");
        }
        ReceiptFiles files;
        try {
            files = ReceiptFiles.read(receiptsDirectory.toPath());
        } catch (IOException e) {
            throw new MojoFailureException("honest-compute:check: cannot read " + receiptsDirectory + ": " + e);
        }
        files.unreadable().forEach(u -> problems.add("cannot check an unreadable receipt: " + u));
        problems.addAll(RuleCheck.failures(rules, files.receipts()));
        if (!problems.isEmpty()) {
            throw new MojoFailureException(message(problems.size() + " failure(s) over " + files.receipts().size()
                    + " receipt(s) in " + receiptsDirectory, problems));
        }
        getLog().info("honest-compute:check: " + rules.size() + " rule(s) hold over " + files.receipts().size()
                + " receipt(s) in " + receiptsDirectory);
    }

    private static String message(String head, List<String> problems) {
        return "honest-compute:check: " + head + ":" + System.lineSeparator() + "  - "
                + String.join(System.lineSeparator() + "  - ", problems);
    }
}
