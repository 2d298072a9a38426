package io.tenantra.compliance.scoring;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One asset's standing in one framework: every control's status in document order, the score
 * without exceptions (an excepted FAIL still fails) and with them (an accepted FAIL passes, an
 * overridden NOT_APPLICABLE counts as the override says), and what was excepted.
 *
 * @param exceptedChecks every result an exception changes, once per check (sorted by check id)
 * @param exceptedControls ids of the controls with at least one excepted check, in document order
 */
public record AssetFrameworkScore(
        UUID tenantId,
        UUID assetId,
        String frameworkId,
        List<ControlStatus> controls,
        ScoreSummary withoutExceptions,
        ScoreSummary withExceptions,
        List<ExceptedCheck> exceptedChecks,
        List<String> exceptedControls) {

    public AssetFrameworkScore {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(frameworkId, "frameworkId");
        Objects.requireNonNull(withoutExceptions, "withoutExceptions");
        Objects.requireNonNull(withExceptions, "withExceptions");
        controls = controls == null ? List.of() : List.copyOf(controls);
        exceptedChecks = exceptedChecks == null ? List.of() : List.copyOf(exceptedChecks);
        exceptedControls = exceptedControls == null ? List.of() : List.copyOf(exceptedControls);
    }
}
