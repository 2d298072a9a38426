package io.tenantra.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sealing, opening, and every way a stored value can fail to open. */
class SecretKeyringTest {

    private static byte[] key(int fill) {
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) fill);
        return raw;
    }

    private final SecretKeyring keyring = new SecretKeyring(List.of(key(1)));
    private final String place = SecretKeyring.place("user_mfa", "secret", UUID.randomUUID());

    @Test
    void aSealedValueOpensToWhatWasSealedAndHidesIt() {
        String sealed = keyring.seal("JBSWY3DPEHPK3PXP", place);

        assertThat(sealed).startsWith("sealed:v1:" + keyring.activeKid() + ":").doesNotContain("JBSWY3DPEHPK3PXP");
        assertThat(keyring.open(sealed, place)).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(keyring.sealedWithActiveKey(sealed)).isTrue();
        // A fresh nonce every time: equal secrets do not give equal stored values.
        assertThat(keyring.seal("JBSWY3DPEHPK3PXP", place)).isNotEqualTo(sealed);
    }

    @Test
    void theKidNamesTheKeyWithoutRevealingIt() {
        assertThat(keyring.activeKid()).matches("[0-9a-f]{12}").isEqualTo(SecretKeyring.kidOf(key(1)));
        assertThat(SecretKeyring.kidOf(key(2))).isNotEqualTo(keyring.activeKid());
    }

    @Test
    void aValueMovedToAnotherRowDoesNotOpen() {
        String sealed = keyring.seal("JBSWY3DPEHPK3PXP", place);
        String otherRow = SecretKeyring.place("user_mfa", "secret", UUID.randomUUID());

        assertThatThrownBy(() -> keyring.open(sealed, otherRow))
                .isInstanceOf(SecretIntegrityException.class)
                .hasMessageContaining("does not open");
    }

    @Test
    void anAlteredValueDoesNotOpen() {
        String sealed = keyring.seal("JBSWY3DPEHPK3PXP", place);
        // A character inside the payload (the last one may carry only padding bits).
        int at = sealed.length() - 10;
        String altered = sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A') + sealed.substring(at + 1);

        assertThatThrownBy(() -> keyring.open(altered, place)).isInstanceOf(SecretIntegrityException.class);
        assertThatThrownBy(() -> keyring.open(sealed.substring(0, 30), place))
                .isInstanceOf(SecretIntegrityException.class);
    }

    @Test
    void aPlainValueIsNeverTakenForASealedOne() {
        assertThatThrownBy(() -> keyring.open("JBSWY3DPEHPK3PXP", place))
                .isInstanceOf(SecretIntegrityException.class)
                .hasMessageContaining("not sealed");
        assertThat(SecretKeyring.isSealed("{\"kty\":\"EC\"}")).isFalse();
        assertThat(SecretKeyring.isSealed(null)).isFalse();
    }

    @Test
    void olderKeysStillOpenWhatTheySealedButOnlyTheFirstSeals() {
        String sealedWithOld = keyring.seal("old secret", place);
        SecretKeyring rotated = new SecretKeyring(List.of(key(2), key(1)));

        assertThat(rotated.open(sealedWithOld, place)).isEqualTo("old secret");
        assertThat(rotated.sealedWithActiveKey(sealedWithOld)).isFalse();
        String resealed = rotated.seal("old secret", place);
        assertThat(SecretKeyring.kidIn(resealed)).isEqualTo(SecretKeyring.kidOf(key(2)));
        assertThatThrownBy(() -> keyring.open(resealed, place))
                .isInstanceOf(SecretIntegrityException.class)
                .hasMessageContaining("sealed with key " + SecretKeyring.kidOf(key(2)))
                .hasMessageContaining("TENANTRA_SECRETS_KEYS");
    }

    @Test
    void keysMustBeThirtyTwoBytes() {
        assertThatThrownBy(() -> new SecretKeyring(List.of(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretKeyring(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyTextIsBase64KeysSeparatedByCommasOrLinesWithComments() {
        String one = Base64.getEncoder().encodeToString(key(1));
        String two = Base64.getEncoder().encodeToString(key(2));

        assertThat(SecretsConfiguration.parse("# header, with a comma\n" + two + "\n\n" + one + "\n", "file"))
                .containsExactly(key(2), key(1));
        assertThat(SecretsConfiguration.parse(" " + one + " , " + two, "env")).containsExactly(key(1), key(2));
        assertThatThrownBy(() -> SecretsConfiguration.parse("not base64!", "TENANTRA_SECRETS_KEYS"))
                .hasMessageContaining("Key 1 in TENANTRA_SECRETS_KEYS is not base64")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> SecretsConfiguration.parse(
                        one + "," + Base64.getEncoder().encodeToString(new byte[8]), "TENANTRA_SECRETS_KEYS"))
                .hasMessageContaining("Key 2 in TENANTRA_SECRETS_KEYS has 8 bytes, not 32");
        assertThatThrownBy(() -> SecretsConfiguration.parse("# nothing\n", "file"))
                .hasMessageContaining("holds no key");
    }
}
