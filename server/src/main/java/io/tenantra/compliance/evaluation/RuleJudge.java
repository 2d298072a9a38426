package io.tenantra.compliance.evaluation;

import io.tenantra.compliance.content.AttributeTest;
import io.tenantra.compliance.content.Condition;
import io.tenantra.compliance.content.FactRule;
import io.tenantra.compliance.content.Operator;
import io.tenantra.compliance.content.ProbeRule;
import io.tenantra.compliance.content.Rule;
import io.tenantra.compliance.content.RuleTexts;
import io.tenantra.model.Item;
import io.tenantra.model.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Judges one rule against an asset's facts. A fact rule selects items (type, key or key pattern,
 * {@code where} tests), applies its test to each and combines them by its quantifier; nothing
 * selected gives the rule's {@code missing} outcome; a module that has not reported makes it an
 * error. A probe rule holds when its probe was FOUND; an ERROR or REFUSED answer, or none yet,
 * makes it an error. {@code not} then inverts held and not held, never an error.
 */
final class RuleJudge {

    /** At most this many items are quoted in one piece of evidence. */
    static final int EVIDENCE_ITEMS = 5;

    private static final int EVIDENCE_CHARS = 2000;

    private RuleJudge() {}

    static RuleJudgement judge(Rule rule, AssetFacts facts) {
        String text = rule.text() == null ? RuleTexts.describe(rule) : rule.text();
        return rule instanceof FactRule fact ? fact(fact, text, facts) : probe((ProbeRule) rule, text, facts);
    }

    private static RuleJudgement fact(FactRule rule, String text, AssetFacts facts) {
        AssetFacts.Observation seen =
                rule.module() == null ? null : facts.observations().get(rule.module());
        String expected = expected(rule);
        if (rule.module() != null && !facts.modulesReported().contains(rule.module())) {
            String reason = "the " + rule.module() + " module has not reported on this asset";
            return judgement(Outcome.ERROR, reason, text, "(not collected)", expected, rule.type(), seen);
        }
        List<Item> selected = new ArrayList<>();
        Pattern keyPattern;
        try {
            keyPattern = rule.keyPattern() == null ? null : AttributeComparison.compiled(rule.keyPattern());
        } catch (PatternSyntaxException e) {
            return judgement(
                    Outcome.ERROR,
                    "key_matches is not a valid regular expression",
                    text,
                    "",
                    expected,
                    rule.type(),
                    seen);
        }
        Set<String> literalKeys = rule.keyPattern() == null ? null : KeyPatterns.literalKeys(rule.keyPattern());
        List<Item> candidates = candidates(rule, facts);
        for (Item item : candidates) {
            if (keyPattern != null && !keyMatches(item.key(), keyPattern, literalKeys)) {
                continue;
            }
            Outcome where = Outcome.HELD;
            for (AttributeTest test : rule.where()) {
                AttributeComparison.Result result = AttributeComparison.apply(test, item);
                if (result.outcome() == Outcome.ERROR) {
                    return judgement(
                            Outcome.ERROR,
                            "where " + test.attribute() + " on " + item.key() + ": " + result.error(),
                            text,
                            result.observed(),
                            expected,
                            source(rule.type(), item),
                            seen);
                }
                if (result.outcome() != Outcome.HELD) {
                    where = Outcome.NOT_HELD;
                    break;
                }
            }
            if (where == Outcome.HELD) {
                selected.add(item);
            }
        }
        if (selected.isEmpty()) {
            Outcome outcome = switch (rule.whenMissing()) {
                case PASS -> Outcome.HELD;
                case FAIL -> Outcome.NOT_HELD;
                case NOT_APPLICABLE -> Outcome.NOT_APPLICABLE;
            };
            outcome = rule.negated() ? outcome.negate() : outcome;
            String reason = "no " + rule.type() + " item" + (rule.key() != null ? " '" + rule.key() + "'" : "")
                    + " on this asset";
            return judgement(outcome, reason, text, "(none)", expected, rule.type(), seen);
        }
        List<Outcome> outcomes = new ArrayList<>();
        List<String> deciding = new ArrayList<>();
        List<String> others = new ArrayList<>();
        String firstError = null;
        for (Item item : selected) {
            AttributeComparison.Result result = rule.test() == null
                    ? new AttributeComparison.Result(Outcome.HELD, "present", null)
                    : AttributeComparison.apply(rule.test(), item);
            outcomes.add(result.outcome());
            String quoted = item.key() + ": " + result.observed();
            boolean decides = switch (rule.expect()) {
                case ALL -> result.outcome() != Outcome.HELD;
                case ANY -> result.outcome() != Outcome.NOT_HELD;
                case NONE -> result.outcome() != Outcome.NOT_HELD;
            };
            (decides ? deciding : others).add(quoted);
            if (result.outcome() == Outcome.ERROR && firstError == null) {
                firstError = item.key() + ": " + result.error();
            }
        }
        Outcome combined = Conditions.combine(Condition.valueOf(rule.expect().name()), outcomes);
        Outcome outcome = rule.negated() ? combined.negate() : combined;
        List<String> quoted = new ArrayList<>(deciding);
        quoted.addAll(others);
        String observed = quote(quoted);
        String reason = switch (combined) {
            case ERROR -> firstError;
            case HELD -> selected.size() + " " + rule.type() + " item(s) checked: " + observed;
            default -> "observed " + observed;
        };
        String source = selected.size() == 1
                ? source(rule.type(), selected.get(0))
                : rule.type() + " (" + selected.size() + " items)";
        return judgement(outcome, reason, text, observed, expected, source, seen);
    }

    private static boolean keyMatches(String key, Pattern pattern, Set<String> literalKeys) {
        return literalKeys != null && KeyPatterns.answersFor(key)
                ? literalKeys.contains(key)
                : pattern.matcher(key).find();
    }

    private static RuleJudgement probe(ProbeRule rule, String text, AssetFacts facts) {
        String id = rule.probe().id();
        ProbeResult answer = facts.probeResults().get(id);
        AssetFacts.Observation seen = facts.observations().get(id);
        String expected = rule.negated() ? "not found" : "found";
        if (answer == null) {
            return judgement(Outcome.ERROR, "probe not answered yet", text, "(no answer)", expected, id, null);
        }
        String evidence = answer.evidence() == null ? "" : answer.evidence();
        return switch (answer.outcome()) {
            case FOUND, NOT_FOUND -> {
                Outcome outcome = Outcome.of(answer.outcome() == io.tenantra.model.ProbeOutcome.FOUND);
                outcome = rule.negated() ? outcome.negate() : outcome;
                String observed = answer.outcome() == io.tenantra.model.ProbeOutcome.FOUND ? "found" : "not found";
                yield judgement(
                        outcome,
                        observed + (evidence.isEmpty() ? "" : ": " + evidence),
                        text,
                        evidence.isEmpty() ? observed : observed + ": " + evidence,
                        expected,
                        id,
                        seen);
            }
            case ERROR ->
                judgement(
                        Outcome.ERROR,
                        "the probe failed on the agent: " + message(answer),
                        text,
                        evidence,
                        expected,
                        id,
                        seen);
            case REFUSED ->
                judgement(
                        Outcome.ERROR,
                        "the agent refused the probe: " + message(answer),
                        text,
                        evidence,
                        expected,
                        id,
                        seen);
        };
    }

    private static String message(ProbeResult answer) {
        return answer.message() == null || answer.message().isBlank() ? "no reason given" : answer.message();
    }

    private static String expected(FactRule rule) {
        if (rule.test() == null) {
            return rule.expect() == io.tenantra.compliance.content.Quantifier.NONE ? "no such item" : "item present";
        }
        String quantifier = switch (rule.expect()) {
            case ALL -> "every item: ";
            case ANY -> "some item: ";
            case NONE -> "no item: ";
        };
        return (rule.negated() ? "not " : "") + quantifier + RuleTexts.describeTest(rule.test());
    }

    private static String source(String type, Item item) {
        return type + " " + item.key();
    }

    private static String quote(List<String> values) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (String value : values) {
            if (shown == EVIDENCE_ITEMS || text.length() > EVIDENCE_CHARS) {
                text.append("; … ").append(values.size() - shown).append(" more");
                break;
            }
            text.append(shown == 0 ? "" : "; ").append(value);
            shown++;
        }
        return text.length() > EVIDENCE_CHARS + 100 ? text.substring(0, EVIDENCE_CHARS) + "…" : text.toString();
    }

    private static RuleJudgement judgement(
            Outcome outcome,
            String reason,
            String text,
            String observed,
            String expected,
            String source,
            AssetFacts.Observation seen) {
        Evidence evidence = new Evidence(
                text,
                outcome == Outcome.HELD,
                observed,
                expected,
                source,
                seen == null ? null : seen.scanId(),
                seen == null ? null : seen.at());
        return new RuleJudgement(outcome, reason, evidence);
    }

    /**
     * The items a fact rule can select, found by index where the rule says how: by key, or by the
     * first {@code where} test that is a text equality. Every {@code where} test still runs on them.
     */
    private static List<Item> candidates(FactRule rule, AssetFacts facts) {
        if (rule.key() != null) {
            return facts.items(rule.type(), rule.key());
        }
        for (AttributeTest test : rule.where()) {
            if (test.operator() == Operator.EQUALS
                    && test.expected() instanceof String text
                    && !text.isEmpty()
                    && !test.attribute().equals("key")) {
                return facts.itemsWhere(rule.type(), test.attribute(), text);
            }
        }
        return facts.items(rule.type());
    }
}
