package io.tenantra.compliance.evaluation;

import java.time.Instant;
import java.util.UUID;

/**
 * What one rule saw: the rule as written, its own outcome, the observed value (item attribute,
 * matching line, probe evidence) and the expected one, where it came from (item key, scan) and
 * when it was observed. Stored with every result so an auditor can see why without rescanning.
 */
public record Evidence(
        String rule, boolean held, String observed, String expected, String source, UUID scanId, Instant observedAt) {}
