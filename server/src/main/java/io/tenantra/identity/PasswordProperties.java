package io.tenantra.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code tenantra.password.*}.
 *
 * @param minLength the platform-wide minimum length of new passwords ({@code
 *     TENANTRA_PASSWORD_MIN_LENGTH}, default 12); a tenant can raise it for its users with the
 *     setting {@code passwordMinLength}, never lower it
 */
@ConfigurationProperties("tenantra.password")
record PasswordProperties(Integer minLength) {

    PasswordProperties {
        minLength = minLength == null ? PasswordPolicy.DEFAULT_MIN_LENGTH : minLength;
    }
}
