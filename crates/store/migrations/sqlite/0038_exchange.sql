-- The exchange network (issue 14, docs/design/exchange.md; 番号法第19条第8号, 第21条の2, 第23条).
-- agency_units: each agency, or part of one the law treats apart, as the network names it
-- (131041/mayor), of a kind the permission table names, owned by a registered organisation,
-- with the P-256 key (hex point) answers are encrypted to.
-- agency_codes: the network's own table of the codes it issued (機関別符号), by unit, and whose
-- they are. No 取得番号 is stored anywhere: it lives only in the request that carried it.
-- exchange_copies: each unit's intermediate server (中間サーバー): the copies (副本) of the items
-- it provides, by the unit's code for the person, in the text core::exchange::CopyValues writes.
-- exchange_records: 情報提供等の記録 (第23条), kept by the requester, the provider and the network
-- each (keeper); subject is whom, as that keeper knows them (its code, or at the network the
-- person's internal id). non_disclosure and outcome as core::exchange writes them.
-- (sqlite dialect; keep in step with the other.)
CREATE TABLE agency_units (
    name TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL,
    display_name TEXT NOT NULL,
    encryption_key TEXT NOT NULL,
    registered_at_us BIGINT NOT NULL
);
CREATE INDEX agency_units_organisation ON agency_units (organisation_id);
CREATE TABLE agency_codes (
    unit TEXT NOT NULL REFERENCES agency_units(name),
    code TEXT NOT NULL,
    person_id TEXT NOT NULL,
    issued_at_us BIGINT NOT NULL,
    PRIMARY KEY (unit, code)
);
CREATE UNIQUE INDEX agency_codes_person ON agency_codes (person_id, unit);
CREATE TABLE exchange_copies (
    unit TEXT NOT NULL REFERENCES agency_units(name),
    item TEXT NOT NULL,
    code TEXT NOT NULL,
    copy TEXT NOT NULL,
    non_disclosure BIGINT NOT NULL,
    updated_at_us BIGINT NOT NULL,
    PRIMARY KEY (unit, item, code)
);
CREATE TABLE exchange_records (
    keeper TEXT NOT NULL,
    requester TEXT NOT NULL,
    request_id TEXT NOT NULL,
    provider TEXT NOT NULL,
    procedure TEXT NOT NULL,
    item TEXT NOT NULL,
    subject TEXT NOT NULL,
    requested_at_us BIGINT NOT NULL,
    answered_at_us BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    non_disclosure BIGINT NOT NULL,
    request_hash TEXT NOT NULL,
    PRIMARY KEY (keeper, requester, request_id)
);
CREATE INDEX exchange_records_subject ON exchange_records (keeper, subject, answered_at_us);
CREATE INDEX exchange_records_provider ON exchange_records (keeper, provider, answered_at_us);
