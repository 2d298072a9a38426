/**
 * Probes: the questions the server's checks ask of this host (file contents, directory contents,
 * file mode and owner, running processes, command output, Windows registry), answered
 * {@code FOUND}, {@code NOT_FOUND}, {@code ERROR} or {@code REFUSED}. Judging the answers is the
 * server's job. {@link io.tenantra.agent.probes.ProbeVerifier} lets only probes the server signed
 * run; {@link io.tenantra.agent.probes.ProbeRunner} runs them within a time budget and caps.
 */
package io.tenantra.agent.probes;
