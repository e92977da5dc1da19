package dev.honestcompute.receipts.cli;

import java.io.PrintStream;
import java.util.List;

/** Registered in test resources' META-INF/services: proves other modules can add subcommands. */
public final class EchoTestSubcommand implements Subcommand {

    @Override
    public String name() {
        return "echo-test";
    }

    @Override
    public String summary() {
        return "test-only: prints its arguments";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        out.println("echo " + String.join(" ", args));
        return args.isEmpty() ? ReceiptsCli.EXIT_BAD_INPUT : ReceiptsCli.EXIT_OK;
    }
}
