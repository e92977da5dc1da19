package dev.honestcompute.receipts.summary;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keys as users make them: {@code src/test/resources/signing/} holds keys written by {@code openssl genpkey
 * -algorithm ed25519} (and its public key, and its signature of "hello"), so interoperability is tested, not assumed.
 */
class RunSigningKeyTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = RunSigningKeyTest.class.getResourceAsStream("/signing/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /signing/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void anOpensslKeyIsReadAndItsPublicKeyDerivedExactlyAsOpensslDerivesIt() throws Exception {
        RunSigningKey key = RunSigningKey.parse(resource("openssl-ed25519.pem"), "openssl-ed25519.pem");
        PublicKey openssl = RunSigningKey.parsePublicKey(resource("openssl-ed25519.pub.pem"), "openssl-ed25519.pub.pem");

        assertThat(key.publicKey().getEncoded()).isEqualTo(openssl.getEncoded());
        // Ed25519 signatures are deterministic: the JDK signs "hello" exactly as openssl pkeyutl did.
        assertThat(Base64.getEncoder().encodeToString(key.sign("hello".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(resource("openssl-signature-of-hello.b64").strip());
    }

    @Test
    void theBase64OfTheDerBytesOnOneLineIsTheSameKey() throws Exception {
        String pem = resource("openssl-ed25519.pem");
        String oneLine = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        assertThat(RunSigningKey.fingerprint(RunSigningKey.parse(oneLine, "secret").publicKey()))
                .isEqualTo(RunSigningKey.fingerprint(RunSigningKey.parse(pem, "pem").publicKey()));
    }

    @Test
    void aGeneratedKeyRoundTripsThroughItsPem() {
        RunSigningKey key = RunSigningKey.generate();
        RunSigningKey again = RunSigningKey.parse(key.privateKeyPem(), "pem");
        assertThat(RunSigningKey.fingerprint(again.publicKey())).isEqualTo(RunSigningKey.fingerprint(key.publicKey()));
        assertThat(RunSigningKey.parsePublicKey(RunSigningKey.publicKeyPem(key.publicKey()), "pub").getEncoded())
                .isEqualTo(key.publicKey().getEncoded());
        assertThat(key.toString()).startsWith("RunSigningKey[public sha256:").doesNotContain("PRIVATE");
    }

    @Test
    void wrongKeysAreClearErrorsNamingTheSource() throws Exception {
        assertThatThrownBy(() -> RunSigningKey.parse(resource("openssl-ed25519.pub.pem"), "HONESTCOMPUTE_SIGNING_KEY"))
                .hasMessage("HONESTCOMPUTE_SIGNING_KEY holds a 'PUBLIC KEY' PEM block; expected 'PRIVATE KEY': this is "
                        + "the public key; signing needs the private key (keep it as a CI secret)");
        assertThatThrownBy(() -> RunSigningKey.parse(resource("openssl-ed448.pem"), "ed448.pem"))
                .hasMessageStartingWith("ed448.pem is not an Ed25519 private key in PKCS#8 form")
                .hasMessageContaining("openssl genpkey -algorithm ed25519");
        assertThatThrownBy(() -> RunSigningKey.parse(resource("openssl-ed25519-encrypted.pem"), "enc.pem"))
                .hasMessageContaining("'ENCRYPTED PRIVATE KEY'").hasMessageContaining("decrypt it first");
        assertThatThrownBy(() -> RunSigningKey.parse("not a key!", "k")).hasMessageStartingWith("k is neither PEM nor "
                + "base64");
        assertThatThrownBy(() -> RunSigningKey.parse("  ", "k")).hasMessageStartingWith("k is empty");
        assertThatThrownBy(() -> RunSigningKey.parse("A".repeat(RunSigningKey.MAX_KEY_CHARS + 1), "k"))
                .hasMessageContaining("more than the 16384 a key can have");
        assertThatThrownBy(() -> RunSigningKey.parse("-----BEGIN PRIVATE KEY-----\nAAAA", "k"))
                .hasMessageContaining("starts a PEM block but it is not well formed");
        assertThatThrownBy(() -> RunSigningKey.parsePublicKey(resource("openssl-ed25519.pem"), "--public-key k.pem"))
                .hasMessageContaining("this is a private key; verify with the public key, and never publish the "
                        + "private one");
    }
}
