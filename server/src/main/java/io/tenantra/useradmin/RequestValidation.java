package io.tenantra.useradmin;

import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Bean Validation for the administration services. The services validate their own input (rather
 * than trusting {@code @Valid} on a controller) because the console calls them directly; both
 * paths then answer with the same 422 problem and the same field names.
 */
@Component
class RequestValidation {

    private final Validator validator;

    RequestValidation(Validator validator) {
        this.validator = validator;
    }

    /** Throws one 422 listing every invalid field of {@code request}. */
    <T> void check(T request, List<ApiException.FieldError> extra) {
        List<ApiException.FieldError> errors = new ArrayList<>(extra);
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            errors.add(new ApiException.FieldError(field(violation.getPropertyPath()), violation.getMessage()));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(ApiException.FieldError::field));
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The request has invalid fields.", errors);
        }
    }

    <T> void check(T request) {
        check(request, List.of());
    }

    /** {@code roles[0]}, {@code bindings[1].role}: the JSON path a client recognises. */
    static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                field.append('[')
                        .append(node.getIndex() != null ? node.getIndex() : node.getKey())
                        .append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                field.append(field.isEmpty() ? "" : ".").append(name);
            }
        }
        return field.toString();
    }
}
