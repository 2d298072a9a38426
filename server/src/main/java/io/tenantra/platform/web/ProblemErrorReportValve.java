package io.tenantra.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's own error report for errors it raises before the request reaches Spring (an encoded
 * slash or another path it refuses, a malformed request line): under {@code /api/} and
 * {@code /actuator/} an RFC 9457 problem like every other API error, elsewhere Tomcat's page,
 * without a report or server version. The body is written by hand: Spring's beans are not
 * reachable from here, and the shape is fixed.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        String uri = request.getRequestURI();
        boolean api = uri != null && (uri.startsWith("/api/") || uri.startsWith("/actuator/"));
        if (!api) {
            super.report(request, response, throwable);
            return;
        }
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProblemType type = ProblemType.forStatus(status);
        String requestId = UUID.randomUUID().toString();
        String detail = status >= 500
                ? "An unexpected error occurred. Quote the request id when reporting it."
                : "The request could not be understood: the server refused its path or form.";
        String body = "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"requestId\":\"" + requestId + "\"}";
        log.info("The container refused {} with {} before the application saw it", safe(uri), status);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("X-Request-Id", requestId);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not write the container's problem body", e);
        }
    }

    // The raw URI is attacker-chosen: keep log lines to one line of printable ASCII.
    private static String safe(String uri) {
        String cleaned = uri.replaceAll("[^\\x21-\\x7e]", "_");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) : cleaned;
    }
}
