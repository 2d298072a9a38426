package io.tenantra.audit;

import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Filters of the access-log list; all optional. */
record AccessLogQuery(Instant from, Instant to, String method, String pathTemplate, Integer status, UUID callerId) {

    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    static AccessLogQuery parse(
            String from, String to, String method, String pathTemplate, String status, String caller) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        Instant fromInstant = AuditFilter.instant("from", from, errors);
        Instant toInstant = AuditFilter.instant("to", to, errors);
        if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
            errors.add(new ApiException.FieldError("to", "must be after from"));
        }
        String methodValue = AuditFilter.text("method", method, 16, errors);
        if (methodValue != null) {
            methodValue = methodValue.toUpperCase(Locale.ROOT);
            if (!METHOD.matcher(methodValue).matches()) {
                errors.add(new ApiException.FieldError("method", "must be an HTTP method such as GET"));
            }
        }
        Integer statusValue = null;
        if (status != null && !status.isBlank()) {
            try {
                statusValue = Integer.valueOf(status.trim());
            } catch (NumberFormatException e) {
                statusValue = -1;
            }
            if (statusValue < 100 || statusValue > 599) {
                errors.add(new ApiException.FieldError("status", "must be an HTTP status between 100 and 599"));
            }
        }
        UUID callerId = null;
        if (caller != null && !caller.isBlank()) {
            callerId = AuditQuery.uuidOrNull(caller.trim());
            if (callerId == null) {
                errors.add(new ApiException.FieldError("caller", "must be a user or API key id"));
            }
        }
        String template = AuditFilter.text("pathTemplate", pathTemplate, 300, errors);
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The request has invalid fields.", errors);
        }
        return new AccessLogQuery(fromInstant, toInstant, methodValue, template, statusValue, callerId);
    }
}
