/**
 * Scoring: pure functions from a framework, the checks mapped to it, one asset's results and the
 * exceptions in force to a status per control and a weighted 0–100 score, given both without and
 * with exceptions; and roll-ups of those scores per tenant and per MSP subtree. No database, no
 * clock, no Spring: the store calls these and keeps what they return.
 */
@org.springframework.modulith.NamedInterface("scoring")
package io.tenantra.compliance.scoring;
