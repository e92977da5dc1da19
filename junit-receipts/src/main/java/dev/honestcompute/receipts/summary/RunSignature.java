package dev.honestcompute.receipts.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.honestcompute.receipts.ReceiptReadException;
import dev.honestcompute.receipts.internal.ReceiptJson;
import dev.honestcompute.receipts.replay.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;

/**
 * The signature of a run summary: Ed25519 over the summary's canonical JSON ({@link CanonicalJson}: sorted keys, no
 * whitespace, normalized numbers) without its {@code signature} field. The summary lists every receipt's SHA-256, so
 * the signature covers the receipts too: editing a receipt and re-hashing it in the summary breaks the signature.
 *
 * <p>What it protects against: anyone who can rewrite the files after the run but does not hold the private key
 * (a later CI step, whoever handles the artifact). What it does not: code inside the test JVM, which can read the key
 * (the environment variable or the key file) just as the session does, and could sign whatever it likes.
 *
 * <pre>{@code
 * RunSummary signed = RunSignature.sign(summary, RunSigningKey.parse(pem, "HONESTCOMPUTE_SIGNING_KEY"));
 * RunSignature.Check check = RunSignature.check(ReceiptJson.readSummaryObject(file), trustedPublicKey);
 * }</pre>
 */
public final class RunSignature {

    /** The only algorithm: JDK Ed25519 (JDK 15+). */
    public static final String ALGORITHM = "Ed25519";
    /** The summary field that holds the signature. */
    public static final String FIELD = "signature";

    /** How a summary's signature turned out. */
    public enum Outcome {
        /** The summary has no signature. */
        NOT_SIGNED,
        /** The summary is signed and no public key was given to check it. */
        NOT_CHECKED,
        /** The signature verifies with the given public key. */
        VERIFIED,
        /** The signature does not verify with the given public key, or is malformed. */
        INVALID
    }

    /**
     * The outcome and a sentence about it.
     *
     * @param outcome       what was found
     * @param signerSha256  the public-key fingerprint the summary names, or null when unsigned
     * @param message       a sentence for people: who signed, what was checked, what to do
     */
    public record Check(Outcome outcome, String signerSha256, String message) {
    }

    private RunSignature() {
    }

    /** The bytes a signature covers: the canonical JSON of {@code summary} without its {@code signature} field. */
    public static byte[] signedBytes(JsonNode summary) {
        ObjectNode copy = (ObjectNode) summary.deepCopy();
        copy.remove(FIELD);
        return CanonicalJson.write(copy).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code summary} with a signature by {@code key}, computed over the bytes it is written as. */
    public static RunSummary sign(RunSummary summary, RunSigningKey key) {
        RunSummary unsigned = summary.withSignature(null);
        JsonNode asWritten;
        try {
            // sign what a reader will parse: the written bytes read back with the receipts' JSON settings
            asWritten = ReceiptJson.parseObject(ReceiptJson.bytes(ReceiptJson.mapper().valueToTree(unsigned)),
                    "run summary");
        } catch (ReceiptReadException e) {
            throw new IllegalStateException("cannot read back the run summary to sign it: " + e.getMessage(), e);
        }
        byte[] signature = key.sign(signedBytes(asWritten));
        return unsigned.withSignature(new RunSummary.Signature(ALGORITHM,
                Base64.getEncoder().encodeToString(key.publicKey().getEncoded()),
                RunSigningKey.fingerprint(key.publicKey()), Base64.getEncoder().encodeToString(signature)));
    }

    /**
     * Checks the signature of a summary as read from its file.
     *
     * @param trusted the public key to verify with, or null to only report whether the summary is signed
     */
    public static Check check(JsonNode summary, PublicKey trusted) {
        JsonNode sig = summary.path(FIELD);
        String trustedId = trusted == null ? null : RunSigningKey.fingerprint(trusted);
        if (sig.isMissingNode() || sig.isNull()) {
            return new Check(Outcome.NOT_SIGNED, null, "not signed" + (trusted == null ? "" : ", but the public key "
                    + "sha256:" + trustedId + " was given: the summary was written without a signing key, or its "
                    + "signature was removed; set HONESTCOMPUTE_SIGNING_KEY in the test job (docs/ci.md)"));
        }
        String signer = sig.path("public_key_sha256").asText("?");
        if (!ALGORITHM.equals(sig.path("algorithm").asText())) {
            return new Check(trusted == null ? Outcome.NOT_CHECKED : Outcome.INVALID, signer, "signature algorithm '"
                    + sig.path("algorithm").asText("<absent>") + "' is not " + ALGORITHM + "; the signature was edited");
        }
        if (trusted == null) {
            return new Check(Outcome.NOT_CHECKED, signer, "signed by key sha256:" + signer + ", not checked: pass "
                    + "--public-key with the key you trust to check it");
        }
        byte[] value;
        try {
            value = Base64.getDecoder().decode(sig.path("value").asText(""));
        } catch (IllegalArgumentException e) {
            return new Check(Outcome.INVALID, signer, "signature.value is not base64 (" + e.getMessage()
                    + "); the signature was edited");
        }
        boolean ok;
        try {
            java.security.Signature s = java.security.Signature.getInstance(ALGORITHM);
            s.initVerify(trusted);
            s.update(signedBytes(summary));
            ok = s.verify(value);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            ok = false;
        }
        if (ok) {
            return new Check(Outcome.VERIFIED, signer, "signature verified with key sha256:" + trustedId);
        }
        return new Check(Outcome.INVALID, signer, "signature does not verify with key sha256:" + trustedId
                + (signer.equals(trustedId) ? ": the summary (or a receipt digest in it) was changed after it was "
                + "signed" : "; the summary names signer sha256:" + signer + ": it was signed with another key, or "
                + "changed after signing") + "; re-run the tests in CI to get a signed run");
    }
}
