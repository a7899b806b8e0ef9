-- A re-issue's cause (issue 10): the fee follows from it. `reason` keeps its fee class ('reissue'
-- when the holder pays, 'reissue-free' otherwise), so the CHECK of 0008 holds and rows from
-- before, which have no cause, still read. (postgres dialect; keep in step with the other.)
ALTER TABLE card_applications ADD COLUMN cause TEXT;
