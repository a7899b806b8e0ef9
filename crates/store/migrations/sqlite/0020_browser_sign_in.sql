-- Staff sign-in for browsers (issue 11, docs/design/web.md): a login name, a password (argon2id,
-- PHC string) and a TOTP second factor per staff member, enrolled with a token they hold; and
-- the browser sessions it opens. A session is its own credential (only the SHA-256 of its
-- cookie is stored), acting with the authority of the token that enrolled the login, so that
-- the four-eyes rule follows who could have seen it. (sqlite dialect; keep in step with the other.)
CREATE TABLE staff_logins (
    staff_id TEXT PRIMARY KEY REFERENCES staff(id),
    login TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    -- The TOTP key (hex). The server must read it to check a code, so it cannot be hashed.
    totp_secret TEXT NOT NULL,
    totp_last_step BIGINT,
    failures BIGINT NOT NULL,
    locked_until_us BIGINT,
    enrolled_by TEXT NOT NULL REFERENCES staff_credentials(id),
    enrolled_at_us BIGINT NOT NULL
);

-- An enrolment awaiting its first code, beside the login it will replace (which keeps working
-- until then); named to the browser by a random id. One per staff member.
CREATE TABLE staff_login_enrolments (
    id TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL UNIQUE REFERENCES staff(id),
    login TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    totp_secret TEXT NOT NULL,
    enrolled_by TEXT NOT NULL REFERENCES staff_credentials(id),
    started_at_us BIGINT NOT NULL
);

CREATE TABLE staff_sessions (
    id TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    hash TEXT NOT NULL UNIQUE,
    credential_id TEXT NOT NULL REFERENCES staff_credentials(id),
    issued_at_us BIGINT NOT NULL,
    last_used_at_us BIGINT NOT NULL,
    ended_at_us BIGINT,
    end_reason TEXT
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);
CREATE INDEX staff_sessions_credential ON staff_sessions (credential_id);
CREATE INDEX staff_logins_enrolled_by ON staff_logins (enrolled_by);
