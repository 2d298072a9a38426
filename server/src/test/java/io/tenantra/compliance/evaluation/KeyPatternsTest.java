package io.tenantra.compliance.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A key pattern's literal set answers exactly as the regular expression would, or there is no set. */
class KeyPatternsTest {

    @Test
    void anchoredLiteralsGroupsAndOptionalsExpand() {
        assertThat(KeyPatterns.literalKeys("^(vsftpd|proftpd|pure-ftpd)\\.service$"))
                .containsExactlyInAnyOrder("vsftpd.service", "proftpd.service", "pure-ftpd.service");
        assertThat(KeyPatterns.literalKeys("^tftp(d-hpa)?\\.(service|socket)$"))
                .containsExactlyInAnyOrder("tftp.service", "tftp.socket", "tftpd-hpa.service", "tftpd-hpa.socket");
        assertThat(KeyPatterns.literalKeys("^/(usr/)?sbin/(auditctl|auditd)$"))
                .containsExactlyInAnyOrder("/sbin/auditctl", "/sbin/auditd", "/usr/sbin/auditctl", "/usr/sbin/auditd");
        assertThat(KeyPatterns.literalKeys("^n?talk\\.(?:socket|service)$"))
                .containsExactlyInAnyOrder("talk.socket", "talk.service", "ntalk.socket", "ntalk.service");
        assertThat(KeyPatterns.literalKeys("^$")).containsExactly("");
    }

    @Test
    void anythingElseIsLeftToTheRegularExpression() {
        for (String regex : List.of(
                "vsftpd\\.service$", // not anchored at the start
                "^vsftpd\\.service", // nor at the end
                "^a|b$", // the anchors bind to a and b alone
                "^a.b$",
                "^a\\d$",
                "^[ab]$",
                "^a*$",
                "^a+$",
                "^a{2}$",
                "^(?=a)a$",
                "^(?i)a$",
                "^a\\$",
                "^(a|b$",
                "^(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)$")) { // 1,024 keys: over the bound
            assertThat(KeyPatterns.literalKeys(regex)).as(regex).isNull();
        }
    }

    @Test
    void theSetAnswersAsFindWouldForEveryKey() {
        List<String> patterns = List.of(
                "^(vsftpd|proftpd)\\.service$",
                "^tftp(d-hpa)?\\.(service|socket)$",
                "^/(usr/)?sbin/(auditctl|auditd)$",
                "^a\\.b\\-c\\/d$",
                "^(x|)y$");
        List<String> keys = List.of(
                "vsftpd.service",
                "vsftpd.service\n",
                "xvsftpd.service",
                "vsftpd.services",
                "vsftpdXservice",
                "tftp.socket",
                "tftpd-hpa.service",
                "tftpd-hpa.service\r\n",
                "/usr/sbin/auditd",
                "/usr/usr/sbin/auditd",
                "a.b-c/d",
                "y",
                "xy",
                "",
                "xyz");
        for (String regex : patterns) {
            Set<String> literal = KeyPatterns.literalKeys(regex);
            assertThat(literal).as(regex).isNotNull();
            Pattern pattern = Pattern.compile(regex);
            for (String key : keys) {
                boolean byRegex = pattern.matcher(key).find();
                boolean bySet = KeyPatterns.answersFor(key) ? literal.contains(key) : byRegex;
                assertThat(bySet)
                        .as(regex + " on " + key.replace("\n", "\\n").replace("\r", "\\r"))
                        .isEqualTo(byRegex);
            }
            assertThat(keys.stream().anyMatch(k -> !KeyPatterns.answersFor(k))).isTrue();
        }
    }
}
