-- How many collections of each organisation matched no one, per hour (issue 12,
-- docs/design/organisations.md): past a limit the organisation's collections wait for the next
-- hour, so that no one tries numbers against names in bulk. Kept a day. (sqlite dialect; keep in
-- step with the other.)
CREATE TABLE collection_misses (
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    hour BIGINT NOT NULL,
    misses BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, hour)
);
