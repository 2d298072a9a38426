/**
 * Judging: pure functions from a check and an asset's facts (collected items and probe answers)
 * to a verdict with its evidence. No database, no clock, no Spring: the same inputs always give
 * the same verdict, which is what lets a content update re-judge stored facts at once.
 */
@org.springframework.modulith.NamedInterface("evaluation")
package io.tenantra.compliance.evaluation;
