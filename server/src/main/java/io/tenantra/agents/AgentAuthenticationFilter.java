package io.tenantra.agents;

import io.tenantra.model.AgentProtocol;
import io.tenantra.model.ProtocolVersion;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.web.Origins;
import io.tenantra.platform.web.PayloadTooLargeException;
import io.tenantra.platform.web.ProblemResponseWriter;
import io.tenantra.platform.web.ProblemType;
import io.tenantra.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api/v1/agent/**} requests (all but enrollment) by their signed agent
 * token. The body is read here, once, because the token signs its digest; the handler then reads
 * the same bytes. Body size is already bounded by the platform's body-limit filter.
 */
class AgentAuthenticationFilter extends OncePerRequestFilter {

    static final String ENROLL_PATH = "/api/v1/agent/enroll";
    static final String BODY_DIGEST_ATTRIBUTE = AgentAuthenticationFilter.class.getName() + ".bodyDigest";
    private static final Set<String> AUDITED_REASONS = Set.of("revoked", "replay", "tenant_suspended");

    private final AgentTokenVerifier verifier;
    private final ProblemResponseWriter problems;
    private final AuditEvents audit;
    private final RequestAttributeSecurityContextRepository contexts;

    AgentAuthenticationFilter(
            AgentTokenVerifier verifier,
            ProblemResponseWriter problems,
            AuditEvents audit,
            RequestAttributeSecurityContextRepository contexts) {
        this.verifier = verifier;
        this.problems = problems;
        this.audit = audit;
        this.contexts = contexts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return ENROLL_PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!protocolCompatible(request, response)) {
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (PayloadTooLargeException e) {
            problems.write(request, response, ProblemType.PAYLOAD_TOO_LARGE, e.getMessage());
            return;
        }
        String query = request.getQueryString();
        String pathAndQuery = request.getRequestURI() + (query == null ? "" : "?" + query);
        AgentPrincipal agent;
        try {
            agent = verifier.verify(
                    request.getHeader("Authorization"),
                    request.getMethod(),
                    pathAndQuery,
                    AgentProtocol.digest(body),
                    Origins.of(request));
        } catch (AgentTokenVerifier.Rejected rejected) {
            reject(request, response, rejected);
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                agent, null, List.of(new SimpleGrantedAuthority("ROLE_AGENT")));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        // Kept on the request so the asynchronous dispatch of a long poll finds it again.
        contexts.saveContext(context, request, response);
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private boolean protocolCompatible(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String offered = request.getHeader(AgentProtocol.VERSION_HEADER);
        if (offered == null) {
            return true; // the signature still has to verify; absence only means "speaks the current major"
        }
        try {
            if (ProtocolVersion.parse(offered).isCompatibleWith(ProtocolVersion.CURRENT)) {
                return true;
            }
        } catch (IllegalArgumentException e) {
            problems.write(request, response, ProblemType.BAD_REQUEST, e.getMessage());
            return false;
        }
        problems.write(
                response,
                Problems.of(
                        ProblemType.BAD_REQUEST,
                        426,
                        "This server speaks agent protocol " + ProtocolVersion.CURRENT + "; upgrade the agent.",
                        request.getRequestURI()));
        return false;
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, AgentTokenVerifier.Rejected rejected)
            throws IOException {
        var identity = rejected.identity;
        if (identity != null && AUDITED_REASONS.contains(rejected.reason)) {
            // Only after the signature verified: nobody can fill a tenant's trail with forged denials.
            audit.happenedBeforeAuthentication(
                    identity.tenantId(),
                    new AgentPrincipal(identity.agentId(), identity.tenantId(), identity.name(), null).actor(),
                    Origins.of(request),
                    AuditAction.AGENT_REQUEST_DENIED,
                    "agent",
                    identity.agentId(),
                    Map.of("reason", rejected.reason, "path", request.getRequestURI()),
                    AuditEvent.Outcome.DENIED);
        }
        if (rejected.status == 503) {
            response.setHeader("Retry-After", "5");
            problems.write(request, response, ProblemType.SERVICE_UNAVAILABLE, rejected.getMessage());
            return;
        }
        response.setHeader("WWW-Authenticate", AgentProtocol.AUTH_SCHEME);
        problems.write(request, response, ProblemType.UNAUTHENTICATED, rejected.getMessage());
    }

    /** The request with its body already read into memory. */
    static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        byte[] body() {
            return body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    // The whole body is already in memory: it is ready now, and complete once read.
                    try {
                        if (isFinished()) {
                            listener.onAllDataRead();
                        } else {
                            listener.onDataAvailable();
                        }
                    } catch (java.io.IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
