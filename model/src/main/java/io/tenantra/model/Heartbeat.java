package io.tenantra.model;

/**
 * {@code POST /api/v1/agent/heartbeat}: the agent is alive. Deliberately tiny, because every
 * enrolled agent sends one per interval.
 *
 * @param spooledResults finished results waiting on the agent's disk for upload
 */
public record Heartbeat(String agentVersion, int spooledResults) {}
