/**
 * The Tenantra endpoint agent: a plain Java command-line program (picocli) that enrolls with a
 * server, heartbeats, runs scanning modules and uploads results. No Spring: it must stay small
 * on the endpoints it watches.
 */
package io.tenantra.agent;
