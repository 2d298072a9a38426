package io.tenantra.compliance.evaluation;

import static io.tenantra.compliance.evaluation.Verdict.ERROR;
import static io.tenantra.compliance.evaluation.Verdict.FAIL;
import static io.tenantra.compliance.evaluation.Verdict.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.content.Condition;
import io.tenantra.compliance.content.FactRule;
import io.tenantra.compliance.content.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fact-rule operator on one item, as written and negated: {@code not} swaps pass and fail
 * and leaves an error an error.
 */
class FactRuleOperatorsTest {

    private static final Object MISSING = new Object();

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        add(cases, Operator.EQUALS, "no", "no", PASS);
        add(cases, Operator.EQUALS, "no", "yes", FAIL);
        add(cases, Operator.EQUALS, 1L, "1.0", PASS);
        add(cases, Operator.EQUALS, "1", 1, PASS);
        add(cases, Operator.EQUALS, true, true, PASS);
        add(cases, Operator.EQUALS, "no", MISSING, FAIL);
        add(cases, Operator.EQUALS, "no", List.of("no"), ERROR);
        add(cases, Operator.NOT_EQUALS, "no", "yes", PASS);
        add(cases, Operator.NOT_EQUALS, "no", "no", FAIL);
        add(cases, Operator.NOT_EQUALS, "no", MISSING, PASS);
        add(cases, Operator.MATCHES, "^(?i)no$", "No", PASS);
        add(cases, Operator.MATCHES, "sha512", "yescrypt", FAIL);
        add(cases, Operator.NOT_MATCHES, "md5|des", "sha512", PASS);
        add(cases, Operator.NOT_MATCHES, "md5|des", "md5", FAIL);
        add(cases, Operator.LT, 366L, 99999, FAIL);
        add(cases, Operator.LT, 366L, "365", PASS);
        add(cases, Operator.LT, 366L, "unlimited", ERROR);
        add(cases, Operator.LE, 4L, 4, PASS);
        add(cases, Operator.LE, 4L, 5, FAIL);
        add(cases, Operator.GT, 0L, 1, PASS);
        add(cases, Operator.GT, 0L, 0, FAIL);
        add(cases, Operator.GE, 7.5, 7.5, PASS);
        add(cases, Operator.GE, 7.5, 7, FAIL);
        add(cases, Operator.GE, 7.5, true, ERROR);
        add(cases, Operator.GE, 7.5, MISSING, FAIL);
        add(cases, Operator.IN, List.of(0L, "off"), "off", PASS);
        add(cases, Operator.IN, List.of(0L, "off"), 0, PASS);
        add(cases, Operator.IN, List.of(0L, "off"), "on", FAIL);
        add(cases, Operator.NOT_IN, List.of("/bin/false", "/usr/sbin/nologin"), "/bin/bash", PASS);
        add(cases, Operator.NOT_IN, List.of("/bin/false", "/usr/sbin/nologin"), "/bin/false", FAIL);
        add(cases, Operator.NOT_IN, List.of("/bin/false"), MISSING, PASS);
        add(cases, Operator.CONTAINS, "wheel", List.of("sudo", "wheel"), PASS);
        add(cases, Operator.CONTAINS, "wheel", List.of("sudo"), FAIL);
        add(cases, Operator.CONTAINS, "nodev", "rw,nodev,nosuid", PASS);
        add(cases, Operator.CONTAINS, "noexec", "rw,nodev,nosuid", FAIL);
        add(cases, Operator.CONTAINS, "x", Map.of("x", 1), ERROR);
        add(cases, Operator.NOT_CONTAINS, "wheel", List.of("users"), PASS);
        add(cases, Operator.NOT_CONTAINS, "wheel", List.of("wheel"), FAIL);
        add(cases, Operator.EXISTS, null, "", PASS);
        add(cases, Operator.EXISTS, null, MISSING, FAIL);
        add(cases, Operator.ABSENT, null, MISSING, PASS);
        add(cases, Operator.ABSENT, null, "x", FAIL);
        return cases.stream();
    }

    private static void add(
            List<Arguments> cases, Operator operator, Object expected, Object observed, Verdict verdict) {
        cases.add(Arguments.of(operator, expected, observed, verdict));
    }

    @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
    @MethodSource("cases")
    void operatorAndItsNegation(Operator operator, Object expected, Object observed, Verdict verdict) {
        FactRule rule = Checks.fact("value", operator, expected);
        TestFacts facts = TestFacts.debian12();
        if (observed == MISSING) {
            facts.item("config", "setting", "k", "other", "x");
        } else {
            facts.item("config", "setting", "k", "value", observed);
        }
        AssetFacts built = facts.build();
        assertThat(CheckEvaluator.evaluate(Checks.of(Condition.ALL, rule), built)
                        .verdict())
                .isEqualTo(verdict);
        Verdict negated = verdict == PASS ? FAIL : verdict == FAIL ? PASS : verdict;
        assertThat(CheckEvaluator.evaluate(Checks.of(Condition.ALL, Checks.negate(rule)), built)
                        .verdict())
                .isEqualTo(negated);
    }

    static Stream<Arguments> versions() {
        return Stream.of(
                Arguments.of(Operator.VERSION_LT, "dpkg", "1:1.0-1", "2.0-1", FAIL),
                Arguments.of(Operator.VERSION_LT, "dpkg", "3.0.11-1~deb12u2", "3.0.11-1", PASS),
                Arguments.of(Operator.VERSION_LE, "dpkg", "3.0.11-1", "3.0.11-1", PASS),
                Arguments.of(Operator.VERSION_GT, "rpm", "1.0.2k-25.el7_9", "1.0.2k-19.el7", PASS),
                Arguments.of(Operator.VERSION_GE, "rpm", "1.0~rc1-1", "1.0-1", FAIL),
                Arguments.of(Operator.VERSION_GE, "apk", "1.0-r0", "1.0-r0", ERROR));
    }

    @ParameterizedTest(name = "{0}: {1} {2} vs {3} -> {4}")
    @MethodSource("versions")
    void versionOperatorsUseTheItemsPackageManager(
            Operator operator, String manager, String observed, String expected, Verdict verdict) {
        FactRule rule = Checks.fact("version", operator, expected);
        AssetFacts facts = TestFacts.debian12()
                .item("config", "setting", "k", "manager", manager, "version", observed)
                .build();
        assertThat(CheckEvaluator.evaluate(Checks.of(Condition.ALL, rule), facts)
                        .verdict())
                .isEqualTo(verdict);
    }

    @ParameterizedTest(name = "attribute {0}")
    @MethodSource("paths")
    void attributesAreTheKeyOrADottedPath(String attribute, Object expected) {
        AssetFacts facts = TestFacts.debian12()
                .item("config", "setting", "k", "mount", Map.of("options", "nodev"), "plain.dotted", "yes")
                .build();
        FactRule rule = Checks.fact(attribute, Operator.EQUALS, expected);
        assertThat(CheckEvaluator.evaluate(Checks.of(Condition.ALL, rule), facts)
                        .verdict())
                .isEqualTo(PASS);
    }

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("key", "k"), Arguments.of("mount.options", "nodev"), Arguments.of("plain.dotted", "yes"));
    }
}
