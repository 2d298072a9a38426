package io.tenantra.platform.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operator settings under {@code tenantra.secrets.*}.
 *
 * @param keys the keys that seal secrets at rest, base64 (32 bytes each), comma-separated, the
 *     key to seal with first and older ones after it (they still open what they sealed). Every
 *     server node against one database needs the same keys. When unset, the keys are read from
 *     {@code <data dir>/keys/secrets-aes256.keys}, created with one new key on first start.
 */
@ConfigurationProperties("tenantra.secrets")
public record SecretsProperties(String keys) {

    boolean keysGiven() {
        return keys != null && !keys.isBlank();
    }
}
