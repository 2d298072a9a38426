package io.tenantra.compliance.scoring;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.evaluation.CheckResult;
import io.tenantra.compliance.evaluation.Verdict;
import io.tenantra.compliance.exceptions.ActiveException;
import io.tenantra.compliance.exceptions.ExceptionSet;
import io.tenantra.compliance.frameworks.Control;
import io.tenantra.compliance.frameworks.Framework;
import io.tenantra.compliance.frameworks.Mappings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The scoring rules, as pure functions (see docs/compliance.md, "Scoring"). A control's status
 * comes from the verdicts of the checks mapped to it ({@link ControlOutcome}); the score is
 * {@code 100 × Σ weight(PASS controls) / Σ weight(PASS and FAIL controls)}, so NOT_APPLICABLE,
 * ERROR and NOT_EVALUATED controls never move it. Every score is computed twice: without
 * exceptions (the results as judged) and with them (an ACCEPT counts its FAIL as PASS; an
 * OVERRIDE counts its NOT_APPLICABLE as PASS or FAIL). Results of unsupported checks, and
 * UNSUPPORTED verdicts, are ignored.
 */
public final class Scoring {

    private Scoring() {}

    /**
     * One asset's status per control and score in {@code framework}.
     *
     * @param checks the checks whose mappings link results to controls (others may be included;
     *     only their mappings to this framework matter)
     * @param results the asset's latest result per check (one per check id)
     * @param exceptions the exceptions in force for the asset's tenant now
     * @throws IllegalArgumentException when two results name the same check
     */
    public static AssetFrameworkScore scoreAsset(
            Framework framework,
            Collection<Check> checks,
            ScoredAsset asset,
            Collection<CheckResult> results,
            ExceptionSet exceptions) {
        return scoreAsset(prepare(framework, checks), asset, results, exceptions);
    }

    /**
     * A framework with the checks mapped to each of its controls, worked out once for scoring many
     * assets with the same content (a fleet's re-evaluation scores thousands).
     */
    public record Prepared(Framework framework, Map<String, List<Check>> checksByControl) {}

    public static Prepared prepare(Framework framework, Collection<Check> checks) {
        return new Prepared(framework, checksByControl(framework, checks));
    }

    /** As {@link #scoreAsset(Framework, Collection, ScoredAsset, Collection, ExceptionSet)}, prepared. */
    public static AssetFrameworkScore scoreAsset(
            Prepared prepared, ScoredAsset asset, Collection<CheckResult> results, ExceptionSet exceptions) {
        return scoreAsset(prepared, asset, byCheck(results), exceptions);
    }

    /** One asset's results by check id, for scoring it against several frameworks without redoing this. */
    public static Map<String, CheckResult> byCheck(Collection<CheckResult> results) {
        Map<String, CheckResult> resultByCheck = new HashMap<>();
        for (CheckResult result : results) {
            if (resultByCheck.put(result.checkId(), result) != null) {
                throw new IllegalArgumentException("two results for check " + result.checkId());
            }
        }
        return resultByCheck;
    }

    /** As {@link #scoreAsset(Prepared, ScoredAsset, Collection, ExceptionSet)}, results by check id. */
    public static AssetFrameworkScore scoreAsset(
            Prepared prepared, ScoredAsset asset, Map<String, CheckResult> resultByCheck, ExceptionSet exceptions) {
        Framework framework = prepared.framework();
        Map<String, List<Check>> checksByControl = prepared.checksByControl();
        ExceptionSet active = exceptions == null ? ExceptionSet.NONE : exceptions;
        Map<String, Judged> judgedByCheck = new HashMap<>();
        List<ControlStatus> statuses = new ArrayList<>(framework.controls().size());
        Map<String, ExceptedCheck> exceptedChecks = new TreeMap<>();
        List<String> exceptedControls = new ArrayList<>();
        Tally without = new Tally();
        Tally with = new Tally();
        for (Control control : framework.controls()) {
            Map<String, Verdict> verdicts = new TreeMap<>();
            List<String> withoutResult = new ArrayList<>();
            List<Verdict> asJudged = new ArrayList<>();
            List<Verdict> asCounted = new ArrayList<>();
            List<ExceptedCheck> excepted = new ArrayList<>();
            for (Check check : checksByControl.getOrDefault(control.id(), List.of())) {
                CheckResult result = resultByCheck.get(check.id());
                if (result == null) {
                    withoutResult.add(check.id());
                    continue;
                }
                Judged judged = judgedByCheck.computeIfAbsent(check.id(), id -> judge(check, result, asset, active));
                verdicts.put(check.id(), judged.verdict());
                asJudged.add(judged.verdict());
                asCounted.add(judged.counted());
                if (judged.exception() != null) {
                    excepted.add(judged.exception());
                    exceptedChecks.put(check.id(), judged.exception());
                }
            }
            ControlOutcome outcome = outcome(asJudged);
            ControlOutcome outcomeWith = outcome(asCounted);
            without.add(outcome, control.weight());
            with.add(outcomeWith, control.weight());
            if (!excepted.isEmpty()) {
                exceptedControls.add(control.id());
            }
            withoutResult.sort(null);
            statuses.add(new ControlStatus(
                    control.id(),
                    control.title(),
                    control.family(),
                    control.weight(),
                    control.manual(),
                    outcome,
                    outcomeWith,
                    java.util.Collections.unmodifiableMap(verdicts),
                    withoutResult,
                    excepted));
        }
        return new AssetFrameworkScore(
                asset.tenantId(),
                asset.assetId(),
                framework.id(),
                statuses,
                without.summary(),
                with.summary(),
                List.copyOf(exceptedChecks.values()),
                exceptedControls);
    }

    /**
     * A tenant's standing in a framework from its assets' scores (see {@link RollUp} for the mean
     * and the pooled score).
     *
     * @throws IllegalArgumentException when a score belongs to another tenant or framework, or an
     *     asset appears twice
     */
    public static TenantFrameworkScore rollUpTenant(
            UUID tenantId, String frameworkId, Collection<AssetFrameworkScore> assets) {
        RollUp without = RollUp.EMPTY;
        RollUp with = RollUp.EMPTY;
        Set<UUID> seen = new HashSet<>();
        for (AssetFrameworkScore asset : assets) {
            if (!asset.tenantId().equals(tenantId) || !asset.frameworkId().equals(frameworkId)) {
                throw new IllegalArgumentException("asset " + asset.assetId() + " is scored for tenant "
                        + asset.tenantId() + " and framework " + asset.frameworkId());
            }
            if (!seen.add(asset.assetId())) {
                throw new IllegalArgumentException("asset " + asset.assetId() + " appears twice");
            }
            without = without.plus(asset.withoutExceptions());
            with = with.plus(asset.withExceptions());
        }
        return new TenantFrameworkScore(tenantId, frameworkId, without, with);
    }

    /**
     * An MSP subtree's standing in a framework from the roll-ups of its tenants (the root and every
     * descendant the caller includes): their sums added, so each tenant weighs by its asset count.
     *
     * @throws IllegalArgumentException when a roll-up is for another framework or a tenant appears twice
     */
    public static SubtreeFrameworkScore rollUpSubtree(
            UUID rootTenantId, String frameworkId, Collection<TenantFrameworkScore> tenants) {
        RollUp without = RollUp.EMPTY;
        RollUp with = RollUp.EMPTY;
        Set<UUID> seen = new HashSet<>();
        for (TenantFrameworkScore tenant : tenants) {
            if (!tenant.frameworkId().equals(frameworkId)) {
                throw new IllegalArgumentException(
                        "tenant " + tenant.tenantId() + " is scored for framework " + tenant.frameworkId());
            }
            if (!seen.add(tenant.tenantId())) {
                throw new IllegalArgumentException("tenant " + tenant.tenantId() + " appears twice");
            }
            without = without.plus(tenant.withoutExceptions());
            with = with.plus(tenant.withExceptions());
        }
        return new SubtreeFrameworkScore(rootTenantId, frameworkId, seen.size(), without, with);
    }

    /** The control status from the verdicts of its mapped checks (the order of precedence matters). */
    static ControlOutcome outcome(Collection<Verdict> verdicts) {
        if (verdicts.contains(Verdict.FAIL)) {
            return ControlOutcome.FAIL;
        }
        if (verdicts.contains(Verdict.PASS)) {
            return ControlOutcome.PASS;
        }
        if (verdicts.contains(Verdict.ERROR)) {
            return ControlOutcome.ERROR;
        }
        if (verdicts.contains(Verdict.NOT_APPLICABLE)) {
            return ControlOutcome.NOT_APPLICABLE;
        }
        return ControlOutcome.NOT_EVALUATED;
    }

    /** The checks mapped to each control of the framework, in the order given; unknown control ids are ignored. */
    private static Map<String, List<Check>> checksByControl(Framework framework, Collection<Check> checks) {
        Set<String> known = new HashSet<>();
        framework.controls().forEach(control -> known.add(control.id()));
        Map<String, List<Check>> byControl = new LinkedHashMap<>();
        for (Check check : checks) {
            for (String controlId : new HashSet<>(Mappings.controlsOf(check, framework.id()))) {
                if (known.contains(controlId)) {
                    byControl
                            .computeIfAbsent(controlId, id -> new ArrayList<>())
                            .add(check);
                }
            }
        }
        return byControl;
    }

    /** A check's verdict as judged, as counted with exceptions, and the exception that made the difference. */
    private record Judged(Verdict verdict, Verdict counted, ExceptedCheck exception) {}

    private static Judged judge(Check check, CheckResult result, ScoredAsset asset, ExceptionSet exceptions) {
        Verdict verdict = check.supported() ? result.verdict() : Verdict.UNSUPPORTED;
        Optional<ActiveException> applying =
                exceptions.applying(asset.tenantId(), asset.assetId(), asset.tags(), check.id(), verdict);
        if (applying.isEmpty()) {
            return new Judged(verdict, verdict, null);
        }
        ActiveException exception = applying.get();
        Verdict counted = switch (exception.kind()) {
            case ACCEPT -> Verdict.PASS;
            // An override to anything but PASS or FAIL would be meaningless; the store refuses it, and
            // here it leaves the verdict alone rather than guess.
            case OVERRIDE ->
                exception.overrideTo() == Verdict.PASS || exception.overrideTo() == Verdict.FAIL
                        ? exception.overrideTo()
                        : verdict;
        };
        if (counted == verdict) {
            return new Judged(verdict, verdict, null);
        }
        return new Judged(
                verdict,
                counted,
                new ExceptedCheck(check.id(), exception.id(), exception.kind(), verdict, counted, exception.reason()));
    }

    /** Counts and weights of one view while the controls are walked. */
    private static final class Tally {
        private final List<ControlOutcome> outcomes = new ArrayList<>();
        private double passWeight;
        private double failWeight;

        void add(ControlOutcome outcome, double weight) {
            outcomes.add(outcome);
            if (outcome == ControlOutcome.PASS) {
                passWeight += weight;
            } else if (outcome == ControlOutcome.FAIL) {
                failWeight += weight;
            }
        }

        ScoreSummary summary() {
            return ScoreSummary.of(StatusCounts.of(outcomes), passWeight, failWeight);
        }
    }
}
