package io.tenantra.compliance.store;

import io.tenantra.agents.LatestFacts;
import io.tenantra.agents.ProbeAnswers;
import io.tenantra.agents.StoredProbeAnswer;
import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.evaluation.AssetFacts;
import io.tenantra.compliance.evaluation.CheckResult;
import io.tenantra.compliance.evaluation.FactModules;
import io.tenantra.compliance.evaluation.PolicyEvaluator;
import io.tenantra.compliance.evaluation.Verdict;
import io.tenantra.compliance.exceptions.ExceptionSet;
import io.tenantra.compliance.scoring.Scoring;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.CallContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.springframework.stereotype.Service;

/**
 * Judges assets from their stored facts and stores what it found: every enabled check's verdict
 * with evidence, every enabled framework's score per asset, and today's history row of the
 * tenant. Works in batches of {@value #BATCH} assets (one read of facts, one of probe answers, one
 * write transaction per batch, several batches at once), so one scan's asset and a whole fleet
 * after a content change go through the same code; only verdicts that changed are written.
 */
@Service
public class ComplianceEvaluator {

    /** The system actor of every evaluation. */
    public static final String ACTOR = "compliance-evaluator";

    static final int BATCH = 500;

    /** Batches evaluated at once; the database, on the same cores when embedded, takes the rest. */
    static final int WORKERS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private static final AtomicInteger THREADS = new AtomicInteger();

    static final String COMMANDS_BLOCKED =
            "command rules not enabled: an administrator must allow this imported policy's commands first";

    private final LatestFacts facts;
    private final ProbeAnswers answers;
    private final ResultRows results;
    private final ScoreRows scores;
    private final TenantTransactions tx;

    ComplianceEvaluator(
            LatestFacts facts, ProbeAnswers answers, ResultRows results, ScoreRows scores, TenantTransactions tx) {
        this.facts = facts;
        this.answers = answers;
        this.results = results;
        this.scores = scores;
        this.tx = tx;
    }

    /**
     * Evaluates {@code agentIds} of the call's tenant with {@code content} and rolls up the day.
     *
     * @param jobs the job each agent's newest result came from, when known (remembered so a
     *     re-delivered event for the same job is recognised)
     * @param progress told the number of assets done after each batch
     */
    public void evaluate(
            CallContext call,
            List<UUID> agentIds,
            Map<UUID, UUID> jobs,
            ContentCatalog.TenantContent content,
            ExceptionSet exceptions,
            IntConsumer progress) {
        UUID tenantId = call.tenantId();
        // checks() builds its map on each call: once for every framework here.
        java.util.Collection<io.tenantra.compliance.content.Check> checks =
                content.checks().values();
        List<Scoring.Prepared> frameworks = content.frameworks().stream()
                .map(f -> Scoring.prepare(f, checks))
                .toList();
        Set<String> modules = FactModules.readBy(content.policies());
        List<List<UUID>> batches = new ArrayList<>();
        for (int from = 0; from < agentIds.size(); from += BATCH) {
            batches.add(agentIds.subList(from, Math.min(agentIds.size(), from + BATCH)));
        }
        AtomicInteger done = new AtomicInteger();
        Consumer<List<UUID>> work = batch -> {
            evaluateBatch(call, batch, jobs, content, frameworks, modules, exceptions);
            int now = done.addAndGet(batch.size());
            synchronized (progress) {
                progress.accept(now);
            }
        };
        if (batches.size() <= 1) {
            batches.forEach(work);
        } else {
            inParallel(batches, work);
        }
        LocalDate day = LocalDate.ofInstant(call.at(), ZoneOffset.UTC);
        tx.write(call.scope(), () -> {
            scores.rollUp(tenantId, day, call.at());
            return null;
        });
    }

    /**
     * Runs the batches on {@link #WORKERS} threads: one judges (CPU) while another waits on the
     * database, which is where a single thread spent most of a fleet's re-evaluation. Each batch
     * is its own transaction over its own assets, so batches never contend for rows.
     */
    private static void inParallel(List<List<UUID>> batches, Consumer<List<UUID>> work) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(WORKERS, batches.size()), r -> {
            Thread t = new Thread(r, "compliance-evaluation-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            batches.forEach(batch -> running.add(pool.submit(() -> work.accept(batch))));
            for (Future<?> each : running) {
                each.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the evaluation was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void evaluateBatch(
            CallContext call,
            List<UUID> batch,
            Map<UUID, UUID> jobs,
            ContentCatalog.TenantContent content,
            List<Scoring.Prepared> frameworks,
            Set<String> modules,
            ExceptionSet exceptions) {
        UUID tenantId = call.tenantId();
        List<LatestFacts.Asset> assets = facts.assets(call.scope(), tenantId, batch);
        List<UUID> live = assets.stream().map(LatestFacts.Asset::id).toList();
        Map<UUID, List<LatestFacts.ModuleFacts>> stored = facts.latestModules(call.scope(), tenantId, live, modules);
        Map<UUID, Map<String, StoredProbeAnswer>> probes = answers.latest(call.scope(), tenantId, live);

        List<ResultRows.AssetRow> assetRows = new ArrayList<>();
        Map<UUID, List<ResultRows.NewResult>> newResults = new HashMap<>();
        List<ScoreRows.AssetScore> newScores = new ArrayList<>();
        List<UUID> judgedAssets = new ArrayList<>();
        for (LatestFacts.Asset asset : assets) {
            List<LatestFacts.ModuleFacts> ofAsset = stored.getOrDefault(asset.id(), List.of());
            if (ofAsset.isEmpty()) {
                continue; // enrolled but never scanned: nothing to judge yet, and no row claiming otherwise
            }
            judgedAssets.add(asset.id());
            AssetFacts assetFacts = FactsAssembly.assemble(
                    asset.id(), asset.osFamily(), ofAsset, answersOf(probes.getOrDefault(asset.id(), Map.of())));
            UUID scanId = newestScan(ofAsset);
            List<ResultRows.NewResult> judged = judge(content, assetFacts, scanId);
            newResults.put(asset.id(), judged);
            Map<String, CheckResult> checkResults = Scoring.byCheck(
                    judged.stream().map(ResultRows.NewResult::result).toList());
            for (Scoring.Prepared framework : frameworks) {
                newScores.add(AssetScoring.score(framework, checkResults, exceptions, tenantId, asset, call.at()));
            }
            assetRows.add(new ResultRows.AssetRow(
                    asset.id(),
                    asset.name(),
                    asset.hostname(),
                    asset.osFamily(),
                    asset.tags(),
                    jobs.get(asset.id()),
                    scanId,
                    call.at()));
        }
        tx.write(call.scope(), () -> {
            results.upsertAssets(tenantId, assetRows);
            results.replace(tenantId, call.at(), newResults);
            scores.replace(tenantId, judgedAssets, newScores);
            return null;
        });
    }

    /** Every enabled policy's verdicts on one asset; blocked command checks are errors, never run. */
    static List<ResultRows.NewResult> judge(ContentCatalog.TenantContent content, AssetFacts facts, UUID scanId) {
        List<ResultRows.NewResult> judged = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Policy policy : content.policies()) {
            boolean blocked = content.commandsBlocked().contains(policy.id());
            Map<String, Check> byId = new HashMap<>();
            List<Check> runnable = new ArrayList<>();
            List<CheckResult> policyResults = new ArrayList<>();
            for (Check check : policy.checks()) {
                byId.put(check.id(), check);
                if (blocked && check.commandRules()) {
                    policyResults.add(
                            new CheckResult(check.id(), check.version(), Verdict.ERROR, COMMANDS_BLOCKED, List.of()));
                } else {
                    runnable.add(check);
                }
            }
            Policy toRun = runnable.size() == policy.checks().size()
                    ? policy
                    : new Policy(
                            policy.id(),
                            policy.version(),
                            policy.title(),
                            policy.description(),
                            policy.origin(),
                            policy.requirements(),
                            policy.variables(),
                            runnable,
                            policy.problems());
            policyResults.addAll(PolicyEvaluator.evaluate(toRun, facts));
            for (CheckResult result : policyResults) {
                Check check = byId.get(result.checkId());
                // One verdict per check id and asset: the first enabled policy that declares it.
                if (check != null && seen.add(result.checkId())) {
                    judged.add(new ResultRows.NewResult(
                            policy.id(),
                            policy.version() == null ? "" : policy.version(),
                            check.title() == null ? check.id() : check.title(),
                            check.severity() == null
                                    ? "MEDIUM"
                                    : check.severity().name(),
                            result,
                            scanId));
                }
            }
        }
        return judged;
    }

    private static Map<String, FactsAssembly.ProbeAnswer> answersOf(Map<String, StoredProbeAnswer> stored) {
        Map<String, FactsAssembly.ProbeAnswer> answers = new HashMap<>();
        stored.forEach((id, answer) -> answers.put(
                id,
                new FactsAssembly.ProbeAnswer(
                        answer.result(), new AssetFacts.Observation(answer.scanId(), answer.observedAt()))));
        return answers;
    }

    private static UUID newestScan(List<LatestFacts.ModuleFacts> modules) {
        return modules.stream()
                .max(java.util.Comparator.comparing(LatestFacts.ModuleFacts::collectedAt))
                .map(LatestFacts.ModuleFacts::scanId)
                .orElse(null);
    }
}
