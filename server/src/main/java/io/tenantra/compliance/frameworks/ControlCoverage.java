package io.tenantra.compliance.frameworks;

import java.util.List;
import java.util.Objects;

/**
 * How one control is covered: by which supported checks, which unsupported checks map to it
 * (shown apart: they never produce a pass or fail), and the resulting state.
 */
public record ControlCoverage(Control control, State state, List<String> checkIds, List<String> unsupportedCheckIds) {

    /**
     * COVERED: at least one supported check maps to the control (a manual control with checks is
     * covered too); MANUAL: a manual control no supported check maps to; UNCOVERED: neither.
     */
    public enum State {
        COVERED,
        MANUAL,
        UNCOVERED
    }

    public ControlCoverage {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(state, "state");
        checkIds = checkIds == null ? List.of() : List.copyOf(checkIds);
        unsupportedCheckIds = unsupportedCheckIds == null ? List.of() : List.copyOf(unsupportedCheckIds);
    }
}
