-- 個人番号カード: applications (with the photo, as received) and the cards made from them.
-- A card's private keys are never here: they exist only in the card file handed to the
-- holder (issue 5). The expiry, and how far an extension may reach, are dates (TEXT).
CREATE TABLE card_applications (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    municipality_code TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('counter', 'mail', 'online', 'photo-booth')),
    reason TEXT NOT NULL CHECK (reason IN ('first', 'reissue', 'reissue-free', 'renewal')),
    application_id TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('face-recognition', 'standard')),
    with_certificates BIGINT NOT NULL,
    express BIGINT NOT NULL,
    fee_yen BIGINT NOT NULL,
    photo BYTEA,
    applied_on TEXT NOT NULL,
    received_at_us BIGINT NOT NULL,
    -- The card made from it; set once, at production.
    card_serial TEXT
);
CREATE INDEX card_applications_person ON card_applications (person_id);

CREATE TABLE cards (
    serial TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    application TEXT NOT NULL REFERENCES card_applications(id),
    municipality_code TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('face-recognition', 'standard')),
    status TEXT NOT NULL CHECK (status IN ('produced', 'active', 'suspended', 'ended')),
    end_reason TEXT,
    expiry TEXT NOT NULL,
    birthday_limit TEXT NOT NULL,
    produced_at_us BIGINT NOT NULL,
    changed_at_us BIGINT NOT NULL,
    signature_certificate TEXT,
    authentication_certificate TEXT
);
CREATE INDEX cards_person ON cards (person_id);
-- What expires next, and what renewal notices are due for.
CREATE INDEX cards_expiry ON cards (status, expiry);
