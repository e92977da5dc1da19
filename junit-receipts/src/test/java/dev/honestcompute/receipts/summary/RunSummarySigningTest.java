package dev.honestcompute.receipts.summary;

import dev.honestcompute.receipts.RunSessions;
import dev.honestcompute.receipts.internal.RunSigning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.honestcompute.receipts.summary.RunSummaryProblem.Kind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Signed runs: the session signs the summary with the configured key, and only the matching public key verifies it. */
class RunSummarySigningTest {

    @TempDir
    Path tmp;

    private final RunSigningKey key = RunSigningKey.generate();

    private Path keyFile(RunSigningKey k) throws Exception {
        Path f = tmp.resolve("key-" + RunSigningKey.fingerprint(k.publicKey()).substring(0, 8) + ".pem");
        if (!Files.exists(f)) {
            Files.writeString(f, k.privateKeyPem());
        }
        return f;
    }

    private Path signedRun(String name) throws Exception {
        Path dir = tmp.resolve(name);
        RunSessions.run(dir, Map.of(RunSummary.BUILD_ID_PARAMETER, "build-s", RunSigning.KEY_FILE_PARAMETER,
                keyFile(key).toString()), RunSessions.CLASS_LEVEL);
        return dir.resolve(RunSummary.FILE_NAME);
    }

    @Test
    void theSessionSignsTheSummaryAndOnlyItsPublicKeyVerifiesIt() throws Exception {
        Path summary = signedRun("run");
        RunSummary read = RunSummaryFiles.read(summary);
        assertThat(read.signature()).isNotNull();
        assertThat(read.signature().algorithm()).isEqualTo("Ed25519");
        assertThat(read.signature().publicKeySha256()).isEqualTo(RunSigningKey.fingerprint(key.publicKey()));

        RunSummaryVerification trusted = RunSummaryVerifier.verify(summary, key.publicKey());
        assertThat(trusted.problems()).isEmpty();
        assertThat(trusted.signature().outcome()).isEqualTo(RunSignature.Outcome.VERIFIED);
        assertThat(trusted.signature().message()).isEqualTo("signature verified with key sha256:"
                + RunSigningKey.fingerprint(key.publicKey()));

        RunSummaryVerification unchecked = RunSummaryVerifier.verify(summary, null);
        assertThat(unchecked.problems()).isEmpty();
        assertThat(unchecked.signature().outcome()).isEqualTo(RunSignature.Outcome.NOT_CHECKED);
        assertThat(unchecked.signature().message()).contains("signed by key sha256:", "not checked: pass --public-key");

        RunSigningKey other = RunSigningKey.generate();
        assertThat(RunSummaryVerifier.verify(summary, other.publicKey()).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.SIGNATURE_INVALID);
            assertThat(p.message()).contains("signature does not verify with key sha256:"
                    + RunSigningKey.fingerprint(other.publicKey()), "signed with another key");
        });
    }

    @Test
    void aFullyConsistentRewriteIsCaughtOnlyByTheSignature() throws Exception {
        Path summary = signedRun("run");
        Path first = RunSessions.receipt(summary.getParent(), "first.json");
        SummaryEdits.replaceInFile(first, "\"matmul_f32\"", "\"matmul_f32_avx512\"");
        SummaryEdits.rehash(summary, first);
        SummaryEdits.recomputeReplay(summary);

        assertThat(RunSummaryVerifier.verify(summary, null).problems()).as("consistent without a key").isEmpty();
        assertThat(RunSummaryVerifier.verify(summary, key.publicKey()).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.SIGNATURE_INVALID);
            assertThat(p.message()).contains("the summary (or a receipt digest in it) was changed after it was signed");
        });
    }

    @Test
    void aRemovedSignatureOrAnUnsignedRunFailsWhenAKeyIsRequired() throws Exception {
        Path summary = signedRun("run");
        SummaryEdits.edit(summary, s -> s.remove("signature"));
        assertThat(RunSummaryVerifier.verify(summary, null).problems()).isEmpty();
        assertThat(RunSummaryVerifier.verify(summary, key.publicKey()).problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.NOT_SIGNED);
            assertThat(p.message()).contains("not signed, but the public key sha256:", "HONESTCOMPUTE_SIGNING_KEY");
        });
        SummaryEdits.edit(summary, s -> s.putObject("signature").put("algorithm", "Ed25519").put("value", "%%"));
        assertThat(RunSummaryVerifier.verify(summary, key.publicKey()).problems()).extracting(RunSummaryProblem::kind)
                .containsExactly(Kind.SIGNATURE_INVALID);
    }

    @Test
    void twoSignedSessionsOfOneBuildMergeAndStaySigned() throws Exception {
        Path dir = tmp.resolve("run");
        Map<String, String> params = Map.of(RunSummary.BUILD_ID_PARAMETER, "build-s", RunSigning.KEY_FILE_PARAMETER,
                keyFile(key).toString());
        RunSessions.run(dir, params, RunSessions.CLASS_LEVEL);
        RunSessions.run(dir, params, RunSessions.MIXED);

        RunSummaryVerification v = RunSummaryVerifier.verify(dir.resolve(RunSummary.FILE_NAME), key.publicKey());
        assertThat(v.problems()).isEmpty();
        assertThat(v.summary().sessions()).isEqualTo(2);
        assertThat(v.summary().receipts()).hasSize(4);
    }

    @Test
    void aSignedSummaryEditedBetweenSessionsIsNotMergedSoItsReceiptsAreUnrecorded() throws Exception {
        Path summary = signedRun("run");
        SummaryEdits.edit(summary, s -> s.put("finished_at", "2000-01-01T00:00:00Z"));
        String keyFile = keyFile(key).toString();
        String err = stderrOf(() -> RunSessions.run(summary.getParent(), Map.of(RunSummary.BUILD_ID_PARAMETER,
                "build-s", RunSigning.KEY_FILE_PARAMETER, keyFile), RunSessions.MIXED));

        assertThat(err).contains("replacing " + summary + " instead of merging into it: this session signs with key "
                + "sha256:", "signature does not verify");
        RunSummaryVerification v = RunSummaryVerifier.verify(summary, key.publicKey());
        assertThat(v.summary().sessions()).isEqualTo(1);
        assertThat(v.problems()).extracting(RunSummaryProblem::kind).containsExactly(Kind.UNRECORDED, Kind.UNRECORDED,
                Kind.UNRECORDED);
    }

    @Test
    void anUnusableKeyFailsTheSessionAfterWritingTheSummaryUnsigned() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getEncoder().encodeToString(key.publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Path dir = tmp.resolve("run");
        String[] err = new String[1];
        Throwable thrown = catchThrowable(() -> err[0] = stderrOf(() -> RunSessions.run(dir, Map.of(
                RunSigning.KEY_FILE_PARAMETER, bad.toString()), RunSessions.CLASS_LEVEL)));

        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("Honest Compute wrote the run "
                + "summary unsigned although a signing key is configured").hasMessageContaining("holds a 'PUBLIC KEY' "
                + "PEM block; expected 'PRIVATE KEY': this is the public key; signing needs the private key");
        assertThat(RunSummaryFiles.read(dir.resolve(RunSummary.FILE_NAME)).signature()).isNull();
        assertThat(RunSummaryVerifier.verify(dir.resolve(RunSummary.FILE_NAME), null).problems()).isEmpty();
    }

    private static String stderrOf(Runnable r) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(original);
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
