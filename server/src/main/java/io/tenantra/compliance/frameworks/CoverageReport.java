package io.tenantra.compliance.frameworks;

import java.util.List;
import java.util.Map;

/**
 * The coverage map of one framework by a set of checks: every control in document order with its
 * state, the counts, and the percentage of coverable controls that checks cover.
 *
 * @param coveredPercent {@code 100 × covered / (covered + uncovered)}, rounded half-up to one
 *     decimal; manual controls without checks are outside the denominator (they cannot be checked
 *     on a host, so they are not a gap in the content). Null when that denominator is zero.
 * @param derived true when the framework has no catalog and was derived from the mappings
 * @param unknownControls control ids the checks map to that the catalog does not list, with the
 *     checks that name them (usually a typo or a newer revision of the framework)
 */
public record CoverageReport(
        String frameworkId,
        boolean derived,
        List<ControlCoverage> controls,
        int covered,
        int manual,
        int uncovered,
        Double coveredPercent,
        Map<String, List<String>> unknownControls) {

    public CoverageReport {
        controls = controls == null ? List.of() : List.copyOf(controls);
        unknownControls = unknownControls == null ? Map.of() : unknownControls;
    }
}
