package io.tenantra.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.support.TotpCodes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TOTP against RFC 6238's own test vectors, base32 against RFC 4648's, and recovery codes. */
class TotpTest {

    // RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void matchesTheRfc6238Sha1Vectors(long unixTime, String expected) {
        long step = Totp.stepAt(Instant.ofEpochSecond(unixTime));
        assertThat(Totp.code(RFC_SEED, step, 8)).isEqualTo(expected);
        // Six digits, as apps show them, are the last six of the eight.
        assertThat(Totp.code(RFC_SEED, step)).isEqualTo(expected.substring(2));
    }

    @Test
    void acceptsOneStepEitherSideAndNothingFurther() {
        long now = 1_000_000;
        for (long step = now - 1; step <= now + 1; step++) {
            assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, step), now, null))
                    .hasValue(step);
        }
        assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, now - 2), now, null))
                .isEmpty();
        assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, now + 2), now, null))
                .isEmpty();
    }

    @Test
    void aStepAlreadyUsedOrOlderIsRefused() {
        long now = 1_000_000;
        String code = Totp.code(RFC_SEED, now);
        assertThat(Totp.verify(RFC_SEED, code, now, now)).isEmpty();
        assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, now - 1), now, now))
                .isEmpty();
        assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, now + 1), now, now))
                .hasValue(now + 1);
    }

    @Test
    void malformedCandidatesNeverMatch() {
        for (String bad : new String[] {null, "", "12345", "1234567", "12345a", " 123456"}) {
            assertThat(Totp.verify(RFC_SEED, bad, 1_000_000, null))
                    .as(String.valueOf(bad))
                    .isEmpty();
        }
    }

    @Test
    void agreesWithTheIndependentTestImplementation() {
        String secret = Base32.encode("another secret, twenty".getBytes(StandardCharsets.US_ASCII));
        for (long step = 50_000_000; step < 50_000_050; step++) {
            assertThat(Totp.code(Base32.decode(secret), step)).isEqualTo(TotpCodes.at(secret, step));
        }
    }

    @ParameterizedTest
    @CsvSource({"f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void base32MatchesRfc4648(String plain, String encoded) {
        assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
        assertThat(new String(Base32.decode(encoded), StandardCharsets.US_ASCII))
                .isEqualTo(plain);
        assertThat(new String(Base32.decode(encoded.toLowerCase() + "=="), StandardCharsets.US_ASCII))
                .isEqualTo(plain);
    }

    @Test
    void base32RefusesForeignCharacters() {
        assertThatThrownBy(() -> Base32.decode("MZXW1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recoveryCodesAreTenDistinctGroupedCodesThatMatchOnlyTheirOwnHash() {
        List<String> codes = RecoveryCodes.generate();
        assertThat(codes).hasSize(10).allMatch(c -> c.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
        assertThat(new HashSet<>(codes)).hasSize(10);
        List<String> hashes = RecoveryCodes.hashAll(codes);
        assertThat(RecoveryCodes.match(hashes, codes.get(3))).hasValue(3);
        // People retype them: case, spaces and missing dashes do not matter.
        assertThat(RecoveryCodes.match(hashes, codes.get(7).toUpperCase().replace("-", " ")))
                .hasValue(7);
        assertThat(RecoveryCodes.match(hashes, "aaaa-bbbb-cccc-dddd")).isEmpty();
        assertThat(RecoveryCodes.looksLikeOne("123456")).isFalse();
        assertThat(Set.copyOf(hashes)).allMatch(h -> h.matches("[0-9a-f]{64}"));
    }

    @Test
    void theOtpauthUriFollowsTheKeyUriFormat() {
        assertThat(MfaService.otpauthUri("ann@corp", "JBSWY3DPEHPK3PXP"))
                .isEqualTo("otpauth://totp/Tenantra%3Aann%40corp?secret=JBSWY3DPEHPK3PXP&issuer=Tenantra"
                        + "&algorithm=SHA1&digits=6&period=30");
    }
}
