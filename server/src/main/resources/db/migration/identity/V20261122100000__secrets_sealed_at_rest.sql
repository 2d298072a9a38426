-- Secrets the server must read back in clear are now stored sealed (AES-256-GCM, see
-- io.tenantra.platform.secrets.SecretKeyring) under a key that lives outside the database
-- (TENANTRA_SECRETS_KEYS or <data dir>/keys/secrets-aes256.keys).
-- Why: a dump or backup of the database must not hand over the keys that sign access tokens
-- (whoever has them can mint a token for any user) or the TOTP seeds (whoever has them can
-- produce every user's second factor).
-- The columns keep their names and type; what they hold is now "sealed:v1:<kid>:<base64url>".
-- The base32 format check on TOTP seeds therefore goes. The values already stored are sealed by
-- the server right after this migration, on every start, together with any value still sealed
-- under an older key (io.tenantra.database.SecretsAtRest): that is also how keys rotate.
ALTER TABLE user_mfa DROP CONSTRAINT user_mfa_secret_check;
COMMENT ON COLUMN user_mfa.secret IS 'TOTP seed (base32), sealed: sealed:v1:<kid>:<base64url>';
COMMENT ON COLUMN signing_key.private_jwk IS 'private JWK, sealed: sealed:v1:<kid>:<base64url>';
