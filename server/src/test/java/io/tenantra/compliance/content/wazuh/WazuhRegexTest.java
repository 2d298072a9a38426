package io.tenantra.compliance.content.wazuh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dialect translations judged by behaviour: the Java expression must accept and reject the
 * same lines Wazuh's engine does (OS_Regex tables, PCRE2 caseless), and command lines must reach
 * the program as the same words.
 */
class WazuhRegexTest {

    private static boolean osRegex(String pattern, String line) {
        return Pattern.compile(Dialect.V4_OS_REGEX.regex(pattern)).matcher(line).find();
    }

    private static boolean pcre2(String pattern, String line) {
        return Pattern.compile(Dialect.V5_PCRE2.regex(pattern)).matcher(line).find();
    }

    @Test
    void osRegexClassesHaveTheirOwnMembers() {
        assertThat(osRegex("^\\w+$", "user@host-name_1")).isTrue(); // \w includes @ and -
        assertThat(osRegex("^\\w+$", "a.b")).isFalse();
        assertThat(osRegex("a\\sb", "a b")).isTrue();
        assertThat(osRegex("a\\sb", "a\tb")).isFalse(); // \s is the space only
        assertThat(osRegex("a\\tb", "a\tb")).isTrue();
        assertThat(osRegex("a\\Sb", "a\tb")).isTrue();
        assertThat(osRegex("^\\p+$", "!\"#$%&'()*+,-.:;<=>?[]{|}")).isTrue(); // \p is punctuation
        assertThat(osRegex("\\p", "abc 123")).isFalse();
        assertThat(osRegex("^a\\.c$", "abc")).isTrue(); // \. is any character
        assertThat(osRegex("^a.c$", "abc")).isFalse(); // . is a dot
        assertThat(osRegex("^a.c$", "a.c")).isTrue();
        assertThat(osRegex("\\d\\D", "1x")).isTrue();
        assertThat(osRegex("\\W", "abc")).isFalse();
    }

    @Test
    void osRegexQuantifiersAnchorsAndLiterals() {
        assertThat(osRegex("^x+$", "x+")).isTrue(); // '+' after a literal is a literal
        assertThat(osRegex("^x+$", "xx")).isFalse();
        assertThat(osRegex("^\\d+$", "2026")).isTrue();
        assertThat(osRegex("^a\\d*b$", "ab")).isTrue();
        assertThat(osRegex("^one|two$", "one and more")).isTrue();
        assertThat(osRegex("^one|two$", "the two")).isTrue();
        assertThat(osRegex("^one|two$", "two and more")).isFalse();
        assertThat(osRegex("a^b$c", "a^b$c")).isTrue(); // anchors only at the ends
        assertThat(osRegex("PermitRootLogin", "permitrootlogin no")).isTrue(); // case-insensitive
        assertThat(osRegex("cost \\$5", "cost $5")).isTrue();
        assertThat(osRegex("a\\|b", "a|b")).isTrue();
    }

    @Test
    void osRegexRejectsWhatWazuhCannotCompile() {
        assertThatThrownBy(() -> OsRegex.toJava("a\\qb")).isInstanceOf(UnsupportedRule.class);
        assertThatThrownBy(() -> OsRegex.toJava("((a))")).isInstanceOf(UnsupportedRule.class);
        assertThatThrownBy(() -> OsRegex.toJava("(a|b)")).isInstanceOf(UnsupportedRule.class);
        assertThatThrownBy(() -> OsRegex.toJava("(a")).isInstanceOf(UnsupportedRule.class);
        assertThatThrownBy(() -> OsRegex.toJava("a)")).isInstanceOf(UnsupportedRule.class);
        assertThatThrownBy(() -> OsRegex.toJava("trailing\\")).isInstanceOf(UnsupportedRule.class);
    }

    @Test
    void pcre2IsCaselessInFiveXAndCaseSensitiveWithFourXRegexType() {
        assertThat(pcre2("^PermitRootLogin\\s+no", "permitrootlogin   no")).isTrue();
        assertThat(Pattern.compile(Dialect.V4_PCRE2.regex("^PermitRootLogin"))
                        .matcher("permitrootlogin")
                        .find())
                .isFalse();
        assertThat(pcre2("[[:upper:]]", "a")).isTrue(); // caseless [:upper:] matches every letter, as in PCRE2
        assertThat(pcre2("[[:^digit:]]", "7")).isFalse();
        assertThat(pcre2("^[]a]+$", "]a]")).isTrue(); // ']' first in a class is a member
        assertThat(pcre2("^[a[b]+$", "[ab")).isTrue(); // '[' inside a class is a member, not a union
        assertThat(pcre2("^[a&&b]+$", "&a")).isTrue(); // '&&' inside a class is text, not intersection
        assertThat(pcre2("^x{y}$", "x{y}")).isTrue(); // '{' that is not a quantifier is text
        assertThat(pcre2("^x{2}$", "xx")).isTrue();
        assertThat(pcre2("^[\\b]$", "\b")).isTrue(); // \b in a class is backspace
        assertThat(pcre2("^(?P<n>a)\\1$", "aa")).isTrue();
        assertThat(pcre2("a(?#comment)b", "ab")).isTrue();
        assertThat(pcre2("\\x41\\x{42}", "ab")).isTrue();
        assertThat(pcre2("^\\Qa.b\\E$", "a.b")).isTrue();
    }

    @Test
    void pcre2ConstructsWithoutJavaEquivalentAreUnsupported() {
        for (String pattern :
                new String[] {"(?|a|b)", "a\\Kb", "(?R)", "(?(1)a|b)", "(*UTF)a", "\\g1", "a\\N", "\\012"}) {
            assertThatThrownBy(() -> Pcre2Regex.toJava(pattern, true))
                    .as(pattern)
                    .isInstanceOf(UnsupportedRule.class);
        }
        assertThatThrownBy(() -> Pcre2Regex.toJava("(unclosed", true))
                .isInstanceOf(UnsupportedRule.class)
                .hasMessageContaining("does not compile");
    }

    @Test
    void commandsRunAsWazuhsWordsWithoutAShell() {
        assertThat(CommandLine.translate("sshd -T", false)).isEqualTo(new CommandLine.Translation("sshd -T", false));
        assertThat(CommandLine.translate("find /etc -name *.conf", false))
                .isEqualTo(new CommandLine.Translation("find /etc -name *.conf", false)); // no glob expansion in Wazuh
        assertThat(CommandLine.translate("grep \"a b\" /etc/x\\ y", false))
                .isEqualTo(new CommandLine.Translation("grep 'a b' '/etc/x y'", true));
        assertThat(CommandLine.translate("echo \"it's\" 'single'", false))
                .isEqualTo(new CommandLine.Translation("echo 'it'\\''s' ''\\''single'\\'''", true));
        assertThat(CommandLine.translate("bash -c \"ls | wc -l\"", false))
                .isEqualTo(new CommandLine.Translation("bash -c 'ls | wc -l'", true));
        assertThat(CommandLine.translate("grep -E \"a|b\" /etc/x", false))
                .isEqualTo(new CommandLine.Translation("grep -E 'a|b' /etc/x", true)); // quoted '|' is text
        for (String shellOnly :
                new String[] {"ls | wc", "ls; id", "ls > /tmp/x", "echo $(id)", "echo `id`", "a && b"}) {
            assertThatThrownBy(() -> CommandLine.translate(shellOnly, false))
                    .as(shellOnly)
                    .isInstanceOf(UnsupportedRule.class);
        }
        assertThat(CommandLine.translate("cmd /c dir | findstr x", true))
                .isEqualTo(new CommandLine.Translation("cmd /c dir | findstr x", false));
    }
}
