package io.tenantra.console;

import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The one way a console page turns a refusal into an error page: a facade's {@link ApiException}
 * (404 for an invisible tenant or unknown resource, 403 for a missing permission, 409 for a
 * conflict), a refused page declaration, or a page's own {@link ResponseStatusException} becomes
 * the {@code error} template with that status, what went wrong, and (the template's part) what
 * to do about it.
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

    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException e) {
        return page(e.type().status().value(), e.type().title(), e.getMessage());
    }

    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView status(ResponseStatusException e) {
        int status = e.getStatusCode().value();
        String detail = e.getReason() != null ? e.getReason() : defaultDetail(status);
        return page(status, ProblemType.forStatus(status).title(), detail);
    }

    private static ModelAndView page(int status, String title, String detail) {
        ModelAndView page = new ModelAndView("error", Map.of("status", status, "title", title, "detail", detail));
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
