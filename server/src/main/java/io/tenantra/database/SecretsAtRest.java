package io.tenantra.database;

import io.tenantra.platform.secrets.SecretKeyring;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every sealed column sealed under the keyring's current key. Runs as the schema owner right
 * after the migrations, on every start: it seals values written before secrets were sealed, and
 * re-seals values sealed under an older key, which is what rotating the key means. It refuses to
 * start the server when a value names a key this server does not have: a node started without the
 * cluster's keys would otherwise lock every user out of MFA and sign tokens nobody else verifies.
 *
 * <p>Runs as the owner because it must reach every tenant's rows, which the application role's
 * row-level security never shows at once.
 */
final class SecretsAtRest {

    /** A column whose values are sealed, and the column that identifies its row (bound into the seal). */
    record SealedColumn(String table, String column, String rowKey) {
        String place(Object key) {
            return SecretKeyring.place(table, column, key);
        }
    }

    /** Every sealed column; a new one is added here and in the migration that introduces it. */
    static final List<SealedColumn> COLUMNS = List.of(
            new SealedColumn("signing_key", "private_jwk", "kid"),
            new SealedColumn("user_mfa", "secret", "user_id"),
            new SealedColumn("content_signing_key", "private_key", "kid"));

    private static final Logger log = LoggerFactory.getLogger(SecretsAtRest.class);

    private SecretsAtRest() {}

    /** Seals or re-seals what needs it; returns how many values were rewritten, by column. */
    static Map<String, Integer> reseal(DataSource owner, SecretKeyring keyring) {
        Map<String, Integer> rewritten = new LinkedHashMap<>();
        try (Connection c = owner.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (SealedColumn column : COLUMNS) {
                    rewritten.put(column.table() + "." + column.column(), reseal(c, column, keyring));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not seal the secrets stored in the database", e);
        }
        rewritten.forEach((column, count) -> {
            if (count > 0) {
                log.info("Sealed {} value(s) of {} under key {}", count, column, keyring.activeKid());
            }
        });
        return rewritten;
    }

    private static int reseal(Connection c, SealedColumn column, SecretKeyring keyring) throws SQLException {
        // Identifiers are constants of this class, never input.
        String select = "SELECT " + column.rowKey() + ", " + column.column() + " FROM " + column.table() + " WHERE "
                + column.column() + " NOT LIKE ? FOR UPDATE";
        List<Object[]> pending = new ArrayList<>();
        TreeSet<String> unknownKids = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(select)) {
            ps.setString(1, keyring.activePrefix() + "%"); // base64url and hex hold no LIKE wildcards
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object key = rs.getObject(1);
                    String stored = rs.getString(2);
                    if (SecretKeyring.isSealed(stored) && !keyring.knows(SecretKeyring.kidIn(stored))) {
                        unknownKids.add(SecretKeyring.kidIn(stored));
                    } else {
                        pending.add(new Object[] {key, stored});
                    }
                }
            }
        }
        if (!unknownKids.isEmpty()) {
            throw new IllegalStateException("Secrets in " + column.table() + "." + column.column()
                    + " are sealed with key(s) " + String.join(", ", unknownKids)
                    + " that this server does not have. Start it with the same TENANTRA_SECRETS_KEYS as the"
                    + " server that sealed them (or restore its data directory's keys/secrets-aes256.keys);"
                    + " this server seals with key " + keyring.activeKid() + ".");
        }
        String update =
                "UPDATE " + column.table() + " SET " + column.column() + " = ? WHERE " + column.rowKey() + " = ?";
        try (PreparedStatement ps = c.prepareStatement(update)) {
            for (Object[] row : pending) {
                String place = column.place(row[0]);
                String stored = (String) row[1];
                String plaintext = SecretKeyring.isSealed(stored) ? keyring.open(stored, place) : stored;
                ps.setString(1, keyring.seal(plaintext, place));
                ps.setObject(2, row[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return pending.size();
    }
}
