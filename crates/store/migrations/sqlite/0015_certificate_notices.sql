-- The certificate expiry notices (電子証明書有効期限通知書, issue 10; facts §2.8): one per
-- certificate, printed in batches for certificates that expire before their card does.
-- (sqlite dialect; keep in step with the other.)
CREATE TABLE certificate_notices (
    certificate_serial TEXT PRIMARY KEY REFERENCES certificates(serial),
    card_serial TEXT NOT NULL REFERENCES cards(serial),
    person_id TEXT NOT NULL REFERENCES persons(id),
    municipality_code TEXT NOT NULL,
    printed_at_us BIGINT NOT NULL
);
