-- Organisations' access tokens are forgotten a day after they end, at each new one (issue 12,
-- docs/design/organisations.md): by this index, not a scan. (sqlite dialect; keep in step with the
-- other.)
CREATE INDEX organisation_tokens_expiry ON organisation_tokens (expires_at_us);
