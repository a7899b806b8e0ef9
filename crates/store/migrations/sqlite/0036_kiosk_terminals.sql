-- コンビニ交付 (issue 13, docs/design/kiosk.md): the kiosk terminals registered under their chain
-- (an organisation with the kiosk-operator role), each with the shop it stands in and its
-- public key (ES256: a P-256 point, hex); and the kiosk sessions, each a card's challenge and
-- the step its terminal's signed requests have reached (a replayed step finds it past), and
-- the order once the resident chose (document, options, copies, and the fee quoted), the
-- document issued at payment (kept for a reprint until the print is confirmed), and the print.
-- (sqlite dialect; keep in step with the other.)
CREATE TABLE kiosk_terminals (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    shop_code TEXT NOT NULL,
    shop_name TEXT NOT NULL,
    public_key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'retired')),
    registered_at_us BIGINT NOT NULL,
    changed_at_us BIGINT NOT NULL
);
CREATE INDEX kiosk_terminals_organisation ON kiosk_terminals (organisation_id, registered_at_us);
CREATE TABLE kiosk_sessions (
    id TEXT PRIMARY KEY,
    terminal_id TEXT NOT NULL REFERENCES kiosk_terminals(id),
    shop_code TEXT NOT NULL,
    challenge TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('challenged', 'authenticated', 'ordered', 'paid', 'printed', 'ended')),
    step BIGINT NOT NULL,
    person_id TEXT REFERENCES persons(id),
    certificate_serial TEXT,
    document TEXT,
    options TEXT,
    copies BIGINT,
    fee_yen_each BIGINT,
    total_yen BIGINT,
    municipality_code TEXT,
    document_code TEXT,
    pdf BLOB,
    paid_at_us BIGINT,
    print_failures BIGINT NOT NULL,
    printed_at_us BIGINT,
    started_at_us BIGINT NOT NULL,
    expires_at_us BIGINT NOT NULL,
    changed_at_us BIGINT NOT NULL
);
CREATE INDEX kiosk_sessions_terminal ON kiosk_sessions (terminal_id, started_at_us);
-- The day's settlement reads the sessions printed in it.
CREATE INDEX kiosk_sessions_printed ON kiosk_sessions (printed_at_us);
-- The hourly sweep reads the sessions still open past their time, never the settled ones.
CREATE INDEX kiosk_sessions_open ON kiosk_sessions (expires_at_us)
    WHERE status NOT IN ('printed', 'ended');
