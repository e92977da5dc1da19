package dev.honestcompute.receipts.cli;

import dev.honestcompute.receipts.host.HostFingerprint;
import dev.honestcompute.receipts.internal.ReceiptJson;

import java.io.PrintStream;
import java.util.List;

/** {@code host}: prints this machine's fingerprint (the receipts' {@code host} section) as JSON. */
final class HostCommandLine implements Subcommand {

    @Override
    public String name() {
        return "host";
    }

    @Override
    public String summary() {
        return "print this machine's host fingerprint as JSON\nexit 0 printed, 2 arguments were given";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            err.println("usage: host   (no arguments); found " + args);
            return ReceiptsCli.EXIT_BAD_INPUT;
        }
        out.print(ReceiptJson.text(HostFingerprint.current().toJson()));
        return ReceiptsCli.EXIT_OK;
    }
}
