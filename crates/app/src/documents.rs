//! Documents issued to residents: the copy of the resident record (住民票の写し) and the
//! certificate of recorded matters (住民票記載事項証明書), signed so that the verification page
//! and `mynumber document verify` can confirm them; and the municipality names printed on them.

use std::sync::Arc;

use mynumber_core::card::{IdentityDocument, check_identity};
use mynumber_core::document::{
    DocumentError, DocumentPublicKey, DocumentSigningKey, VerificationCode,
};
use mynumber_core::{Action, Principal, Subject};
use mynumber_core::{
    FieldError, MunicipalityCode, RecordStatus, ResidentCode, ResidentRecord, STATUSES_OF_RESIDENCE,
};
use mynumber_render::{
    Fonts, PrintedForeign, PrintedPerson, RecordDocument, RecordEntry, RecordKind,
    render_record_with_back,
};

use crate::access::{authorize, current_scope, found, read};
use crate::ledger::{Record, append};
use crate::load;
use crate::ports::ReadTx;
use crate::{App, AppError, CurrentRow, DocumentRow, Tx, VersionRow};

/// What documents need: the signing key, the fonts, and where the verification page is.
#[derive(Clone, Debug)]
pub struct DocumentConfig {
    /// Signs every issued document.
    pub signing_key: Arc<DocumentSigningKey>,
    /// Where the fonts come from (loaded on first use).
    pub fonts: Arc<dyn FontSource>,
    /// The public URL of the verification page, printed on documents and in their QR code.
    pub verify_url: String,
    /// The server's public address (scheme, host, port; no trailing slash): the base of the
    /// URLs others must name, such as the token endpoint an organisation's assertion is for.
    pub public_url: String,
    /// How long a returned notification letter is held before it is destroyed.
    pub notice_retention_days: u32,
}

/// The fonts port: the shell reads the font files (once) when a document is first rendered.
pub trait FontSource: Send + Sync + std::fmt::Debug {
    /// The fonts, or why they cannot be loaded, naming the package to install.
    fn fonts(&self) -> Result<Arc<Fonts>, String>;
}

/// Items a clerk may add to a resident-record document; name, date of birth, sex and address
/// are always shown (住民基本台帳法第12条第5項: the rest only when asked for).
pub const RECORD_ITEMS: [(&str, &str); 7] = [
    (
        "household",
        "every member of the household, not only the person",
    ),
    (
        "householder",
        "the head of household and the relationship to them (世帯主・続柄)",
    ),
    ("previous-address", "the previous address (前住所)"),
    (
        "became-resident",
        "the date the person became a resident (住民となった日)",
    ),
    (
        "residence-status",
        "a foreign resident's nationality, status of residence and period of stay",
    ),
    ("resident-code", "the resident record code (住民票コード)"),
    (
        "individual-number",
        "the Individual Number (個人番号), only at the person's request",
    ),
];

/// What a clerk asks for.
#[derive(Clone, Debug)]
pub struct RecordRequest {
    /// Copy or certificate of recorded matters.
    pub kind: RecordKind,
    /// Item codes from [`RECORD_ITEMS`].
    pub items: Vec<String>,
    /// Why the Individual Number may be printed, when `individual-number` is asked for.
    pub number_basis: Option<NumberBasis>,
}

/// Why a document may carry the Individual Number: printing a number is reading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberBasis {
    /// The person's own request at the counter (住民基本台帳法第12条第5項: the number is
    /// shown only when the person, or a member of their household, asks for it), with the
    /// identity documents the requester showed.
    OwnRequest(Vec<IdentityDocument>),
    /// A lawful purpose (番号法第9条), for staff who may read numbers.
    Purpose(String),
}

/// An issued, signed document.
#[derive(Debug)]
pub struct IssuedDocument {
    /// The verification code printed on it.
    pub code: VerificationCode,
    /// The signed PDF.
    pub pdf: Vec<u8>,
}

/// A document checked against its signature and the register.
#[derive(Debug)]
pub struct CheckedDocument {
    /// The register's record of it.
    pub row: DocumentRow,
}

fn kind_code(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Copy => "resident-record-copy",
        RecordKind::RecordedMatters => "recorded-matters",
    }
}

/// The printed whole address: prefecture, municipality name (or its code when the name is not
/// configured, e.g. a previous address elsewhere) and the rest.
async fn address_text(tx: &mut dyn ReadTx, record: &ResidentRecord) -> Result<String, AppError> {
    let address = record.address();
    let municipality = tx
        .municipality_name(address.municipality())
        .await?
        .unwrap_or_else(|| format!("（{}）", address.municipality().as_str()));
    Ok(format!(
        "{}{}{}",
        address.prefecture().name(),
        municipality,
        address.rest()
    ))
}

fn joined(a: &str, b: Option<&str>) -> String {
    match b.filter(|b| !b.is_empty()) {
        Some(b) if !a.is_empty() => format!("{a} {b}"),
        Some(b) => b.to_owned(),
        None => a.to_owned(),
    }
}

/// The printed identity of a record.
pub(crate) async fn printed_person(
    tx: &mut dyn ReadTx,
    record: &ResidentRecord,
) -> Result<PrintedPerson, AppError> {
    let name = record.name();
    let kana = name.family_kana().map(|f| joined(f, name.given_kana()));
    Ok(PrintedPerson {
        name: joined(name.family(), Some(name.given())),
        name_kana: kana,
        latin_name: name.latin().map(str::to_owned),
        alias: name.alias().map(str::to_owned),
        birth_date: record.birth_date(),
        sex: record.sex(),
        address: address_text(tx, record).await?,
    })
}

impl App {
    pub(crate) fn fonts(&self) -> Result<Arc<Fonts>, AppError> {
        self.documents.fonts.fonts().map_err(AppError::Unavailable)
    }

    /// The public key that verifies issued documents.
    pub fn document_public_key(&self) -> DocumentPublicKey {
        self.documents.signing_key.public()
    }

    /// The verification page's public URL.
    pub fn verify_url(&self) -> &str {
        &self.documents.verify_url
    }

    /// The token endpoint's URL: the audience an organisation's assertion must name.
    pub fn token_endpoint(&self) -> String {
        format!("{}/api/v1/oauth/token", self.documents.public_url)
    }

    /// A municipality's printed name; documents refuse to print without one.
    pub(crate) async fn municipality_name_in(
        &self,
        tx: &mut dyn ReadTx,
        code: MunicipalityCode,
    ) -> Result<String, AppError> {
        tx.municipality_name(code).await?.ok_or_else(|| {
            AppError::Invalid(mynumber_core::Invalid(vec![
                FieldError::new("municipality", "problem-municipality-unnamed")
                    .arg("code", code.as_str()),
            ]))
        })
    }

    /// Sets the name printed for a municipality (e.g. 新宿区), recorded in the ledger.
    pub async fn set_municipality_name(
        &self,
        principal: &Principal,
        code: MunicipalityCode,
        name: &str,
    ) -> Result<(), AppError> {
        self.permit(principal, Action::NameMunicipality).await?;
        authorize!(
            self,
            (),
            principal,
            Action::NameMunicipality,
            &Subject::Municipality(code),
            "municipality"
        );
        // Printed on every document and shown on the verify page: the names' rule.
        let name = mynumber_core::clean_text("name", name, 40)?;
        if name.is_empty() {
            return Err(FieldError::new("name", "problem-municipality-name-required").into());
        }
        let name = name.as_str();
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        tx.set_municipality_name(code, name).await?;
        let record = Record {
            partition: code.as_str().to_owned(),
            action: "municipality-named",
            person: None,
            purpose: None,
            detail: format!("name={name}"),
        };
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        tx.commit().await.map_err(AppError::from)
    }

    /// Issues a copy of the resident record (or a certificate of recorded matters) with the
    /// items asked for, signed, registered under a fresh verification code, and recorded in the
    /// ledger: the issue on the person, a reading on every other member printed, and a reading
    /// of the number on everyone whose number is printed, with its basis (a lawful purpose, for
    /// staff who may read numbers, or the person's own request with the identity shown).
    pub async fn issue_resident_record(
        &self,
        principal: &Principal,
        code: &ResidentCode,
        request: &RecordRequest,
    ) -> Result<IssuedDocument, AppError> {
        self.permit(principal, Action::IssueResidentRecord).await?;
        let mut items = Vec::new();
        for item in &request.items {
            let known = RECORD_ITEMS.iter().find(|(c, _)| *c == item.trim());
            match known {
                Some((c, _)) => items.push(*c),
                None => {
                    let codes: Vec<&str> = RECORD_ITEMS.iter().map(|(c, _)| *c).collect();
                    return Err(FieldError::new("items", "problem-items")
                        .arg("codes", codes.join(", "))
                        .into());
                }
            }
        }
        let wants = |c: &str| items.contains(&c);
        // Printing a number is reading it: a lawful purpose and the number permission, or the
        // person's own request with their identity checked.
        let number_basis = match (wants("individual-number"), &request.number_basis) {
            (false, _) => None,
            (true, None) => {
                return Err(
                    FieldError::new("items", "problem-individual-number-printed-lawful").into(),
                );
            }
            (true, Some(NumberBasis::Purpose(p))) => {
                self.permit(principal, Action::PrintNumber).await?;
                Some(("purpose", self.purposes.parse(p)?.as_str().to_owned()))
            }
            (true, Some(NumberBasis::OwnRequest(documents))) => {
                check_identity(documents)?;
                let shown = documents
                    .iter()
                    .map(|d| d.code())
                    .collect::<Vec<_>>()
                    .join(",");
                Some(("own-request", shown))
            }
        };
        let fonts = self.fonts()?;
        let now = self.clock.now_us();
        let mut tx = self.store.begin().await?;
        let history = found!(
            self,
            tx,
            principal,
            Action::IssueResidentRecord,
            load::history(tx.as_mut(), code)
        );
        let current = history.current().clone();
        let person = history.person.clone();
        let municipality = current.resident.record.municipality();
        authorize!(
            self,
            tx,
            principal,
            Action::IssueResidentRecord,
            &current_scope(person.id, municipality),
            "resident"
        );
        if let Some(("purpose", _)) = number_basis {
            authorize!(
                self,
                tx,
                principal,
                Action::PrintNumber,
                &current_scope(person.id, municipality),
                "resident"
            );
        }
        let (issued, records) = self
            .compose_record(
                tx.as_mut(),
                &fonts,
                history,
                &current,
                request.kind,
                &items,
                number_basis.as_ref().map(|(b, d)| (*b, d.as_str())),
                &principal.ledger_name(),
                // The counter prints on the municipality's security paper.
                false,
                now,
            )
            .await?;
        append(tx.as_mut(), &principal.ledger_name(), now, records).await?;
        tx.commit().await?;
        Ok(issued)
    }

    /// Composes, renders and signs a resident-record document of `history`'s person (and, with
    /// `household` among `items`, the other members), records it in the register of issued
    /// documents, and returns it with its ledger records: the issue, each other member's
    /// record read, and each number printed (a reading, with its basis). Shared by the counter
    /// and the kiosk; the caller has authorized and appends the records. `plain_paper` (the
    /// kiosk's print) puts the latent 「複写」 under every page and the back after each one
    /// (prints.rs).
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn compose_record(
        &self,
        tx: &mut dyn Tx,
        fonts: &Fonts,
        history: load::History,
        current: &VersionRow,
        kind: RecordKind,
        items: &[&'static str],
        number_basis: Option<(&str, &str)>,
        issued_by: &str,
        plain_paper: bool,
        now: i64,
    ) -> Result<(IssuedDocument, Vec<Record>), AppError> {
        let wants = |c: &str| items.contains(&c);
        let load::History { person, versions } = history;
        let record = &current.resident.record;
        let municipality = record.municipality();
        let issuer = self.municipality_name_in(tx, municipality).await?;
        let removed = matches!(current.resident.status, RecordStatus::Removed { .. });

        // The person first, then (if asked and the record is active) the other members.
        let mut people: Vec<(CurrentRow, Vec<VersionRow>)> = vec![(
            CurrentRow {
                person: person.clone(),
                version: current.clone(),
            },
            versions,
        )];
        let members = if wants("household") || wants("householder") {
            tx.household_members(record.household()).await?
        } else {
            Vec::new()
        };
        if wants("household") && !removed {
            for m in members.iter().filter(|m| m.person.id != person.id) {
                let history = tx.versions(m.person.id).await?;
                people.push((m.clone(), history));
            }
        }
        let householder = members
            .iter()
            .find(|m| m.version.resident.record.relationship() == mynumber_core::Relationship::Head)
            .map(|m| {
                let n = m.version.resident.record.name();
                joined(n.family(), Some(n.given()))
            });

        let mut entries = Vec::with_capacity(people.len());
        let mut summary = format!("kind\t{}\n", kind_code(kind));
        for (row, history) in &people {
            let r = &row.version.resident.record;
            let printed = printed_person(tx, r).await?;
            summary.push_str(&format!(
                "person\t{}\t{}\n",
                printed.name, printed.birth_date
            ));
            let number = if number_basis.is_some() {
                tx.current_number(row.person.id).await?
            } else {
                None
            };
            let previous_address = if wants("previous-address") {
                self.previous_address(tx, history, r).await?
            } else {
                None
            };
            entries.push(RecordEntry {
                person: printed,
                relationship: wants("householder").then(|| r.relationship()),
                householder: if wants("householder") {
                    householder.clone()
                } else {
                    None
                },
                number,
                resident_code: wants("resident-code").then_some(row.person.resident_code),
                previous_address,
                became_resident: if wants("became-resident") {
                    mynumber_core::became_resident(
                        history
                            .iter()
                            .map(|v| (v.procedure.as_str(), v.effective_on)),
                    )
                } else {
                    None
                },
                foreign: if wants("residence-status") {
                    r.foreign().map(|f| PrintedForeign {
                        nationality: f.nationality().japanese_name().to_owned(),
                        status: STATUSES_OF_RESIDENCE
                            .iter()
                            .find(|(c, _)| *c == f.status().code())
                            .map_or(f.status().code(), |(_, ja)| *ja)
                            .to_owned(),
                        period_until: f.period_of_stay_until(),
                    })
                } else {
                    None
                },
            });
        }
        summary.push_str(&format!("items\t{}\n", items.join(",")));
        summary.push_str(&format!("municipality\t{issuer}\n"));

        let verification = VerificationCode::from_random(self.random_bytes());
        let today = self.clock.today();
        let document = RecordDocument {
            kind,
            language: record.language().tag().to_owned(),
            entries,
            removed,
            municipality: issuer,
            issue_date: today,
            verification_code: verification.as_str().to_owned(),
            verify_url: self.documents.verify_url.clone(),
            copy_mark: plain_paper,
        };
        let seal_back = |front: &mynumber_core::print_back::Front| self.seal_back(front);
        let back: Option<mynumber_render::SealBack<'_>> = plain_paper.then_some(&seal_back);
        let pdf = render_record_with_back(fonts, &document, back)
            .map_err(|e| AppError::Render(e.to_string()))?;
        let (signed, covered) = self.documents.signing_key.sign(&verification, &pdf);
        tx.insert_document(&DocumentRow {
            code: verification.clone(),
            kind: kind_code(kind).to_owned(),
            person: person.id,
            municipality,
            issued_at_us: now,
            issued_by: issued_by.to_owned(),
            digest: covered,
            summary,
        })
        .await?;
        let mut records = vec![Record {
            partition: municipality.as_str().to_owned(),
            action: "resident-record-issued",
            person: Some(person.id),
            purpose: None,
            detail: format!(
                "kind={} items={} document={}",
                kind_code(kind),
                items.join(","),
                verification
            ),
        }];
        for (row, _) in &people {
            let whose = row.person.id;
            let place = row.version.resident.record.municipality();
            if whose != person.id {
                records.push(read(
                    whose,
                    place,
                    "record",
                    &format!("document={verification}"),
                ));
            }
            // Each person whose number is printed: a reading of that number, with its basis.
            if let Some((basis, detail)) = number_basis {
                let (purpose, shown) = match basis {
                    "purpose" => (detail.to_owned(), String::new()),
                    _ => ("own-request".to_owned(), format!(" identity={detail}")),
                };
                records.push(Record {
                    partition: place.as_str().to_owned(),
                    action: "number-read",
                    person: Some(whose),
                    purpose: Some(purpose),
                    detail: format!("document={verification} basis={basis}{shown}"),
                });
            }
        }
        Ok((
            IssuedDocument {
                code: verification,
                pdf: signed,
            },
            records,
        ))
    }

    /// The address before the most recent move, if the history has one.
    async fn previous_address(
        &self,
        tx: &mut dyn Tx,
        history: &[VersionRow],
        current: &ResidentRecord,
    ) -> Result<Option<String>, AppError> {
        let mut sorted: Vec<&VersionRow> = history.iter().collect();
        sorted.sort_by_key(|v| std::cmp::Reverse(v.version));
        for v in sorted {
            if v.resident.record.address() != current.address() {
                return Ok(Some(address_text(tx, &v.resident.record).await?));
            }
        }
        Ok(None)
    }

    /// Looks up an issued document by the code printed on it (anyone holding the paper may).
    pub async fn document_by_code(&self, code: &str) -> Result<DocumentRow, AppError> {
        let code = VerificationCode::parse(code).ok_or_else(|| {
            AppError::from(FieldError::new(
                "code",
                "problem-verification-code-16-letters",
            ))
        })?;
        let mut tx = self.store.begin_read().await?;
        tx.document(&code)
            .await?
            .ok_or(AppError::NotFound("document"))
    }

    /// Checks a document file: signed by this deployment's key, unaltered, and in the register.
    pub async fn verify_document(&self, file: &[u8]) -> Result<CheckedDocument, AppError> {
        let verified = self
            .document_public_key()
            .verify(file)
            .map_err(AppError::Document)?;
        let mut tx = self.store.begin_read().await?;
        let row = tx
            .document(&verified.code)
            .await?
            .ok_or(AppError::NotFound("document"))?;
        if row.digest != verified.digest {
            return Err(AppError::Document(DocumentError::Altered));
        }
        Ok(CheckedDocument { row })
    }
}
