package io.tenantra.compliance.frameworks;

import io.tenantra.compliance.content.Check;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The coverage map of a framework: which controls checks support, which are manual (procedural,
 * outside what a host can show), which are uncovered, and the percentage. Pure: the same
 * framework and checks always give the same report. Checks are told apart by id, as results are.
 */
public final class Coverage {

    private Coverage() {}

    public static CoverageReport of(Framework framework, Collection<Check> checks) {
        Map<String, List<String>> supportedByControl = new HashMap<>();
        Map<String, List<String>> unsupportedByControl = new HashMap<>();
        Map<String, Control> known = new HashMap<>();
        framework.controls().forEach(control -> known.put(control.id(), control));
        Map<String, List<String>> unknown = new TreeMap<>(Frameworks.CONTROL_ID_ORDER);
        for (Check check : checks) {
            for (String controlId : Mappings.controlsOf(check, framework.id())) {
                if (!known.containsKey(controlId)) {
                    addOnce(unknown, controlId, check.id());
                } else if (check.supported()) {
                    addOnce(supportedByControl, controlId, check.id());
                } else {
                    addOnce(unsupportedByControl, controlId, check.id());
                }
            }
        }
        List<ControlCoverage> controls = new ArrayList<>(framework.controls().size());
        int covered = 0;
        int manual = 0;
        int uncovered = 0;
        for (Control control : framework.controls()) {
            List<String> supported = sorted(supportedByControl.get(control.id()));
            ControlCoverage.State state;
            if (!supported.isEmpty()) {
                state = ControlCoverage.State.COVERED;
                covered++;
            } else if (control.manual()) {
                state = ControlCoverage.State.MANUAL;
                manual++;
            } else {
                state = ControlCoverage.State.UNCOVERED;
                uncovered++;
            }
            controls.add(
                    new ControlCoverage(control, state, supported, sorted(unsupportedByControl.get(control.id()))));
        }
        Map<String, List<String>> unknownSorted = new LinkedHashMap<>();
        unknown.forEach((id, ids) -> unknownSorted.put(id, sorted(ids)));
        return new CoverageReport(
                framework.id(),
                Frameworks.isDerived(framework),
                controls,
                covered,
                manual,
                uncovered,
                percent(covered, covered + uncovered),
                Collections.unmodifiableMap(unknownSorted));
    }

    /** {@code 100 × part / whole} rounded half-up to one decimal; null when {@code whole} is 0. */
    static Double percent(int part, int whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP)
                .doubleValue();
    }

    private static void addOnce(Map<String, List<String>> map, String key, String checkId) {
        List<String> ids = map.computeIfAbsent(key, k -> new ArrayList<>());
        if (!ids.contains(checkId)) {
            ids.add(checkId);
        }
    }

    private static List<String> sorted(List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        List<String> copy = new ArrayList<>(ids);
        Collections.sort(copy);
        return List.copyOf(copy);
    }
}
