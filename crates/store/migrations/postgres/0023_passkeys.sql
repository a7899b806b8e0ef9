-- Passkeys (WebAuthn) as staff sign-in's second factor, beside TOTP (issue 11,
-- docs/design/web.md): each credential's id and public key (ES256, a SEC1 P-256 point), its
-- name as its owner gave it, and the authenticator's signature counter. And the challenges
-- already answered: a challenge is signed by the server and taken once. (postgres dialect; keep in
-- step with the other.)
CREATE TABLE staff_passkeys (
    id TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    name TEXT NOT NULL,
    public_key TEXT NOT NULL,
    sign_count BIGINT NOT NULL,
    created_at_us BIGINT NOT NULL,
    last_used_at_us BIGINT
);
CREATE INDEX staff_passkeys_staff ON staff_passkeys (staff_id);
CREATE TABLE staff_passkey_challenges (
    nonce TEXT PRIMARY KEY,
    taken_at_us BIGINT NOT NULL
);
CREATE INDEX staff_passkey_challenges_taken ON staff_passkey_challenges (taken_at_us);
