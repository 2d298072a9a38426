package io.tenantra.compliance.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tenant and MSP subtree roll-ups: mean of asset scores, pooled control weights, asset-count weighting. */
class RollUpTest {

    static final String FW = "fw";

    /** An asset score with the given pass and fail weights (and as many counted controls). */
    static AssetFrameworkScore asset(UUID tenant, int pass, int fail, int notApplicable) {
        ScoreSummary summary = ScoreSummary.of(new StatusCounts(pass, fail, notApplicable, 0, 0), pass, fail);
        return new AssetFrameworkScore(
                tenant, UUID.randomUUID(), FW, List.of(), summary, summary, List.of(), List.of());
    }

    static AssetFrameworkScore assetWithExceptions(UUID tenant, int pass, int fail, int passWith, int failWith) {
        return new AssetFrameworkScore(
                tenant,
                UUID.randomUUID(),
                FW,
                List.of(),
                ScoreSummary.of(new StatusCounts(pass, fail, 0, 0, 0), pass, fail),
                ScoreSummary.of(new StatusCounts(passWith, failWith, 0, 0, 0), passWith, failWith),
                List.of(),
                List.of());
    }

    @Test
    void aTenantGetsTheMeanOfItsAssetScoresAndThePooledControlScore() {
        UUID tenant = UUID.randomUUID();
        // asset 1: 1 of 1 → 100; asset 2: 1 of 3 → 33.33…; asset 3: nothing counted
        TenantFrameworkScore score = Scoring.rollUpTenant(
                tenant, FW, List.of(asset(tenant, 1, 0, 0), asset(tenant, 1, 2, 0), asset(tenant, 0, 0, 4)));

        RollUp without = score.withoutExceptions();
        assertThat(without.assets()).isEqualTo(3);
        assertThat(score.assets()).isEqualTo(3);
        assertThat(without.scoredAssets()).isEqualTo(2);
        // (100 + 33.333…) / 2 = 66.666… → 66.7 (the unrounded asset scores are averaged)
        assertThat(without.meanScore()).isEqualTo(66.7);
        // (1 + 1) / (1 + 3) = 50
        assertThat(without.pooledScore()).isEqualTo(50.0);
        assertThat(without.controls()).isEqualTo(new StatusCounts(2, 2, 4, 0, 0));
    }

    @Test
    void bothViewsAreRolledUpApart() {
        UUID tenant = UUID.randomUUID();
        TenantFrameworkScore score = Scoring.rollUpTenant(
                tenant, FW, List.of(assetWithExceptions(tenant, 1, 1, 2, 0), assetWithExceptions(tenant, 0, 2, 1, 1)));
        assertThat(score.withoutExceptions().meanScore()).isEqualTo(25.0);
        assertThat(score.withoutExceptions().pooledScore()).isEqualTo(25.0);
        assertThat(score.withExceptions().meanScore()).isEqualTo(75.0);
        assertThat(score.withExceptions().pooledScore()).isEqualTo(75.0);
    }

    @Test
    void aTenantWithoutAssetsHasNoScore() {
        TenantFrameworkScore score = Scoring.rollUpTenant(UUID.randomUUID(), FW, List.of());
        assertThat(score.withoutExceptions().meanScore()).isNull();
        assertThat(score.withoutExceptions().pooledScore()).isNull();
        assertThat(score.assets()).isZero();
    }

    @Test
    void aSubtreeWeighsEachTenantByItsAssetCount() {
        UUID big = UUID.randomUUID();
        UUID small = UUID.randomUUID();
        // big: three assets at 100; small: one asset at 0
        TenantFrameworkScore bigScore =
                Scoring.rollUpTenant(big, FW, List.of(asset(big, 1, 0, 0), asset(big, 1, 0, 0), asset(big, 1, 0, 0)));
        TenantFrameworkScore smallScore = Scoring.rollUpTenant(small, FW, List.of(asset(small, 0, 1, 0)));

        SubtreeFrameworkScore subtree = Scoring.rollUpSubtree(big, FW, List.of(bigScore, smallScore));

        assertThat(subtree.tenants()).isEqualTo(2);
        assertThat(subtree.assets()).isEqualTo(4);
        // weighted by assets: (3 × 100 + 1 × 0) / 4 = 75, not the tenants' plain mean of 50
        assertThat(subtree.withoutExceptions().meanScore()).isEqualTo(75.0);
        assertThat(subtree.withoutExceptions().pooledScore()).isEqualTo(75.0);
        assertThat(subtree.withoutExceptions().controls()).isEqualTo(new StatusCounts(3, 1, 0, 0, 0));
    }

    @Test
    void aSubtreeEqualsTheRollUpOfAllItsAssets() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<AssetFrameworkScore> ofA = List.of(asset(a, 3, 1, 0), asset(a, 1, 6, 2));
        List<AssetFrameworkScore> ofB = List.of(asset(b, 2, 2, 0), asset(b, 0, 0, 1), asset(b, 5, 1, 0));
        SubtreeFrameworkScore subtree = Scoring.rollUpSubtree(
                a, FW, List.of(Scoring.rollUpTenant(a, FW, ofA), Scoring.rollUpTenant(b, FW, ofB)));

        double[] exact = {75, 100.0 / 7, 50, 500.0 / 6};
        double mean = (exact[0] + exact[1] + exact[2] + exact[3]) / 4;
        assertThat(subtree.withoutExceptions().meanScore()).isEqualTo(ScoreSummary.round(mean));
        assertThat(subtree.withoutExceptions().pooledScore()).isEqualTo(ScoreSummary.round(100.0 * 11 / 21));
        assertThat(subtree.withoutExceptions().scoredAssets()).isEqualTo(4);
        assertThat(subtree.assets()).isEqualTo(5);
    }

    @Test
    void mixedTenantsFrameworksOrRepeatedAssetsAreRefused() {
        UUID tenant = UUID.randomUUID();
        AssetFrameworkScore one = asset(tenant, 1, 0, 0);
        assertThatThrownBy(() -> Scoring.rollUpTenant(UUID.randomUUID(), FW, List.of(one)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scoring.rollUpTenant(tenant, "other", List.of(one)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scoring.rollUpTenant(tenant, FW, List.of(one, one)))
                .isInstanceOf(IllegalArgumentException.class);
        TenantFrameworkScore rolled = Scoring.rollUpTenant(tenant, FW, List.of(one));
        assertThatThrownBy(() -> Scoring.rollUpSubtree(tenant, FW, List.of(rolled, rolled)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scoring.rollUpSubtree(tenant, "other", List.of(rolled)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
