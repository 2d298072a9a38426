-- An agent's Ed25519 public key is its identity: until now a second enrolment could present the
-- key of an agent already enrolled, and two agents would then share one identity (each able to
-- sign as the other). A key now belongs to at most one live agent, in any tenant.
-- The fingerprint is the SHA-256 of the raw 32-byte key (the last 32 bytes of the X.509 form the
-- column holds), so two spellings of one key cannot pass as two keys.
-- Agents that already share a key with an earlier one are revoked: their key never proved who
-- they were. A revoked agent's key is no longer in use, so the index covers live agents only.
ALTER TABLE agent
    ADD COLUMN public_key_sha256 text
        GENERATED ALWAYS AS (encode(sha256(substring(decode(public_key, 'base64') FROM 13)), 'hex')) STORED;

UPDATE agent later
   SET revoked_at = now(), modified_at = now()
 WHERE later.revoked_at IS NULL
   AND EXISTS (SELECT 1 FROM agent earlier
                WHERE earlier.public_key_sha256 = later.public_key_sha256
                  AND earlier.revoked_at IS NULL
                  AND (earlier.enrolled_at, earlier.id) < (later.enrolled_at, later.id));

CREATE UNIQUE INDEX agent_public_key_live_key ON agent (public_key_sha256) WHERE revoked_at IS NULL;
