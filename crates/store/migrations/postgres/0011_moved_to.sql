-- Where a move-out (転出) went, and whether it was the special move-out with the card
-- (特例転出, 住民基本台帳法第24条の2): a transfer-in is recorded only by the municipality moved
-- to, and after a special move-out only with the card presented (issue 9, hole 2). Records
-- from before keep no destination. (PostgreSQL dialect; keep in step with sqlite/0011_moved_to.sql.)
ALTER TABLE resident_versions ADD COLUMN moved_to TEXT;
ALTER TABLE resident_versions ADD COLUMN moved_with_card BIGINT NOT NULL DEFAULT 0;
