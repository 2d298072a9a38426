package io.tenantra.agents;

import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.web.BodyLimit;
import io.tenantra.platform.web.ProblemResponseWriter;
import io.tenantra.platform.web.ProblemType;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The agents' own filter chain, ahead of the user API chain: {@code /api/v1/agent/**} accepts
 * only signed agent tokens (user bearer tokens get 401 here, and agent tokens get 401 anywhere
 * else, since the API chain knows nothing of them). Enrollment is the one public path.
 */
@Configuration(proxyBeanMethods = false)
class AgentSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain agentApi(
            HttpSecurity http, AgentTokenVerifier verifier, ProblemResponseWriter problems, AuditEvents audit)
            throws Exception {
        RequestAttributeSecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
        // Created here, not as a bean: a Filter bean would also be registered for every request.
        AgentAuthenticationFilter filter = new AgentAuthenticationFilter(verifier, problems, audit, contexts);
        http.securityMatcher("/api/v1/agent/**")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(contexts))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(AgentAuthenticationFilter.ENROLL_PATH)
                        .permitAll()
                        .anyRequest()
                        .hasRole("AGENT"))
                .addFilterBefore(filter, AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> problems.write(
                                request,
                                response,
                                ProblemType.UNAUTHENTICATED,
                                "This endpoint needs a signed agent token."))
                        .accessDeniedHandler((request, response, ex) -> problems.write(
                                request, response, ProblemType.FORBIDDEN, "Only agents may use this endpoint.")))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** Result uploads may be larger than ordinary API calls. */
    @Bean
    BodyLimit agentResultBodyLimit(AgentsProperties properties) {
        return new BodyLimit("/api/v1/agent/jobs/", properties.maxResultBytes());
    }
}
