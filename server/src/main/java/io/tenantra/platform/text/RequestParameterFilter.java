package io.tenantra.platform.text;

import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemResponseWriter;
import io.tenantra.platform.web.ProblemType;
import io.tenantra.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link TextRules} to every request parameter, query string and form field alike,
 * before anything reads them: the API's list filters ({@code ?q=}), the console's login form and
 * every other form. A parameter that breaks the rule is a 422 problem naming it under
 * {@code /api/}, and a 400 error page elsewhere; nothing behind this filter ever sees a NUL.
 * Accepted values are passed on in NFC. Console forms may hold line breaks (text areas); API
 * parameters may not.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RequestParameterFilter extends OncePerRequestFilter {

    private final ProblemResponseWriter problems;

    RequestParameterFilter(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean api = request.getRequestURI().startsWith("/api/");
        TextRules.Mode mode = api ? TextRules.Mode.SINGLE_LINE : TextRules.Mode.MULTILINE;
        Map<String, String[]> parameters = request.getParameterMap();
        Map<String, String[]> normalised = null;
        for (Map.Entry<String, String[]> entry : parameters.entrySet()) {
            String name = entry.getKey();
            String violation = TextRules.violation(name, mode);
            String field = violation == null ? name : "(parameter name)";
            String[] values = entry.getValue();
            String[] copy = null;
            for (int i = 0; violation == null && i < values.length; i++) {
                violation = TextRules.violation(values[i], mode);
                String nfc = TextRules.normalise(values[i]);
                if (violation == null && nfc != null && !nfc.equals(values[i])) {
                    copy = copy == null ? values.clone() : copy;
                    copy[i] = nfc;
                }
            }
            if (violation != null) {
                refuse(request, response, api, field, violation);
                return;
            }
            String nfcName = TextRules.normalise(name);
            if (copy != null || !nfcName.equals(name)) {
                normalised = normalised == null ? new LinkedHashMap<>(parameters) : normalised;
                normalised.remove(name);
                normalised.put(nfcName, copy == null ? values : copy);
            }
        }
        chain.doFilter(normalised == null ? request : new NormalisedParameters(request, normalised), response);
    }

    private void refuse(
            HttpServletRequest request, HttpServletResponse response, boolean api, String field, String violation)
            throws IOException {
        if (!api) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        ProblemDetail problem = Problems.of(ProblemType.VALIDATION_FAILED, "The request has invalid fields.", request);
        Problems.withErrors(problem, List.of(new ApiException.FieldError(field, violation)));
        problems.write(response, problem);
    }

    /** The request with its parameters in NFC. */
    private static final class NormalisedParameters extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;

        NormalisedParameters(HttpServletRequest request, Map<String, String[]> parameters) {
            super(request);
            this.parameters = Collections.unmodifiableMap(parameters);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }
    }
}
