package io.tenantra.console;

import io.tenantra.platform.web.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** How console forms read what people type and say what went wrong with it. */
public final class ConsoleForms {

    private ConsoleForms() {}

    /**
     * An expiry date picked in a form ({@code expiresOn}), meaning "until the end of that day,
     * UTC"; null when left empty.
     */
    public static Instant expiry(String expiresOn) {
        if (expiresOn == null || expiresOn.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(expiresOn.strip())
                    .plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("expiresOn", "must be a date like 2027-01-31");
        }
    }

    /** The first field error of a refused form as a sentence, else the refusal's message. */
    public static String message(ApiException e) {
        if (e.errors().isEmpty()) {
            return e.getMessage();
        }
        ApiException.FieldError first = e.errors().get(0);
        return "The " + first.field() + " " + first.message() + ".";
    }
}
