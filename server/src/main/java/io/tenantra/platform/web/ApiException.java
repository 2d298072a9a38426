package io.tenantra.platform.web;

import java.util.List;

/**
 * Thrown by any module to answer a request with a specific problem. The message becomes the
 * problem's {@code detail}, so it must be written for the API's user and never contain secrets.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ApiException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static ApiException notFound(String what) {
        return new ApiException(ProblemType.NOT_FOUND, what + " was not found.");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ProblemType.CONFLICT, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ProblemType.FORBIDDEN, detail);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(
                ProblemType.VALIDATION_FAILED,
                "The request has invalid fields.",
                List.of(new FieldError(field, message)));
    }

    /** One invalid field: a JSON pointer-like dotted path and a message. */
    public record FieldError(String field, String message) {}
}
