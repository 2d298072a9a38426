package io.tenantra;

import io.tenantra.audit.AuditCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Tenantra server: one Spring Boot application made of modules that are packages under
 * {@code io.tenantra}. {@code platform} is the shared kernel every module may use.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(systemName = "Tenantra", sharedModules = "platform")
public class TenantraApplication {

    public static void main(String[] args) {
        // `audit verify <export>` checks an export offline: plain Java, no Spring context started.
        if (AuditCli.handles(args)) {
            System.exit(AuditCli.run(args, System.out, System.err));
        }
        SpringApplication.run(TenantraApplication.class, args);
    }
}
