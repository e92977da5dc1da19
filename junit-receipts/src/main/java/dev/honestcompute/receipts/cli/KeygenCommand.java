package dev.honestcompute.receipts.cli;

import dev.honestcompute.receipts.internal.RunSigning;
import dev.honestcompute.receipts.summary.RunSigningKey;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * {@code keygen --out DIR}: writes a new Ed25519 key pair for signed runs, {@value #PRIVATE_FILE} (PKCS#8 PEM, owner
 * read-only where the file system allows: store it as the CI secret {@code HONESTCOMPUTE_SIGNING_KEY}, then delete
 * it) and {@value #PUBLIC_FILE} (X.509 PEM: publish it, e.g. commit it, and pass it to {@code verify --public-key}).
 * Existing files are never overwritten.
 */
final class KeygenCommand implements Subcommand {

    static final String PRIVATE_FILE = "run-signing-key.pem";
    static final String PUBLIC_FILE = "run-signing-key.pub.pem";
    static final String USAGE = "usage: keygen --out DIR   (writes DIR/" + PRIVATE_FILE + " and DIR/" + PUBLIC_FILE
            + ")\n";

    @Override
    public String name() {
        return "keygen";
    }

    @Override
    public String summary() {
        return "write an Ed25519 key pair that signs run summaries: keygen --out DIR\n"
                + "exit 0 written, 2 bad usage or the files cannot be written (existing files are kept)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 2 || !args.get(0).equals("--out")) {
            err.print("keygen: expected --out DIR, found " + args + "\n" + USAGE);
            return ReceiptsCli.EXIT_BAD_INPUT;
        }
        Path dir;
        try {
            dir = Path.of(args.get(1));
        } catch (InvalidPathException e) {
            err.println("keygen: --out '" + args.get(1) + "' is not a valid path: " + e.getReason());
            return ReceiptsCli.EXIT_BAD_INPUT;
        }
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        for (Path f : List.of(privateFile, publicFile)) {
            if (Files.exists(f)) {
                err.println("keygen: " + f + " exists; keygen never overwrites a key: move it away or pick another "
                        + "--out directory");
                return ReceiptsCli.EXIT_BAD_INPUT;
            }
        }
        RunSigningKey key = RunSigningKey.generate();
        try {
            Files.createDirectories(dir);
            writeNew(privateFile, key.privateKeyPem(), true);
            writeNew(publicFile, RunSigningKey.publicKeyPem(key.publicKey()), false);
        } catch (FileAlreadyExistsException e) {
            err.println("keygen: " + e.getFile() + " appeared while writing; keygen never overwrites a key");
            return ReceiptsCli.EXIT_BAD_INPUT;
        } catch (IOException e) {
            err.println("keygen: cannot write the key pair into " + dir + ": " + e + "; check that it is writable");
            return ReceiptsCli.EXIT_BAD_INPUT;
        }
        out.println("private key: " + privateFile + " (store its content as the CI secret " + RunSigning.KEY_ENV
                + ", then delete this file)");
        out.println("public key:  " + publicFile + " (publish it; verify with --public-key " + publicFile + ")");
        out.println("key sha256:" + RunSigningKey.fingerprint(key.publicKey()));
        return ReceiptsCli.EXIT_OK;
    }

    /** Writes a file that must not exist yet; the private key is made owner-only before its content is written. */
    private static void writeNew(Path file, String text, boolean secret) throws IOException {
        Path created = Files.createFile(file);
        if (secret) {
            try {
                Files.setPosixFilePermissions(created, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: rely on the directory's permissions
            }
        }
        Files.write(created, text.getBytes(StandardCharsets.UTF_8));
    }
}
