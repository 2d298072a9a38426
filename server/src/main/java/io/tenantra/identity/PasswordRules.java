package io.tenantra.identity;

import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import io.tenantra.tenancy.TenantDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The {@link PasswordPolicy} as configured for this server, tightened per tenant. Use it wherever a
 * password is chosen: user creation, password change, password reset.
 */
@Component
public class PasswordRules {

    static final String COMMON_PASSWORDS = "security/common-passwords.txt";

    private final PasswordPolicy platformPolicy;
    private final TenantDirectory tenants;

    PasswordRules(PasswordProperties properties, TenantDirectory tenants) {
        try (InputStream in = new ClassPathResource(COMMON_PASSWORDS).getInputStream()) {
            this.platformPolicy = new PasswordPolicy(properties.minLength(), PasswordPolicy.readList(in));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled list " + COMMON_PASSWORDS + " is missing", e);
        }
        this.tenants = tenants;
    }

    /** The policy for users of {@code tenantId}: the platform's, with the tenant's higher minimum. */
    public PasswordPolicy policyFor(UUID tenantId) {
        return tenants.passwordMinLength(tenantId)
                .map(platformPolicy::withMinLengthAtLeast)
                .orElse(platformPolicy);
    }

    /**
     * Refuses a password that breaks the policy with a 422 naming {@code field} once per problem.
     *
     * @param field the request field that carried the password, e.g. {@code password}
     */
    public void require(UUID tenantId, String field, String password, String username, String email) {
        List<String> problems = policyFor(tenantId).violations(password, username, email);
        if (!problems.isEmpty()) {
            throw new ApiException(
                    ProblemType.VALIDATION_FAILED,
                    "The " + field + " does not meet the password policy.",
                    problems.stream()
                            .map(message -> new ApiException.FieldError(field, message))
                            .toList());
        }
    }
}
