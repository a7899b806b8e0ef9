-- The open sessions, for the sweep that ends those whose cookie never came back (issue 11,
-- docs/design/web.md): ended ones, which are most of the table, are not in the index.
-- (postgres dialect; keep in step with the other.)
CREATE INDEX staff_sessions_open ON staff_sessions (last_used_at_us) WHERE ended_at_us IS NULL;
