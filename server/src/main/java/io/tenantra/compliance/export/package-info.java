/**
 * Exports of compliance results for the tools auditors already use: CSV (spreadsheets), XCCDF 1.2
 * TestResults inside an ARF-style report collection (SCAP viewers), and MITRE HDF JSON (Heimdall).
 * The writers are pure: {@link io.tenantra.compliance.export.ExportRow}s in, text out, streamed.
 */
package io.tenantra.compliance.export;
