/**
 * The wire contract shared by the agent and the server: protocol version, jobs, module results,
 * findings. Plain Java records with Jackson annotations only, so that the agent stays free of
 * Spring and both sides compile against one definition of every message.
 */
package io.tenantra.model;
