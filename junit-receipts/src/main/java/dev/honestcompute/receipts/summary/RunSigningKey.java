package dev.honestcompute.receipts.summary;

import dev.honestcompute.fixtures.hash.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Ed25519 key pair that signs run summaries, with the JDK's own Ed25519 (no other dependency). Keys are read as
 * PEM ({@code -----BEGIN PRIVATE KEY-----}, PKCS#8; {@code -----BEGIN PUBLIC KEY-----}, X.509) or as the bare base64 of
 * the same DER bytes, which fits a CI secret on one line. {@code openssl genpkey -algorithm ed25519} and
 * {@code java -jar junit-receipts.jar keygen} write such keys.
 *
 * <pre>{@code
 * RunSigningKey key = RunSigningKey.parse(System.getenv("HONESTCOMPUTE_SIGNING_KEY"), "HONESTCOMPUTE_SIGNING_KEY");
 * PublicKey trusted = RunSigningKey.parsePublicKey(Files.readString(Path.of("ci/run-signing.pub.pem")), "ci/...");
 * }</pre>
 */
public final class RunSigningKey {

    /** Longest key text accepted, in characters (an Ed25519 PEM is about 120). */
    public static final int MAX_KEY_CHARS = 16 * 1024;
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");
    private static final byte[] PROBE = "honest-compute run-summary key probe".getBytes(StandardCharsets.UTF_8);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private RunSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A new random key pair (for {@code keygen} and tests). */
    public static RunSigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(RunSignature.ALGORITHM).generateKeyPair();
            return new RunSigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no " + RunSignature.ALGORITHM + " key generator (JDK 15+ "
                    + "has one): " + e, e);
        }
    }

    /**
     * Reads a private key.
     *
     * @param text   PKCS#8 PEM or the base64 of its DER bytes
     * @param source where the text came from, for messages (an environment variable, a file)
     * @throws IllegalArgumentException naming {@code source}, what was found and what to do
     */
    public static RunSigningKey parse(String text, String source) {
        byte[] der = der(text, source, "PRIVATE KEY");
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(RunSignature.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException(source + " is not an Ed25519 private key in PKCS#8 form (" + e.getMessage()
                    + "); create one with 'java -jar junit-receipts.jar keygen' or 'openssl genpkey -algorithm ed25519'",
                    e);
        }
        return new RunSigningKey(key, derivePublic(key, source));
    }

    /**
     * Reads a public key.
     *
     * @param text   X.509 PEM ({@code -----BEGIN PUBLIC KEY-----}) or the base64 of its DER bytes
     * @param source where the text came from, for messages
     * @throws IllegalArgumentException naming {@code source}, what was found and what to do
     */
    public static PublicKey parsePublicKey(String text, String source) {
        byte[] der = der(text, source, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance(RunSignature.ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException(source + " is not an Ed25519 public key in X.509 form (" + e.getMessage()
                    + "); pass the public key that 'keygen' wrote beside the private one, or derive it with 'openssl "
                    + "pkey -in private.pem -pubout'", e);
        }
    }

    /** SHA-256 (hex) of a public key's X.509 bytes: how messages name a key. */
    public static String fingerprint(PublicKey key) {
        return Sha256.of(key.getEncoded());
    }

    /** The public half, to publish and to verify with. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The private key as PKCS#8 PEM (what a CI secret holds). */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** A public key as X.509 PEM (what is published). */
    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** Signs {@code bytes} (Ed25519 is deterministic: the same bytes give the same signature). */
    byte[] sign(byte[] bytes) {
        try {
            Signature s = Signature.getInstance(RunSignature.ALGORITHM);
            s.initSign(privateKey);
            s.update(bytes);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the " + RunSignature.ALGORITHM + " key: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "RunSigningKey[public sha256:" + fingerprint(publicKey) + "]";
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(String text, String source, String expectedLabel) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(source + " is empty; expected an Ed25519 " + expectedLabel.toLowerCase(
                    Locale.ROOT) + " (PEM, or the base64 of its DER bytes)");
        }
        if (text.length() > MAX_KEY_CHARS) {
            throw new IllegalArgumentException(source + " has " + text.length() + " characters, more than the "
                    + MAX_KEY_CHARS + " a key can have; it is not an Ed25519 key");
        }
        String body = text.strip();
        if (body.contains("-----BEGIN ")) {
            Matcher m = PEM.matcher(body);
            if (!m.find()) {
                throw new IllegalArgumentException(source + " starts a PEM block but it is not well formed (expected "
                        + "-----BEGIN " + expectedLabel + "-----, base64 lines, -----END " + expectedLabel + "-----)");
            }
            String label = m.group(1);
            if (!label.equals(expectedLabel)) {
                throw new IllegalArgumentException(source + " holds a '" + label + "' PEM block; expected '"
                        + expectedLabel + "'" + hint(label, expectedLabel));
            }
            body = m.group(2);
        }
        try {
            return Base64.getDecoder().decode(body.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is neither PEM nor base64 (" + e.getMessage()
                    + "); expected an Ed25519 " + expectedLabel.toLowerCase(Locale.ROOT), e);
        }
    }

    private static String hint(String found, String expected) {
        if (found.equals("PUBLIC KEY")) {
            return ": this is the public key; signing needs the private key (keep it as a CI secret)";
        }
        if (found.endsWith("PRIVATE KEY") && expected.equals("PUBLIC KEY")) {
            return ": this is a private key; verify with the public key, and never publish the private one";
        }
        if (found.equals("ENCRYPTED PRIVATE KEY")) {
            return ": decrypt it first (openssl pkey -in key.pem -out plain.pem), the session cannot ask for a "
                    + "passphrase";
        }
        return ": Honest Compute reads unencrypted PKCS#8 private keys and X.509 public keys (openssl genpkey "
                + "-algorithm ed25519 writes one)";
    }

    /**
     * The JDK has no public "public key of this private key" for Ed25519, but its key-pair generator derives the
     * public key from 32 random bytes: feeding it the private key's own bytes gives the matching public key. A probe
     * signature then proves the pair matches, so a JDK that generated keys differently fails loudly here.
     */
    private static PublicKey derivePublic(PrivateKey key, String source) {
        if (!(key instanceof EdECPrivateKey edKey) || edKey.getBytes().isEmpty()) {
            throw new IllegalArgumentException(source + " is not an Ed25519 private key with its key bytes");
        }
        byte[] seed = edKey.getBytes().get();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(RunSignature.ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                private static final long serialVersionUID = 1L;

                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
                }
            });
            PublicKey derived = generator.generateKeyPair().getPublic();
            Signature verify = Signature.getInstance(RunSignature.ALGORITHM);
            verify.initVerify(derived);
            verify.update(PROBE);
            if (verify.verify(new RunSigningKey(key, derived).sign(PROBE))) {
                return derived;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the public key of " + source + ": " + e, e);
        }
        throw new IllegalStateException("cannot derive the public key of " + source + " on this JVM ("
                + System.getProperty("java.vendor") + " " + System.getProperty("java.version") + "); please report it");
    }
}
