package dev.honestcompute.receipts.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One subcommand of {@code java -jar junit-receipts.jar <name> ...}. Built-ins are {@code verify} and {@code host};
 * other parts of the library add theirs (e.g. {@code report}, {@code replay}, {@code baseline}) by implementing this
 * interface and listing the class in {@code META-INF/services/dev.honestcompute.receipts.cli.Subcommand}.
 *
 * <pre>{@code
 * public final class ReportCommand implements Subcommand {
 *     public String name() { return "report"; }
 *     public String summary() { return "render receipts as HTML"; }
 *     public int run(List<String> args, PrintStream out, PrintStream err) { ...; return ReceiptsCli.EXIT_OK; }
 * }
 * }</pre>
 */
public interface Subcommand {

    /** The word users type, lower case, e.g. {@code "verify"}. */
    String name();

    /**
     * The usage text's entry: one line saying what the command does; further lines (after {@code '\n'}), such as
     * the command's exit codes, are indented under it.
     */
    String summary();

    /**
     * Runs the command. Print results to {@code out} and problems to {@code err}; never call {@code System.exit}.
     *
     * @param args the arguments after the subcommand name
     * @return the exit code: {@link ReceiptsCli#EXIT_OK}, {@link ReceiptsCli#EXIT_FAILED} or
     *         {@link ReceiptsCli#EXIT_BAD_INPUT}
     */
    int run(List<String> args, PrintStream out, PrintStream err);
}
