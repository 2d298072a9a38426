package io.tenantra.identity;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The identity module's facade over user records for other modules: counts for the console and
 * reports, and the few writes user administration needs on the table login reads (a new user's
 * row, the username check, the bindings as login resolves them). The writing methods join the
 * caller's tenant transaction; they do not open one.
 */
@Service
public class UserDirectory {

    private final UserRepository users;
    private final TenantTransactions tx;

    UserDirectory(UserRepository users, TenantTransactions tx) {
        this.users = users;
        this.tx = tx;
    }

    public long count(TenantScope scope) {
        return tx.read(scope, users::countUsers);
    }

    /** Whether any tenant has a user with this username (usernames are unique platform-wide). */
    public boolean usernameTaken(String username) {
        return users.usernameTaken(username);
    }

    /** Inserts an active user with an already hashed password, inside the caller's transaction. */
    public void insert(NewUser user, String passwordHash, UUID actor) {
        users.insert(
                new UserRepository.UserRow(
                        user.id(),
                        user.tenantId(),
                        user.username(),
                        user.email(),
                        user.displayName(),
                        true,
                        user.createdAt()),
                passwordHash,
                actor);
    }

    /** The user's role bindings with their permissions resolved, as login resolves them. */
    public List<RoleBinding> bindingsOf(UUID userId) {
        return users.bindingsOf(userId);
    }

    /** A user about to be created. */
    public record NewUser(
            UUID id, UUID tenantId, String username, String email, String displayName, Instant createdAt) {}
}
