package io.tenantra.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The password rules on their own: no server, no Spring. */
class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(12, Set.of("password", "Summer", "qwertyuiop123"));

    @Test
    void aLongUnusualPasswordIsAccepted() {
        assertThat(policy.violations("violet-harbour-kettle-42", "alice", "alice@example.com"))
                .isEmpty();
    }

    @Test
    void aShortPasswordSaysHowLongItMustBe() {
        assertThat(policy.violations("Sh0rt!pass", "alice", null))
                .containsExactly("must be at least 12 characters long (it has 10)");
    }

    @Test
    void lengthCountsCharactersNotBytesOrUtf16Units() {
        // Twelve emoji in no particular order: 24 UTF-16 units, 48 bytes, but twelve characters.
        String emoji = "\uD83D\uDE00\uD83D\uDE0A\uD83D\uDE02\uD83D\uDE09\uD83D\uDE04\uD83D\uDE01"
                + "\uD83D\uDE06\uD83D\uDE0B\uD83D\uDE08\uD83D\uDE03\uD83D\uDE07\uD83D\uDE05";
        assertThat(policy.violations(emoji, "alice", null)).isEmpty();
        assertThat(policy.violations(emoji.substring(0, 22), "alice", null))
                .containsExactly("must be at least 12 characters long (it has 11)");
    }

    @Test
    void anOverlongPasswordIsRefusedWithoutFurtherWork() {
        assertThat(policy.violations("x".repeat(1025), "alice", null))
                .containsExactly("must be at most 1024 characters long");
        assertThat(policy.violations("correct horse battery ".repeat(47).substring(0, 1024), "alice", null))
                .isEmpty();
    }

    @Test
    void listedPasswordsAreRefusedInAnyCaseAndWithDigitsOrSymbolsAround() {
        for (String common : new String[] {"QWERTYUIOP123", "Password2024!!", "!!summer1234567"}) {
            assertThat(policy.violations(common, "alice", null))
                    .as(common)
                    .contains("is too common: it is among the passwords attackers try first");
        }
    }

    @Test
    void aListedWordInsideALongerPassphraseIsFine() {
        assertThat(policy.violations("my summer by the lake", "alice", null)).isEmpty();
    }

    @Test
    void repeatedCharactersAndSimpleRunsAreRefused() {
        assertThat(policy.violations("zzzzzzzzzzzzzz", "alice", null))
                .containsExactly("must not be a single character repeated");
        assertThat(policy.violations("345678901234", "alice", null))
                .containsExactly("must not be a simple sequence of characters such as 123456 or abcdef");
        assertThat(policy.violations("ponmlkjihgfedcba", "alice", null))
                .containsExactly("must not be a simple sequence of characters such as 123456 or abcdef");
    }

    @Test
    void theUsernameMayNeitherBeNorBeContainedInThePassword() {
        assertThat(policy.violations("Alice.Wonderland", "alice.wonderland", null))
                .containsExactly("must not be the same as the username");
        assertThat(policy.violations("my-name-is-ALICE-99", "alice", null))
                .containsExactly("must not contain the username");
        // Two-letter usernames are inside too many good passwords to hold against them.
        assertThat(policy.violations("a quiet evening at home", "at", null)).isEmpty();
    }

    @Test
    void theEmailAddressMayNotBeThePassword() {
        assertThat(policy.violations("Alice@Example.com", "bob", "alice@example.com"))
                .containsExactly("must not be the same as the e-mail address");
        assertThat(policy.violations("xx-alice@example.com-xx", "bob", "alice@example.com"))
                .containsExactly("must not contain the e-mail address");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(policy.violations("alice", "alice", null))
                .containsExactly(
                        "must be at least 12 characters long (it has 5)", "must not be the same as the username");
    }

    @Test
    void aTenantCanRaiseTheMinimumButNotLowerIt() {
        assertThat(policy.withMinLengthAtLeast(20).minLength()).isEqualTo(20);
        assertThat(policy.withMinLengthAtLeast(8)).isSameAs(policy);
        assertThat(policy.withMinLengthAtLeast(5000).minLength()).isEqualTo(PasswordPolicy.MAX_LENGTH);
        assertThat(new PasswordPolicy(4, Set.of()).minLength()).isEqualTo(PasswordPolicy.LOWEST_ALLOWED_MIN_LENGTH);
    }

    @Test
    void theBundledListHasHundredsOfEntriesAndNoComments() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(PasswordRules.COMMON_PASSWORDS)) {
            Set<String> list = PasswordPolicy.readList(in);
            assertThat(list).hasSizeGreaterThan(300).contains("letmein", "iloveyou", "qwerty123");
            assertThat(list).noneMatch(entry -> entry.startsWith("#") || entry.isBlank());
            PasswordPolicy bundled = new PasswordPolicy(12, list);
            assertThat(bundled.violations("Password123456", "alice", null)).isNotEmpty();
            assertThat(bundled.violations("letmein!2025", "alice", null)).isNotEmpty();
            assertThat(bundled.violations("violet-harbour-kettle", "alice", null))
                    .isEmpty();
        }
    }
}
