package io.tenantra.identity;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.TenantDirectory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * First start: creates the platform operator's root tenant and the platform admin {@code admin}.
 * The password is {@code TENANTRA_BOOTSTRAP_ADMIN_PASSWORD} or, when that is unset, a random one
 * logged exactly once. There is never a fixed default password.
 */
@Component
@Order(0)
class BootstrapAdmin implements ApplicationRunner {

    static final String ADMIN_USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final TenantDirectory tenants;
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final TenantTransactions tx;
    private final IdentityProperties properties;
    private final Clock clock;

    BootstrapAdmin(
            TenantDirectory tenants,
            UserRepository users,
            PasswordEncoder passwords,
            TenantTransactions tx,
            IdentityProperties properties,
            Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.passwords = passwords;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (tenants.rootTenantId().isPresent()) {
            return;
        }
        UUID root = tenants.ensureRoot("Platform", "platform");
        String configured = properties.bootstrap().adminPassword();
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? randomPassword() : configured;
        Instant now = clock.instant();
        UUID adminId = UUID.randomUUID();
        tx.write(TenantScope.of(root), () -> {
            users.insert(
                    new UserRepository.UserRow(
                            adminId, root, ADMIN_USERNAME, "admin@localhost", "Platform administrator", true, now),
                    passwords.encode(password),
                    null);
            users.bind(root, adminId, BuiltInRole.SUPER_ADMIN.name(), true, now, null);
            return null;
        });
        if (generated) {
            // Printed once, on the start that created the account; never stored in clear.
            log.warn(
                    "\n\n  First start: created the platform admin.\n    username: {}\n    password: {}\n"
                            + "  Change it after logging in. This password is not shown again.\n",
                    ADMIN_USERNAME,
                    password);
        } else {
            log.info("First start: created the platform admin '{}' with the configured password", ADMIN_USERNAME);
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
