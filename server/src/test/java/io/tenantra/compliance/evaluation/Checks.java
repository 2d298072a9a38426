package io.tenantra.compliance.evaluation;

import io.tenantra.compliance.content.AttributeTest;
import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.CheckFormat;
import io.tenantra.compliance.content.Condition;
import io.tenantra.compliance.content.FactRule;
import io.tenantra.compliance.content.Operator;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.content.PolicyOrigin;
import io.tenantra.compliance.content.ProbeRule;
import io.tenantra.compliance.content.Probes;
import io.tenantra.compliance.content.Quantifier;
import io.tenantra.compliance.content.Rule;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeKind;
import io.tenantra.model.Severity;
import java.util.List;

/** Small checks for evaluator tests, built directly or from a few lines of our format. */
final class Checks {

    private Checks() {}

    static Check of(Condition condition, Rule... rules) {
        return new Check(
                "t-check",
                3,
                "Test check",
                null,
                null,
                Severity.MEDIUM,
                null,
                condition,
                List.of(rules),
                null,
                null,
                null,
                null,
                null);
    }

    static FactRule fact(String attribute, Operator operator, Object expected) {
        return new FactRule(
                "config",
                "setting",
                "k",
                null,
                List.of(),
                new AttributeTest(attribute, operator, expected),
                Quantifier.ALL,
                FactRule.MissingItems.FAIL,
                false,
                null);
    }

    static FactRule negate(FactRule r) {
        return new FactRule(
                r.module(),
                r.type(),
                r.key(),
                r.keyPattern(),
                r.where(),
                r.test(),
                r.expect(),
                r.whenMissing(),
                !r.negated(),
                r.text());
    }

    static Probe file(String path) {
        return Probes.probe(ProbeKind.FILE, List.of(path), null, null, List.of(), false, 0);
    }

    static ProbeRule probe(Probe probe, boolean negated) {
        return new ProbeRule(probe, negated, null);
    }

    /** One check from the body of a {@code checks:} entry (indented by four spaces). */
    static Check yaml(String body) {
        String file = "format: tenantra/checks@1\npolicy: {id: t, version: '1', title: T}\nchecks:\n  - id: t-check\n"
                + "    title: Test check\n    severity: low\n" + body;
        Policy policy = CheckFormat.parse("test.yaml", file, PolicyOrigin.IMPORTED_TENANTRA);
        return policy.checks().get(0);
    }
}
