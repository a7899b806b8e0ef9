-- The key the relying party authenticated with when its log-in's access token was issued
-- (issue 12, docs/design/oidc.md): revoking the key ends the token, as it ends organisation
-- tokens. (postgres dialect; keep in step with the other.)
ALTER TABLE oidc_tokens ADD COLUMN client_kid TEXT;
