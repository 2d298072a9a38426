package io.tenantra.compliance.frameworks;

import java.util.Objects;

/**
 * One control of a framework. {@code weight} scales its share of the score (default 1);
 * {@code manual} controls cannot be checked on a host (policies, training) and are reported as
 * such in coverage, never as uncovered.
 */
public record Control(String id, String title, String family, double weight, boolean manual) {

    public Control {
        Objects.requireNonNull(id, "id");
        if (!(weight > 0)) {
            throw new IllegalArgumentException("weight must be positive: " + id);
        }
    }
}
