package io.tenantra.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Runs {@link ConsoleImpersonation#enforce} before each console request is authorised. */
final class ConsoleImpersonationFilter extends OncePerRequestFilter {

    private final ConsoleImpersonation impersonation;

    ConsoleImpersonationFilter(ConsoleImpersonation impersonation) {
        this.impersonation = impersonation;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        impersonation.enforce(request, response);
        chain.doFilter(request, response);
    }
}
