package io.tenantra.platform.secrets;

import io.tenantra.platform.OwnerOnlyFiles;
import io.tenantra.platform.TenantraProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the keys that seal secrets come from: {@code TENANTRA_SECRETS_KEYS} when set (a cluster
 * gives every node the same value), otherwise a key file in the data directory, created with one
 * new random key on first start. Either way the keys never enter the database.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretsProperties.class)
class SecretsConfiguration {

    static final String KEY_FILE = "keys/secrets-aes256.keys";
    private static final Logger log = LoggerFactory.getLogger(SecretsConfiguration.class);

    @Bean
    SecretKeyring secretKeyring(SecretsProperties secrets, TenantraProperties tenantra) {
        // The first bean to touch the data directory: refuse one that other users may write to.
        trusted(tenantra.dataDir());
        SecretKeyring keyring;
        if (secrets.keysGiven()) {
            keyring = new SecretKeyring(parse(secrets.keys(), "TENANTRA_SECRETS_KEYS"));
            log.info("Secrets at rest are sealed with key {} from TENANTRA_SECRETS_KEYS", keyring.activeKid());
        } else {
            Path file = tenantra.dataDir().toAbsolutePath().normalize().resolve(KEY_FILE);
            trusted(file.getParent());
            if (!Files.exists(file)) {
                create(file);
            }
            keyring = new SecretKeyring(read(file));
            log.info("Secrets at rest are sealed with key {} from {}", keyring.activeKid(), file);
        }
        return keyring;
    }

    /** Base64 keys separated by commas or line breaks; blank entries and {@code #} comment lines are skipped. */
    static List<byte[]> parse(String text, String source) {
        List<byte[]> keys = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.strip().startsWith("#")) {
                entries.addAll(List.of(line.split(",")));
            }
        }
        for (String entry : entries) {
            String key = entry.strip();
            if (key.isEmpty()) {
                continue;
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Key " + (keys.size() + 1) + " in " + source
                        + " is not base64; generate one with: openssl rand -base64 32");
            }
            if (raw.length != 32) {
                throw new IllegalStateException("Key " + (keys.size() + 1) + " in " + source + " has " + raw.length
                        + " bytes, not 32; generate one with: openssl rand -base64 32");
            }
            keys.add(raw);
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException(source + " holds no key");
        }
        return keys;
    }

    private static List<byte[]> read(Path file) {
        try {
            OwnerOnlyFiles.restrict(file);
            return parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the secrets key file " + file, e);
        }
    }

    private static void trusted(Path dir) {
        try {
            OwnerOnlyFiles.requireSafeDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the directory " + dir, e);
        }
    }

    private static void create(Path file) {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String text = "# Keys that seal secrets stored in the database (AES-256, base64). The first seals; the\n"
                + "# others still open what they sealed. Back this file up apart from the database: without it\n"
                + "# the sealed secrets (token-signing keys, TOTP seeds) cannot be opened.\n"
                + Base64.getEncoder().encodeToString(raw) + "\n";
        try {
            OwnerOnlyFiles.writeAtomically(file, text);
            log.info("Created the secrets key file {} (key {})", file, SecretKeyring.kidOf(raw));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the secrets key file " + file, e);
        }
    }
}
