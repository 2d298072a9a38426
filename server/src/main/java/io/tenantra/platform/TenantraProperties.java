package io.tenantra.platform;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Operator settings under {@code tenantra.*}. Environment variables map onto them explicitly in
 * {@code application.yml} so that the names in the README are the names that work.
 *
 * @param dataDir where the embedded database, keys and archives live
 * @param maxApiBodyBytes largest request body accepted on {@code /api/**}; larger ones get 413
 * @param metricsToken when set, {@code /actuator/prometheus} requires {@code Authorization: Bearer <token>}
 */
@Validated
@ConfigurationProperties("tenantra")
public record TenantraProperties(
        @NotNull Path dataDir, @Min(1024) long maxApiBodyBytes, String metricsToken) {

    public boolean metricsProtected() {
        return metricsToken != null && !metricsToken.isBlank();
    }
}
