package io.tenantra.compliance.evaluation;

/**
 * One rule's outcome, the sentence that explains it (what was observed, or why it could not be
 * judged) and the evidence stored with the result.
 */
record RuleJudgement(Outcome outcome, String reason, Evidence evidence) {}
