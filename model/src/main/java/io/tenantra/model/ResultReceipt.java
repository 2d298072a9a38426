package io.tenantra.model;

import java.util.UUID;

/**
 * The server's acknowledgement of a result upload.
 *
 * @param jobStatus the job's status after the upload ({@code succeeded} or {@code failed})
 * @param duplicate true when this exact result had already been accepted and nothing changed
 */
public record ResultReceipt(UUID jobId, String jobStatus, boolean duplicate) {}
