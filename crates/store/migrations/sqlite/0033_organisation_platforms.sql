-- サービスプロバイダ registered through a プラットフォーム事業者 (issue 12,
-- docs/design/signing.md): the platform verifies signatures for the organisation. One platform
-- per organisation; replaced or ended by an administrator. (sqlite dialect; keep in step with the
-- other.)
CREATE TABLE organisation_platforms (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations(id),
    platform_id TEXT NOT NULL REFERENCES organisations(id),
    registered_at_us BIGINT NOT NULL
);
