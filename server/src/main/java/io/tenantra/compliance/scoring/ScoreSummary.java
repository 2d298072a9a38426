package io.tenantra.compliance.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One view (without or with exceptions) of an asset's standing in a framework: control counts,
 * the summed weights of passing and failing controls, and the score.
 *
 * @param score {@code 100 × passWeight / (passWeight + failWeight)} rounded half-up to one
 *     decimal; null when no control passed or failed (nothing to score, which is not 0)
 */
public record ScoreSummary(StatusCounts controls, double passWeight, double failWeight, Double score) {

    public static ScoreSummary of(StatusCounts controls, double passWeight, double failWeight) {
        return new ScoreSummary(controls, passWeight, failWeight, round(exactScore(passWeight, failWeight)));
    }

    /** The unrounded score, for roll-ups that must not add up rounding; null when nothing counted. */
    public Double exactScore() {
        return exactScore(passWeight, failWeight);
    }

    static Double exactScore(double passWeight, double failWeight) {
        double counted = passWeight + failWeight;
        return counted > 0 ? 100 * passWeight / counted : null;
    }

    /** The one rounding rule of every published score: half-up to one decimal (66.65 → 66.7). */
    static Double round(Double value) {
        return value == null
                ? null
                : BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
}
