package io.tenantra.audit;

import io.tenantra.platform.OwnerOnlyFiles;
import io.tenantra.platform.TenantraProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This server's Ed25519 key for signing checkpoints. The private half lives only in {@code
 * <data dir>/keys/audit-signing-ed25519.pem} (mode 0600), never in the database, so that whoever
 * controls the database cannot sign a rewritten chain. The public half is recorded in {@code
 * audit_signing_key} and published at {@code /api/v1/audit/keys}.
 */
@Component
class AuditSigningKey {

    static final String FILE = "keys/audit-signing-ed25519.pem";
    private static final Logger log = LoggerFactory.getLogger(AuditSigningKey.class);
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final KeyPair pair;
    private final String kid;

    AuditSigningKey(TenantraProperties properties, JdbcClient jdbc, Clock clock) {
        Path file = properties.dataDir().toAbsolutePath().normalize().resolve(FILE);
        try {
            OwnerOnlyFiles.requireSafeDirectory(file.getParent()); // refuses a keys directory others may write
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the keys directory " + file.getParent(), e);
        }
        this.pair = Files.exists(file) ? read(file) : create(file);
        this.kid = Ed25519Keys.kidOf(pair.getPublic());
        jdbc.sql("INSERT INTO audit_signing_key (kid, algorithm, public_key, created_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (kid) DO NOTHING")
                .params(
                        kid,
                        ChainCheckpoint.ALGORITHM,
                        Ed25519Keys.encode(pair.getPublic()),
                        ChainRows.timestamp(clock.instant()))
                .update();
        log.info("Audit checkpoints are signed with key {} from {}", kid, file);
    }

    String kid() {
        return kid;
    }

    String sign(byte[] payload) {
        try {
            Signature signer = Signature.getInstance(ChainCheckpoint.ALGORITHM);
            signer.initSign(pair.getPrivate());
            signer.update(payload);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign an audit checkpoint", e);
        }
    }

    private static KeyPair create(Path file) {
        try {
            KeyPair generated =
                    KeyPairGenerator.getInstance(ChainCheckpoint.ALGORITHM).generateKeyPair();
            String pem = pem("PRIVATE KEY", generated.getPrivate().getEncoded())
                    + pem("PUBLIC KEY", generated.getPublic().getEncoded());
            OwnerOnlyFiles.writeAtomically(file, pem);
            log.info(
                    "Created the audit checkpoint signing key {} ({})", Ed25519Keys.kidOf(generated.getPublic()), file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the audit signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot generate Ed25519 keys", e);
        }
    }

    private static KeyPair read(Path file) {
        try {
            OwnerOnlyFiles.restrict(file);
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            byte[] privateDer = null;
            byte[] publicDer = null;
            Matcher m = PEM.matcher(text);
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2).trim());
                if ("PRIVATE KEY".equals(m.group(1))) {
                    privateDer = der;
                } else if ("PUBLIC KEY".equals(m.group(1))) {
                    publicDer = der;
                }
            }
            if (privateDer == null || publicDer == null) {
                throw new IllegalStateException(
                        "The audit signing key file " + file + " must hold a PRIVATE KEY and a PUBLIC KEY block");
            }
            KeyFactory factory = KeyFactory.getInstance(ChainCheckpoint.ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(publicDer));
            return new KeyPair(publicKey, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the audit signing key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The audit signing key file " + file + " is corrupt", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
