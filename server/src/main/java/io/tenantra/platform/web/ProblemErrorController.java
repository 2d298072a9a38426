package io.tenantra.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The container's error page. Anything that fails before or outside a controller lands here: an
 * unknown route, a wrong method or media type found while choosing a handler, an error in a
 * filter. API callers get an RFC 9457 problem; people in the console get an HTML page.
 */
@Controller
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    Object error(HttpServletRequest request) {
        int status = status(request);
        if (isApi(request) || !acceptsHtml(request)) {
            ProblemType type = ProblemType.forStatus(status);
            String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            return ApiExceptionHandler.respond(Problems.of(type, status, detail(status), path));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("status", status);
        model.put("title", ProblemType.forStatus(status).title());
        model.put("detail", detail(status));
        // The console's error page quotes it, so a report can be matched to the server's log.
        if (request.getAttribute(RequestIdFilter.ATTRIBUTE) instanceof String requestId) {
            model.put("requestId", requestId);
        }
        ModelAndView page = new ModelAndView("error", model);
        page.setStatus(HttpStatusCode.valueOf(status));
        return page;
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    private static boolean isApi(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri instanceof String path && (path.startsWith("/api/") || path.startsWith("/actuator/"));
    }

    private static int status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return code instanceof Integer i ? i : 500;
    }

    // The servlet container's own message may echo internals; say only what the status means.
    private static String detail(int status) {
        return switch (status) {
            case 404 -> "No resource exists at this path.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "None of the accepted media types can be produced.";
            case 413 -> "The request body is too large.";
            case 415 -> "This content type is not supported; send application/json.";
            case 400 -> "The request could not be understood.";
            default ->
                status >= 500
                        ? "An unexpected error occurred. Quote the request id when reporting it."
                        : "The request failed.";
        };
    }
}
