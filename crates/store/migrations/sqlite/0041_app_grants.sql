-- The 自己情報取得API (issue 14, docs/design/portal.md): what a resident let an app (a relying
-- party) read of the information agencies hold about them, item by item, until it runs out or
-- the resident withdraws it; one standing grant per app and person, a new consent replacing
-- it. The refresh tokens an app keeps its access by: never the token, its SHA-256; each used
-- once (a new one comes with every use), all of a grant's ending with it.
-- items: the granted scopes, space-separated (self:local-tax ...).
-- (sqlite dialect; keep in step with the other.)
CREATE TABLE app_grants (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    items TEXT NOT NULL,
    login_id TEXT NOT NULL,
    granted_at_us BIGINT NOT NULL,
    expires_at_us BIGINT NOT NULL,
    withdrawn_at_us BIGINT
);
CREATE UNIQUE INDEX app_grants_pair ON app_grants (organisation_id, person_id);
CREATE INDEX app_grants_person ON app_grants (person_id);
CREATE TABLE app_refresh_tokens (
    hash TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL,
    expires_at_us BIGINT NOT NULL,
    used_at_us BIGINT
);
CREATE INDEX app_refresh_tokens_grant ON app_refresh_tokens (grant_id);
