package io.tenantra.identity;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import org.springframework.stereotype.Service;

/** The identity module's read facade for other modules (console, reports). */
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
}
