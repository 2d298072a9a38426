package io.tenantra.audit;

import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Which audit events to list or export. All parts optional; they combine with AND.
 *
 * @param from occurred at or after (inclusive)
 * @param to occurred before (exclusive)
 * @param actor a username (case-insensitive) or an actor id
 * @param action an exact action ({@code user.create}) or a prefix ending in {@code .*} ({@code user.*})
 * @param outcome {@code SUCCESS}, {@code FAILURE} or {@code DENIED}
 * @param text free text, case-insensitive, contained in the action, the actor's name, the
 *     target's type or id, or the recorded changes; or naming a target: {@code namedTargets}
 * @param namedTargets ids of targets whose names contain {@code text} (resolved by the caller
 *     within what it may see, since names live with their owners and not in the trail)
 */
public record AuditFilter(
        Instant from,
        Instant to,
        String actor,
        String action,
        String targetType,
        String targetId,
        String outcome,
        String text,
        List<String> namedTargets) {

    public static final AuditFilter NONE = new AuditFilter(null, null, null, null, null, null, null, null, List.of());

    public AuditFilter {
        namedTargets = namedTargets == null ? List.of() : List.copyOf(namedTargets);
    }

    /** The longest free-text search accepted. */
    public static final int MAX_TEXT = 200;

    /**
     * This filter with a free-text search (blank: none); too long a text is refused as invalid
     * input (422).
     */
    public AuditFilter withText(String search, Collection<UUID> targetsNamed) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        String value = text("q", search, MAX_TEXT, errors);
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The request has invalid fields.", errors);
        }
        return new AuditFilter(
                from,
                to,
                actor,
                action,
                targetType,
                targetId,
                outcome,
                value,
                value == null
                        ? List.of()
                        : targetsNamed.stream().map(UUID::toString).toList());
    }

    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*(\\.\\*)?");
    private static final List<String> OUTCOMES = List.of("SUCCESS", "FAILURE", "DENIED");

    /** Reads request parameters; every invalid one is reported at once (422). */
    public static AuditFilter parse(
            String from, String to, String actor, String action, String targetType, String targetId, String outcome) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        Instant fromInstant = instant("from", from, errors);
        Instant toInstant = instant("to", to, errors);
        if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
            errors.add(new ApiException.FieldError("to", "must be after from"));
        }
        String actorValue = text("actor", actor, 200, errors);
        String actionValue = text("action", action, 100, errors);
        if (actionValue != null && !ACTION.matcher(actionValue).matches()) {
            errors.add(new ApiException.FieldError(
                    "action", "must be an action such as user.create, or a prefix such as user.*"));
        }
        String outcomeValue = blankToNull(outcome);
        if (outcomeValue != null) {
            outcomeValue = outcomeValue.toUpperCase(Locale.ROOT);
            if (!OUTCOMES.contains(outcomeValue)) {
                errors.add(new ApiException.FieldError("outcome", "must be one of " + String.join(", ", OUTCOMES)));
            }
        }
        AuditFilter filter = new AuditFilter(
                fromInstant,
                toInstant,
                actorValue,
                actionValue,
                text("targetType", targetType, 100, errors),
                text("targetId", targetId, 200, errors),
                outcomeValue,
                null,
                List.of());
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The request has invalid fields.", errors);
        }
        return filter;
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    static Instant instant(String field, String value, List<ApiException.FieldError> errors) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() <= 64) {
                return OffsetDateTime.parse(text).toInstant();
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new ApiException.FieldError(field, "must be an ISO-8601 instant such as 2026-11-21T15:00:00Z"));
        return null;
    }

    static String text(String field, String value, int max, List<ApiException.FieldError> errors) {
        String text = blankToNull(value);
        if (text != null && text.length() > max) {
            errors.add(new ApiException.FieldError(field, "must be at most " + max + " characters"));
        }
        return text;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
