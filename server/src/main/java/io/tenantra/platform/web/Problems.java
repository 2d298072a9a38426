package io.tenantra.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 bodies used by every error path, so they all look alike. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(ProblemType type, String detail, HttpServletRequest request) {
        return of(type, type.status().value(), detail, request == null ? null : request.getRequestURI());
    }

    public static ProblemDetail of(ProblemType type, int status, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        problem.setDetail(detail);
        if (path != null) {
            problem.setInstance(URI.create(safePath(path)));
        }
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    public static ProblemDetail withErrors(ProblemDetail problem, List<ApiException.FieldError> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }

    /** The flat JSON shape of RFC 9457, independent of how a JSON mapper treats ProblemDetail. */
    public static Map<String, Object> toMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    // NB: the instance is echoed back, so keep it a plain path even for hostile request lines.
    private static String safePath(String path) {
        String cleaned = path.replaceAll("[^A-Za-z0-9/._~\\-]", "_");
        return cleaned.length() > 512 ? cleaned.substring(0, 512) : cleaned;
    }
}
