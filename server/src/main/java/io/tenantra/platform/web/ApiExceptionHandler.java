package io.tenantra.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns exceptions thrown by API controllers into RFC 9457 problems. Errors that happen before a
 * controller is chosen (unknown route, wrong method or media type) reach
 * {@link ProblemErrorController} instead, which renders the same shape.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(e.type(), e.getMessage(), request);
        if (!e.errors().isEmpty()) {
            Problems.withErrors(problem, e.errors());
        }
        if (e instanceof RateLimitedException limited) {
            return ResponseEntity.status(problem.getStatus())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()))
                    .body(Problems.toMap(problem));
        }
        return respond(problem);
    }

    @ExceptionHandler(BindException.class) // includes MethodArgumentNotValidException
    ResponseEntity<Map<String, Object>> invalidBody(BindException e, HttpServletRequest request) {
        List<ApiException.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiException.FieldError(f.getField(), f.getDefaultMessage()))
                .collect(Collectors.toCollection(java.util.ArrayList::new));
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(g -> errors.add(new ApiException.FieldError(g.getObjectName(), g.getDefaultMessage())));
        return validation(errors, request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Map<String, Object>> invalidParameters(
            HandlerMethodValidationException e, HttpServletRequest request) {
        List<ApiException.FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> new ApiException.FieldError(
                                r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return validation(errors, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Map<String, Object>> constraintViolations(
            ConstraintViolationException e, HttpServletRequest request) {
        List<ApiException.FieldError> errors = e.getConstraintViolations().stream()
                .map(v ->
                        new ApiException.FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return validation(errors, request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(
            MissingServletRequestParameterException e, HttpServletRequest request) {
        return validation(List.of(new ApiException.FieldError(e.getParameterName(), "is required")), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(
            MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        // A path id that is not even a UUID names nothing that exists: 404, like an unknown id.
        if (e.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
            return respond(Problems.of(ProblemType.NOT_FOUND, "No resource exists at this path.", request));
        }
        String expected = e.getRequiredType() == null
                ? "another type"
                : e.getRequiredType().getSimpleName();
        return validation(List.of(new ApiException.FieldError(e.getName(), "must be a valid " + expected)), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        Throwable cause = e.getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return respond(Problems.of(ProblemType.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), request));
            }
        }
        if (cause instanceof StrictJsonConfiguration.RejectedTextException text) {
            return validation(List.of(new ApiException.FieldError(path(text), text.rule())), request);
        }
        String duplicate = DuplicateKeys.field(cause);
        if (duplicate != null) {
            return validation(List.of(new ApiException.FieldError(duplicate, "must appear only once")), request);
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return validation(List.of(new ApiException.FieldError(path(unknown), "is not a known field")), request);
        }
        if (cause instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String expected = mismatch.getTargetType() == null
                    ? "of another type"
                    : "a valid " + mismatch.getTargetType().getSimpleName();
            return validation(List.of(new ApiException.FieldError(path(mismatch), "must be " + expected)), request);
        }
        String detail = "The request body is not valid JSON"
                + (cause instanceof JacksonException jackson && jackson.getLocation() != null
                        ? " (line " + jackson.getLocation().getLineNr() + ", column "
                                + jackson.getLocation().getColumnNr() + ")."
                        : ".");
        return respond(Problems.of(ProblemType.MALFORMED_BODY, detail, request));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return respond(Problems.of(
                ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "Content type '" + e.getContentType() + "' is not supported; send application/json.",
                request));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        ResponseEntity<Map<String, Object>> response = respond(Problems.of(
                ProblemType.METHOD_NOT_ALLOWED,
                "Method " + e.getMethod() + " is not allowed on this resource.",
                request));
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(response.getHeaders());
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return new ResponseEntity<>(response.getBody(), headers, response.getStatusCode());
    }

    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<Map<String, Object>> framework(ErrorResponseException e, HttpServletRequest request) {
        int status = e.getStatusCode().value();
        String detail = e.getBody().getDetail();
        return respond(Problems.of(ProblemType.forStatus(status), status, detail, request.getRequestURI()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e; // Spring Security's handlers answer these with 403/401 problems.
        }
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(Problems.of(
                ProblemType.INTERNAL_ERROR,
                "An unexpected error occurred. Quote the request id when reporting it.",
                request));
    }

    private static ResponseEntity<Map<String, Object>> validation(
            List<ApiException.FieldError> errors, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(ProblemType.VALIDATION_FAILED, "The request has invalid fields.", request);
        return respond(Problems.withErrors(problem, errors));
    }

    static ResponseEntity<Map<String, Object>> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.toMap(problem));
    }

    private static String path(DatabindException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
