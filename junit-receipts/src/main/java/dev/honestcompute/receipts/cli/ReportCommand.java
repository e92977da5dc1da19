package dev.honestcompute.receipts.cli;

import dev.honestcompute.receipts.report.ReportCli;

import java.io.PrintStream;
import java.util.List;

/** {@code report [--out DIR] [--policy P] RECEIPTS_DIR}: the HTML report and summary.md from a receipts directory. */
final class ReportCommand implements Subcommand {

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "render index.html and summary.md from a receipts directory";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return ReportCli.run(args.toArray(String[]::new), out, err);
    }
}
