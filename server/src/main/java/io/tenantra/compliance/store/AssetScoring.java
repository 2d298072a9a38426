package io.tenantra.compliance.store;

import io.tenantra.agents.LatestFacts;
import io.tenantra.compliance.evaluation.CheckResult;
import io.tenantra.compliance.exceptions.ExceptionSet;
import io.tenantra.compliance.scoring.AssetFrameworkScore;
import io.tenantra.compliance.scoring.ScoredAsset;
import io.tenantra.compliance.scoring.Scoring;
import io.tenantra.compliance.scoring.StatusCounts;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Turns the scoring rules' answer for one asset and framework into the row the store keeps. */
final class AssetScoring {

    private AssetScoring() {}

    static ScoreRows.AssetScore score(
            Scoring.Prepared framework,
            Map<String, CheckResult> results,
            ExceptionSet exceptions,
            UUID tenantId,
            LatestFacts.Asset asset,
            Instant at) {
        AssetFrameworkScore score =
                Scoring.scoreAsset(framework, new ScoredAsset(tenantId, asset.id(), asset.tags()), results, exceptions);
        StatusCounts without = score.withoutExceptions().controls();
        StatusCounts with = score.withExceptions().controls();
        return new ScoreRows.AssetScore(
                asset.id(),
                framework.framework().id(),
                without.pass(),
                without.fail(),
                without.notApplicable(),
                without.error(),
                with.pass(),
                with.fail(),
                score.withoutExceptions().score(),
                score.withExceptions().score(),
                at);
    }
}
