-- The portal's notices (お知らせ, issue 14, docs/design/portal.md): an agency's message to a
-- person it knows by its code, and the notices the portal makes itself (a card's or a
-- certificate's expiry coming), each once per person and reference; read when opened.
-- kind: agency, card-expiry, certificate-expiry. For an agency's, title and body are its text;
-- for the portal's own, the message is the reader's language's and detail its date.
-- (sqlite dialect; keep in step with the other.)
CREATE TABLE portal_notices (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    reference TEXT NOT NULL,
    sender TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at_us BIGINT NOT NULL,
    read_at_us BIGINT
);
CREATE UNIQUE INDEX portal_notices_reference ON portal_notices (person_id, reference);
