package io.tenantra.compliance.exceptions;

import io.tenantra.agents.AgentRegistry;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.text.TextRules;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import io.tenantra.platform.web.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The exception workflow: request, approve or reject (never by the requester), revoke, list and
 * read with history. Each change is one transaction with its audit record and its history row;
 * approving or revoking an approved exception also publishes {@link ExceptionsChanged} there, so
 * scores follow. Callers pass a call whose scope was checked for the permission the step needs.
 */
@Service
public class ComplianceExceptions {

    static final int MAX_REASON = 2000;
    private static final Pattern CHECK_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}");
    private static final int MAX_TAG_VALUE = 200;

    private final ExceptionRepository exceptions;
    private final AgentRegistry agents;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final ApplicationEventPublisher events;
    private final ExceptionsProperties properties;

    ComplianceExceptions(
            ExceptionRepository exceptions,
            AgentRegistry agents,
            TenantTransactions tx,
            AuditEvents audit,
            ApplicationEventPublisher events,
            ExceptionsProperties properties) {
        this.exceptions = exceptions;
        this.agents = agents;
        this.tx = tx;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
    }

    /** Records a pending request; 422 naming every invalid field at once. */
    public ExceptionView request(CallContext call, ExceptionRequest request) {
        if (call.userId() == null) {
            throw ApiException.forbidden("Only a user (or a user's API key) can request an exception.");
        }
        Instant now = call.at();
        List<ApiException.FieldError> errors = new ArrayList<>();
        String checkId = request.checkId() == null ? null : request.checkId().strip();
        if (checkId == null || !CHECK_ID.matcher(checkId).matches()) {
            errors.add(new ApiException.FieldError(
                    "checkId",
                    "must be a check id: 1-100 of a-z, 0-9, '.', '_', '-', starting with a letter or digit"));
        }
        String scope = request.scope() == null ? "" : request.scope().strip();
        UUID assetId = null;
        String tagKey = null;
        String tagValue = null;
        switch (scope) {
            case "asset" -> {
                assetId = request.assetId();
                if (assetId == null) {
                    errors.add(new ApiException.FieldError("assetId", "is required when scope is asset"));
                } else if (agents.find(call.scope(), call.tenantId(), assetId).isEmpty()) {
                    errors.add(new ApiException.FieldError("assetId", "is not an asset of this tenant"));
                }
                rejectPresent(errors, "tagKey", request.tagKey(), "scope is " + scope);
                rejectPresent(errors, "tagValue", request.tagValue(), "scope is " + scope);
            }
            case "tag" -> {
                tagKey = request.tagKey();
                tagValue = request.tagValue();
                if (tagKey == null || !TAG_KEY.matcher(tagKey).matches()) {
                    errors.add(new ApiException.FieldError(
                            "tagKey", "must be 1-64 letters, digits or _.:/- and start with a letter or digit"));
                }
                if (tagValue == null || TextRules.length(tagValue) > MAX_TAG_VALUE) {
                    errors.add(new ApiException.FieldError(
                            "tagValue", "is required, at most " + MAX_TAG_VALUE + " characters"));
                }
                rejectPresent(errors, "assetId", request.assetId(), "scope is " + scope);
            }
            case "tenant" -> {
                rejectPresent(errors, "assetId", request.assetId(), "scope is " + scope);
                rejectPresent(errors, "tagKey", request.tagKey(), "scope is " + scope);
                rejectPresent(errors, "tagValue", request.tagValue(), "scope is " + scope);
            }
            default -> errors.add(new ApiException.FieldError("scope", "must be one of asset, tag, tenant"));
        }
        String kind = request.kind();
        String overrideTo = request.overrideTo();
        if ("ACCEPT".equals(kind)) {
            rejectPresent(errors, "overrideTo", overrideTo, "kind is ACCEPT");
        } else if ("OVERRIDE".equals(kind)) {
            if (!"PASS".equals(overrideTo) && !"FAIL".equals(overrideTo)) {
                errors.add(new ApiException.FieldError("overrideTo", "must be PASS or FAIL for an OVERRIDE"));
            }
        } else {
            errors.add(new ApiException.FieldError("kind", "must be ACCEPT or OVERRIDE"));
        }
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty()) {
            errors.add(new ApiException.FieldError("reason", "is required: say why the exception is acceptable"));
        } else if (TextRules.length(reason) > MAX_REASON) {
            errors.add(new ApiException.FieldError("reason", "must be at most " + MAX_REASON + " characters"));
        }
        Instant expiresAt = request.expiresAt();
        Instant latest = now.plus(properties.maxDuration());
        if (expiresAt == null) {
            errors.add(new ApiException.FieldError("expiresAt", "is required: every exception ends"));
        } else if (!expiresAt.isAfter(now)) {
            errors.add(new ApiException.FieldError("expiresAt", "must be in the future"));
        } else if (expiresAt.isAfter(latest)) {
            errors.add(new ApiException.FieldError(
                    "expiresAt", "must be at most " + properties.maxDuration().toDays() + " days from now"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The request has invalid fields.", errors);
        }
        var row = new ExceptionRepository.ExceptionRow(
                UUID.randomUUID(),
                call.tenantId(),
                checkId,
                assetId,
                tagKey,
                tagValue,
                kind,
                "OVERRIDE".equals(kind) ? overrideTo : null,
                reason,
                expiresAt,
                now,
                call.userId(),
                call.actor().name(),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        tx.write(call.scope(), () -> {
            exceptions.insert(row);
            exceptions.history(
                    call.tenantId(), row.id(), "requested", now, call.actor().name(), call.userId(), reason);
            audit.changed(
                    call, AuditAction.COMPLIANCE_EXCEPTION_REQUESTED, "compliance_exception", row.id(), summary(row));
            return null;
        });
        return row.view(now);
    }

    /** Approves a pending exception; 403 when the caller requested it, 409 when it is not pending. */
    public ExceptionView approve(CallContext call, UUID id, String note) {
        return decide(call, id, "approved", note);
    }

    /** Rejects a pending exception; the same rules as approving. */
    public ExceptionView reject(CallContext call, UUID id, String note) {
        return decide(call, id, "rejected", note);
    }

    private ExceptionView decide(CallContext call, UUID id, String decision, String note) {
        String checkedNote = note(note);
        Instant now = call.at();
        return tx.write(call.scope(), () -> {
            var row = exceptions
                    .findForUpdate(call.tenantId(), id)
                    .orElseThrow(() -> ApiException.notFound("The exception"));
            ExceptionState state = row.state(now);
            if (state != ExceptionState.PENDING) {
                throw ApiException.conflict(
                        "The exception is " + state.code() + "; only a pending one can be " + decision + ".");
            }
            if (isRequester(call, row)) {
                throw ApiException.forbidden(
                        "An exception must be " + decision + " by someone other than the user who requested it.");
            }
            exceptions.decide(
                    call.tenantId(),
                    id,
                    decision,
                    now,
                    call.userId(),
                    call.actor().name());
            exceptions.history(call.tenantId(), id, decision, now, call.actor().name(), call.userId(), checkedNote);
            Map<String, Object> changes = summary(row);
            changes.put("state", decision);
            if (!checkedNote.isEmpty()) {
                changes.put("note", checkedNote);
            }
            audit.changed(
                    call,
                    decision.equals("approved")
                            ? AuditAction.COMPLIANCE_EXCEPTION_APPROVED
                            : AuditAction.COMPLIANCE_EXCEPTION_REJECTED,
                    "compliance_exception",
                    id,
                    changes);
            if (decision.equals("approved")) {
                events.publishEvent(new ExceptionsChanged(call.tenantId()));
            }
            return exceptions.find(call.tenantId(), id).orElseThrow().view(now);
        });
    }

    /** Ends a pending or approved exception now; 409 for one already over. */
    public ExceptionView revoke(CallContext call, UUID id, String note) {
        String checkedNote = note(note);
        Instant now = call.at();
        return tx.write(call.scope(), () -> {
            var row = exceptions
                    .findForUpdate(call.tenantId(), id)
                    .orElseThrow(() -> ApiException.notFound("The exception"));
            ExceptionState state = row.state(now);
            if (state != ExceptionState.PENDING && state != ExceptionState.APPROVED) {
                throw ApiException.conflict(
                        "The exception is already " + state.code() + "; there is nothing to revoke.");
            }
            exceptions.revoke(
                    call.tenantId(), id, now, call.userId(), call.actor().name());
            exceptions.history(call.tenantId(), id, "revoked", now, call.actor().name(), call.userId(), checkedNote);
            Map<String, Object> changes = summary(row);
            changes.put("state", "revoked");
            changes.put("previousState", state.code());
            if (!checkedNote.isEmpty()) {
                changes.put("note", checkedNote);
            }
            audit.changed(call, AuditAction.COMPLIANCE_EXCEPTION_REVOKED, "compliance_exception", id, changes);
            if (state == ExceptionState.APPROVED) {
                events.publishEvent(new ExceptionsChanged(call.tenantId()));
            }
            return exceptions.find(call.tenantId(), id).orElseThrow().view(now);
        });
    }

    /** One exception with its history; 404 when it is not in the tenant. */
    public ExceptionView get(CallContext call, UUID id) {
        return tx.read(call.scope(), () -> {
            var row = exceptions.find(call.tenantId(), id).orElseThrow(() -> ApiException.notFound("The exception"));
            return row.view(call.at()).withHistory(exceptions.historyOf(call.tenantId(), id));
        });
    }

    /** Newest request first; {@code state}, {@code checkId} and {@code assetId} narrow the list when given. */
    public PageResponse<ExceptionView> list(
            CallContext call, String state, String checkId, UUID assetId, Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        ExceptionState wanted = null;
        if (state != null && !state.isBlank()) {
            wanted = ExceptionState.ofCode(state.strip());
            if (wanted == null) {
                throw ApiException.invalid("state", "must be one of pending, approved, rejected, revoked, expired");
            }
        }
        Instant afterAt = null;
        UUID afterId = null;
        if (cursor != null && !cursor.isEmpty()) {
            List<String> after = Cursors.decode(cursor, 2);
            try {
                afterAt = Instant.parse(after.get(0));
                afterId = UUID.fromString(after.get(1));
            } catch (RuntimeException e) {
                throw Cursors.malformed();
            }
        }
        var filter = new ExceptionRepository.Filter(
                wanted, checkId == null || checkId.isBlank() ? null : checkId.strip(), assetId);
        Instant now = call.at();
        Instant at = afterAt;
        UUID id = afterId;
        List<ExceptionView> rows =
                tx.read(call.scope(), () -> exceptions.list(call.tenantId(), filter, now, at, id, size + 1)).stream()
                        .map(r -> r.view(now))
                        .toList();
        if (rows.size() <= size) {
            return new PageResponse<>(rows, null);
        }
        List<ExceptionView> page = rows.subList(0, size);
        ExceptionView last = page.get(size - 1);
        return new PageResponse<>(
                page, Cursors.encode(last.requestedAt().toString(), last.id().toString()));
    }

    private static boolean isRequester(CallContext call, ExceptionRepository.ExceptionRow row) {
        // The person behind an impersonation counts too: nobody approves their own request by
        // acting as someone else.
        Set<UUID> actingPeople = new java.util.HashSet<>();
        if (call.userId() != null) {
            actingPeople.add(call.userId());
        }
        if (call.actor().impersonatorId() != null) {
            actingPeople.add(call.actor().impersonatorId());
        }
        return call.userId() == null || actingPeople.contains(row.requestedBy());
    }

    private static String note(String note) {
        String stripped = note == null ? "" : note.strip();
        if (TextRules.length(stripped) > MAX_REASON) {
            throw ApiException.invalid("note", "must be at most " + MAX_REASON + " characters");
        }
        return stripped;
    }

    private static void rejectPresent(List<ApiException.FieldError> errors, String field, Object value, String when) {
        if (value != null) {
            errors.add(new ApiException.FieldError(field, "must be absent when " + when));
        }
    }

    private static Map<String, Object> summary(ExceptionRepository.ExceptionRow row) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("checkId", row.checkId());
        summary.put("scope", row.scope());
        if (row.assetId() != null) {
            summary.put("assetId", row.assetId());
        }
        if (row.tagKey() != null) {
            summary.put("tag", row.tagKey() + "=" + row.tagValue());
        }
        summary.put("kind", row.kind());
        if (row.overrideTo() != null) {
            summary.put("overrideTo", row.overrideTo());
        }
        summary.put("expiresAt", row.expiresAt());
        summary.put("reason", row.reason());
        return summary;
    }
}
