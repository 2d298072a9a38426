/**
 * The wire contract shared by the agent and the server: protocol version, jobs, module results,
 * findings, and probes (server-signed questions the agent answers: file content, processes, commands, registry) with their answers. Plain Java records with Jackson annotations only, so that the agent stays free of
 * Spring and both sides compile against one definition of every message.
 */
package io.tenantra.model;
