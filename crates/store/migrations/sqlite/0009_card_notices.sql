-- The notices of a card's life: the pick-up notice (交付通知書) and the expiry notice
-- (有効期限通知書), which encloses a new application form whose 申請書ID an application then
-- quotes (it is tied to the name and address printed, facts §2.5). One expiry notice per card.
CREATE TABLE card_notices (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('issue', 'renewal')),
    card_serial TEXT NOT NULL REFERENCES cards(serial),
    person_id TEXT NOT NULL REFERENCES persons(id),
    municipality_code TEXT NOT NULL,
    application_id TEXT,
    printed_at_us BIGINT NOT NULL
);
CREATE UNIQUE INDEX card_notices_application_id ON card_notices (application_id)
    WHERE application_id IS NOT NULL;
CREATE UNIQUE INDEX card_notices_one_renewal ON card_notices (card_serial)
    WHERE kind = 'renewal';
