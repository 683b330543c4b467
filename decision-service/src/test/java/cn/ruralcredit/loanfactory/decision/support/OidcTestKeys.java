package cn.ruralcredit.loanfactory.decision.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair of the OIDC tests: the test signs tokens with the private key, the service
 * verifies them with the public key ({@code quarkus.oidc.public-key}). Made once under target/
 * rather than committed, and read from files because the test profile and the test run in
 * different class loaders.
 */
public final class OidcTestKeys {
    private static final Path DIR = Path.of("target", "oidc-test-keys");
    private static final Path PRIVATE = DIR.resolve("signing-key.pkcs8.b64");
    private static final Path PUBLIC = DIR.resolve("verification-key.x509.b64");

    private OidcTestKeys() {
    }

    /** The public key as {@code quarkus.oidc.public-key} takes it: base64 of the X.509 encoding. */
    public static synchronized String publicKey() {
        ensureExists();
        return read(PUBLIC);
    }

    public static synchronized PrivateKey signingKey() {
        ensureExists();
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(read(PRIVATE))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key the service does not know. */
    public static PrivateKey strangersKey() {
        return newPair().getPrivate();
    }

    private static void ensureExists() {
        if (Files.exists(PRIVATE) && Files.exists(PUBLIC)) return;
        KeyPair pair = newPair();
        try {
            Files.createDirectories(DIR);
            Files.writeString(PUBLIC, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            Files.writeString(PRIVATE, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair newPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
