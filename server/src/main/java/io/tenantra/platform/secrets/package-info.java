/**
 * Secrets encrypted at rest: values the server must read back in clear (token-signing private keys,
 * TOTP seeds) are stored sealed with AES-256-GCM under a key that never enters the database, so a
 * database dump or backup alone reveals none of them. See {@link io.tenantra.platform.secrets.SecretKeyring}
 * and docs/adr/0006-secrets-sealed-outside-the-database.md.
 */
package io.tenantra.platform.secrets;
