package io.tenantra.console;

import io.tenantra.identity.MissingPermission;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import io.tenantra.platform.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The one way a console page turns a refusal into an error page: a facade's {@link ApiException}
 * (404 for an invisible tenant or unknown resource, 403 for a missing permission, 409 for a
 * conflict), a refused page declaration, a malformed parameter, or a page's own {@link
 * ResponseStatusException} becomes the {@code error} template with that status, what went wrong,
 * and (the template's part) what to do about it. A 403 for a {@link MissingPermission} names the
 * permission: it is put into the request ({@link #MISSING_PERMISSION}) and the page's model.
 *
 * <p>It applies to every {@code @Controller}, which includes {@code @RestController}s, but it is
 * ordered last: the API's {@code platform.web.ApiExceptionHandler} has the highest precedence
 * and handles every exception of a {@code @RestController}, so API callers keep their RFC 9457
 * problems. Page controllers declare no {@code @ExceptionHandler}s of their own; forms that show
 * a refusal inline catch it where they call the facade.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {

    /** The request attribute naming the permission a refused page needed (a {@code Permission} name). */
    static final String MISSING_PERMISSION = PageErrors.class.getName() + ".missingPermission";

    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException e, HttpServletRequest request) {
        if (e instanceof MissingPermission missing) {
            request.setAttribute(MISSING_PERMISSION, missing.permission().name());
        }
        return page(e.type().status().value(), e.type().title(), detail(e), request);
    }

    /** The refusal's message and, for invalid input, what each named parameter must be. */
    static String detail(ApiException e) {
        if (e.errors() == null || e.errors().isEmpty()) {
            return e.getMessage();
        }
        StringBuilder detail = new StringBuilder(e.getMessage());
        for (ApiException.FieldError error : e.errors()) {
            detail.append(' ')
                    .append("The parameter '")
                    .append(error.field())
                    .append("' ")
                    .append(error.message())
                    .append('.');
        }
        return detail.toString();
    }

    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView status(ResponseStatusException e, HttpServletRequest request) {
        int status = e.getStatusCode().value();
        String detail = e.getReason() != null ? e.getReason() : defaultDetail(status);
        return page(status, ProblemType.forStatus(status).title(), detail, request);
    }

    /** A required parameter left out of a link or form (a hand-edited or truncated URL). */
    @ExceptionHandler(MissingServletRequestParameterException.class)
    ModelAndView missing(MissingServletRequestParameterException e, HttpServletRequest request) {
        return page(
                400,
                ProblemType.forStatus(400).title(),
                "The parameter '" + e.getParameterName() + "' is missing from the address.",
                request);
    }

    /** A parameter that does not parse (say, a tenant id that is not a UUID). The value is not echoed. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        Class<?> type = e.getRequiredType();
        String expected = type == null ? "another kind of value" : expected(type);
        return page(
                400,
                ProblemType.forStatus(400).title(),
                "The parameter '" + e.getName() + "' must be " + expected + ".",
                request);
    }

    private static String expected(Class<?> type) {
        if (type == java.util.UUID.class) {
            return "an id (a UUID such as 123e4567-e89b-12d3-a456-426614174000)";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "a valid " + type.getSimpleName();
    }

    private static ModelAndView page(int status, String title, String detail, HttpServletRequest request) {
        Map<String, Object> model = new HashMap<>();
        model.put("status", status);
        model.put("title", title);
        model.put("detail", detail);
        if (request.getAttribute(MISSING_PERMISSION) instanceof String permission) {
            model.put("permission", permission);
        }
        if (request.getAttribute(RequestIdFilter.ATTRIBUTE) instanceof String requestId) {
            model.put("requestId", requestId);
        }
        ModelAndView page = new ModelAndView("error", model);
        page.setStatus(HttpStatusCode.valueOf(status));
        return page;
    }

    private static String defaultDetail(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood.";
            case 403 -> "You lack a permission this page needs.";
            case 404 -> "No such page, or it belongs to a tenant you cannot see.";
            default -> "The request failed.";
        };
    }
}
