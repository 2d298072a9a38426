package io.tenantra.identity;

import io.tenantra.platform.TenantraProperties;
import io.tenantra.platform.web.ProblemResponseWriter;
import io.tenantra.platform.web.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Three filter chains: the JSON API (stateless bearer tokens, problem responses), Actuator
 * (health open, metrics optionally behind a token) and the console (form login, session, CSRF).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
            + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http, AccessTokens tokens, CredentialGuard guard, ProblemResponseWriter problems)
            throws Exception {
        http.securityMatcher("/api/**", "/.well-known/**")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/api/v1/ping",
                                "/api/v1/auth/login",
                                "/api/v1/auth/refresh",
                                "/api/v1/audit/keys",
                                "/api/v1/openapi.json",
                                "/api/v1/openapi.json/**",
                                "/api/docs",
                                "/api/docs/**",
                                "/api/swagger-ui/**",
                                "/.well-known/jwks.json")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.decoder(tokens.decoder())
                                .jwtAuthenticationConverter(token -> toAuthentication(token, guard)))
                        .authenticationEntryPoint((request, response, e) -> problems.write(
                                request,
                                response,
                                ProblemType.UNAUTHENTICATED,
                                "Missing, invalid or expired credentials."))
                        .accessDeniedHandler((request, response, e) -> problems.write(
                                request,
                                response,
                                ProblemType.FORBIDDEN,
                                "You lack the permission this action needs.")))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> problems.write(
                                request,
                                response,
                                ProblemType.UNAUTHENTICATED,
                                "Missing, invalid or expired credentials."))
                        .accessDeniedHandler((request, response, ex) -> problems.write(
                                request,
                                response,
                                ProblemType.FORBIDDEN,
                                "You lack the permission this action needs.")))
                .headers(SecurityConfiguration::headers);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http, TenantraProperties properties, ProblemResponseWriter problems)
            throws Exception {
        http.securityMatcher("/actuator/**")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/actuator/prometheus")
                        .permitAll() // guarded by the token filter below when a token is configured
                        .anyRequest()
                        .denyAll())
                .headers(SecurityConfiguration::headers);
        if (properties.metricsProtected()) {
            http.addFilterBefore(
                    new MetricsTokenFilter(properties.metricsToken(), problems), BasicAuthenticationFilter.class);
        }
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain console(HttpSecurity http, ConsoleAuthenticationProvider provider) throws Exception {
        http.authenticationProvider(provider)
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/login",
                                "/webjars/**",
                                "/css/**",
                                "/js/**",
                                "/img/**",
                                "/favicon.ico",
                                "/error",
                                "/swagger-ui/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form ->
                        form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(SecurityConfiguration::headers);
        return http.build();
    }

    private static void headers(
            org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(Customizer.withDefaults())
                .addHeaderWriter(new StaticHeadersWriter(
                        "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"))
                .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin"));
    }

    private static AbstractAuthenticationToken toAuthentication(Jwt jwt, CredentialGuard guard) {
        CurrentUser user = AccessTokens.toCurrentUser(jwt);
        if (!guard.isValid(user)) {
            // Signed and unexpired, but the user, session or tenant has since been switched off.
            throw new org.springframework.security.authentication.DisabledException("credentials revoked");
        }
        return UsernamePasswordAuthenticationToken.authenticated(
                user, jwt, ConsoleAuthenticationProvider.authorities(user));
    }

    /** Requires {@code Authorization: Bearer <token>} on the Prometheus endpoint. */
    private static final class MetricsTokenFilter extends OncePerRequestFilter {
        private final byte[] expected;
        private final ProblemResponseWriter problems;

        MetricsTokenFilter(String token, ProblemResponseWriter problems) {
            this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
            this.problems = problems;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !request.getRequestURI().startsWith("/actuator/prometheus");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws java.io.IOException, jakarta.servlet.ServletException {
            String header = request.getHeader("Authorization");
            if (header == null || !MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
                response.setHeader("WWW-Authenticate", "Bearer");
                problems.write(request, response, ProblemType.UNAUTHENTICATED, "The metrics endpoint needs its token.");
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
