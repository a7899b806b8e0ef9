-- 継続利用 and the 追記欄 (issue 10): the last day a card may be brought to the new municipality
-- after its holder's transfer-in (NULL: none pending), and the lines of the additions field on the
-- back of the card used so far. (postgres dialect; keep in step with the other.)
ALTER TABLE cards ADD COLUMN continue_by TEXT;
ALTER TABLE cards ADD COLUMN additions INTEGER NOT NULL DEFAULT 0;
