package io.tenantra.compliance.scoring;

/**
 * A framework's standing over many assets, in one view (without or with exceptions), given two
 * ways because they answer different questions:
 *
 * <ul>
 *   <li>{@code meanScore}: the mean of the asset scores — "how does a typical asset stand";
 *       every scored asset weighs the same, however many controls it has results for;
 *   <li>{@code pooledScore}: {@code 100 × Σ passWeight / Σ (passWeight + failWeight)} over all
 *       control × asset pairs — "what share of the checked controls hold"; an asset with more
 *       counted controls weighs more.
 * </ul>
 *
 * Both are computed from unrounded sums and rounded once, half-up to one decimal; both are null
 * when no asset has a passing or failing control. Assets without any counted control are in
 * {@code assets} but not in {@code scoredAssets}. Roll-ups add up exactly ({@link #plus}), which
 * is how a subtree is made from its tenants.
 *
 * @param assetScoreSum the sum of the unrounded asset scores (kept so roll-ups can be combined)
 * @param controls outcome counts over all control × asset pairs
 */
public record RollUp(
        int assets,
        int scoredAssets,
        double assetScoreSum,
        Double meanScore,
        StatusCounts controls,
        double passWeight,
        double failWeight,
        Double pooledScore) {

    public static final RollUp EMPTY = of(0, 0, 0, StatusCounts.ZERO, 0, 0);

    static RollUp of(
            int assets,
            int scoredAssets,
            double assetScoreSum,
            StatusCounts controls,
            double passWeight,
            double failWeight) {
        Double mean = scoredAssets == 0 ? null : ScoreSummary.round(assetScoreSum / scoredAssets);
        Double pooled = ScoreSummary.round(ScoreSummary.exactScore(passWeight, failWeight));
        return new RollUp(assets, scoredAssets, assetScoreSum, mean, controls, passWeight, failWeight, pooled);
    }

    /** This roll-up with one more asset's view added. */
    RollUp plus(ScoreSummary asset) {
        Double exact = asset.exactScore();
        return of(
                assets + 1,
                scoredAssets + (exact == null ? 0 : 1),
                assetScoreSum + (exact == null ? 0 : exact),
                controls.plus(asset.controls()),
                passWeight + asset.passWeight(),
                failWeight + asset.failWeight());
    }

    /** Two roll-ups over disjoint sets of assets, as one. */
    public RollUp plus(RollUp other) {
        return of(
                assets + other.assets,
                scoredAssets + other.scoredAssets,
                assetScoreSum + other.assetScoreSum,
                controls.plus(other.controls),
                passWeight + other.passWeight,
                failWeight + other.failWeight);
    }
}
