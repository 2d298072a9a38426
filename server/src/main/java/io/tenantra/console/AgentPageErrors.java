package io.tenantra.console;

import io.tenantra.platform.web.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Refusals on the agent pages become the console's error page with the right status (404 for an
 * invisible tenant or unknown agent or scan, 403 for a missing permission), not a 500.
 */
@ControllerAdvice(
        assignableTypes = {AgentsPageController.class, EnrollmentTokensPageController.class, ScansPageController.class})
class AgentPageErrors {

    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException e) {
        ModelAndView page = new ModelAndView(
                "error",
                Map.of("status", e.type().status().value(), "title", e.type().title(), "detail", e.getMessage()));
        page.setStatus(HttpStatusCode.valueOf(e.type().status().value()));
        return page;
    }
}
