//! Prints on plain paper (issue 13, outside-world §4.3): sealing a print's front into its back
//! (スクランブル画像), opening a scan of the back for the inquiry page (証明書復号画像表示) and
//! `mynumber document verify`, and composing the 印鑑登録証明書 that kiosks print.
//!
//! A back is sealed in two layers (docs/design/kiosk.md): the front's text is signed with the
//! document key (Ed25519), then the signature and the deflated text are encrypted with
//! AES-256-GCM under a key derived from it, bound to the back's id. Only this system opens a
//! back; a changed symbol fails the tag, and a back made with another key fails both.

use std::io::{Read, Write};
use std::sync::Arc;

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use mynumber_core::document::VerificationCode;
use mynumber_core::print_back::{self, BackProblem, Front, SYMBOL_MAGIC};
use mynumber_core::{FieldError, Principal};
use mynumber_render::scan::ScanError;
use mynumber_render::{Fonts, RenderError, SealCertificate, render_seal_certificate};

use crate::documents::{IssuedDocument, printed_person};
use crate::ledger::Record;
use crate::{App, AppError, DocumentRow, SealRow, Tx};

/// The sealed format's first byte: its version.
const SEALED_V1: u8 = 1;
/// The longest front's text opened: 256 KiB (a household of 63 is under 64 KiB).
const MAX_FRONT: u64 = 256 * 1024;
/// The largest scan taken, in MiB: a 600 dpi gray PNG of an A4 page is under 16 MiB.
pub const MAX_SCAN_MIB: usize = 16;

/// Scans read at once. **Choice**: one, so that a public door whose read costs a third of a
/// second of a core (docs/performance.md), and more on a crafted image, never takes more than
/// one core from the register; a scan arriving while one is read is told to try again.
const SCANS_AT_ONCE: usize = 1;
static SCANS: std::sync::LazyLock<std::sync::Arc<tokio::sync::Semaphore>> =
    std::sync::LazyLock::new(|| std::sync::Arc::new(tokio::sync::Semaphore::new(SCANS_AT_ONCE)));

/// A back opened: the front as issued, and the register's record of that document.
#[derive(Debug)]
pub struct OpenedBack {
    /// The front as the back carries it.
    pub front: Front,
    /// The register's record of the document.
    pub row: DocumentRow,
}

fn scan_problem(e: &ScanError) -> FieldError {
    let field = |key: &'static str| FieldError::new("scan", key);
    match e {
        ScanError::Format => field("problem-back-format"),
        ScanError::TooLarge => field("problem-back-too-large").arg("max_mib", MAX_SCAN_MIB),
        ScanError::NoImage => field("problem-back-no-image"),
        _ => field("problem-back-damaged"),
    }
}

fn key(bytes: &[u8; 32]) -> Option<LessSafeKey> {
    UnboundKey::new(&AES_256_GCM, bytes)
        .ok()
        .map(LessSafeKey::new)
}

impl App {
    /// Seals a front into the symbols of its back: the front's text signed, deflated with its
    /// signature, and encrypted under the back key with the back's id (the nonce's first
    /// eight bytes) as associated data.
    pub(crate) fn seal_back(&self, front: &Front) -> Result<Vec<Vec<u8>>, RenderError> {
        let fail = |what: &str| RenderError::Back(what.to_owned());
        let text = front.to_text();
        // A back that would not open as this very front is never printed (a front beyond the
        // text's limits would be told "altered" to the holder of a genuine print).
        if Front::parse(&text).as_ref() != Some(front) {
            return Err(fail("the front is beyond what a back carries"));
        }
        let signature = self.documents.signing_key.sign_back(text.as_bytes());
        let mut plain = signature.to_vec();
        let mut deflate =
            flate2::write::DeflateEncoder::new(&mut plain, flate2::Compression::best());
        deflate
            .write_all(text.as_bytes())
            .and_then(|()| deflate.finish().map(|_| ()))
            .map_err(|_| fail("compressing the front"))?;
        let nonce: [u8; 12] = self.random_bytes();
        let mut id = [0u8; 8];
        id.copy_from_slice(&nonce[..8]);
        let key = key(&self.documents.signing_key.back_key()).ok_or_else(|| fail("the key"))?;
        key.seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(aad(&id)),
            &mut plain,
        )
        .map_err(|_| fail("encrypting the front"))?;
        let mut sealed = Vec::with_capacity(1 + 12 + plain.len());
        sealed.push(SEALED_V1);
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&plain);
        print_back::split(&sealed, id).ok_or_else(|| fail("the front is too long for one back"))
    }

    /// Opens the sealed bytes of a back: the front, or `Tampered`; `Ok(None)` for a back that
    /// opens and verifies but whose front does not read (a fault of this system's, not the
    /// paper's).
    fn open_back(&self, joined: print_back::Joined) -> Result<Option<Front>, BackProblem> {
        let (version, rest) = joined.sealed.split_first().ok_or(BackProblem::Tampered)?;
        if *version != SEALED_V1 || rest.len() < 12 + 16 + 64 {
            return Err(BackProblem::Tampered);
        }
        let (nonce, ciphertext) = rest.split_at(12);
        // The id in every symbol's header is the nonce's start: a symbol moved from another
        // back is refused by `join` (two ids) or here.
        if nonce[..8] != joined.id {
            return Err(BackProblem::Tampered);
        }
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| BackProblem::Tampered)?;
        let key = key(&self.documents.signing_key.back_key()).ok_or(BackProblem::Tampered)?;
        let mut buf = ciphertext.to_vec();
        let plain = key
            .open_in_place(nonce, Aad::from(aad(&joined.id)), &mut buf)
            .map_err(|_| BackProblem::Tampered)?;
        let (signature, deflated) = plain.split_at(64);
        let mut text = String::new();
        flate2::read::DeflateDecoder::new(deflated)
            .take(MAX_FRONT)
            .read_to_string(&mut text)
            .map_err(|_| BackProblem::Tampered)?;
        if !self
            .document_public_key()
            .verify_back(text.as_bytes(), signature)
        {
            return Err(BackProblem::Tampered);
        }
        Ok(Front::parse(&text))
    }

    /// 証明書復号画像表示: reads a scan of a print's back (PNG, JPEG or a scanner's PDF), opens
    /// it, and finds the document in the register. Anyone holding the paper may; the front it
    /// shows is recorded on the person it is about (`print-back-read`), as every reading is.
    /// The reading of the image runs off the async workers: it is the dearest step.
    pub async fn read_back(&self, scan: Vec<u8>) -> Result<OpenedBack, AppError> {
        let principal = Principal::Anonymous;
        self.permit(&principal, mynumber_core::Action::ReadPublic)
            .await?;
        // The turn is taken before anything else, and held by the reading thread itself: a
        // request given up (the client gone, its time out) does not free it while the image is
        // still being read.
        let turn = std::sync::Arc::clone(&SCANS)
            .try_acquire_owned()
            .map_err(|_| AppError::Unavailable("a scan is being read; try again".into()))?;
        let symbols = tokio::task::spawn_blocking(move || {
            let read = mynumber_render::scan::read_symbols(&scan);
            drop(turn);
            read
        })
        .await
        .map_err(|e| AppError::Unavailable(format!("reading the scan: {e}")))?
        .map_err(|e| AppError::from(scan_problem(&e)))?;
        let joined = print_back::join(&symbols).map_err(|p| AppError::from(p.problem()))?;
        let front = self
            .open_back(joined)
            .map_err(|p| AppError::from(p.problem()))?
            .ok_or_else(|| AppError::Unavailable("a genuine back's front does not read".into()))?;
        let code = VerificationCode::parse(&front.code)
            .ok_or_else(|| AppError::from(BackProblem::Tampered.problem()))?;
        let row = {
            let mut tx = self.store.begin_read().await?;
            tx.document(&code)
                .await?
                .ok_or(AppError::NotFound("document"))?
        };
        self.record(
            &principal,
            vec![Record {
                partition: row.municipality.as_str().to_owned(),
                action: "print-back-read",
                person: Some(row.person),
                purpose: None,
                detail: format!("document={code} kind={}", row.kind),
            }],
        )
        .await?;
        Ok(OpenedBack { front, row })
    }

    /// Composes, renders (with the back) and signs a 印鑑登録証明書 of `seal`, records it in the
    /// register of issued documents, and returns it with its ledger record. The caller has
    /// authorized and appends the record.
    pub(crate) async fn compose_seal_certificate(
        &self,
        tx: &mut dyn Tx,
        fonts: &Fonts,
        seal: &SealRow,
        issued_by: &str,
        now: i64,
    ) -> Result<(IssuedDocument, Vec<Record>), AppError> {
        let person = tx
            .person_by_id(seal.person)
            .await?
            .ok_or(AppError::NotFound("resident"))?;
        let history = crate::load::history(tx, &person.resident_code).await?;
        let record = history.current().resident.record.clone();
        let issuer = self.municipality_name_in(tx, seal.municipality).await?;
        let printed = printed_person(tx, &record).await?;
        let verification = VerificationCode::from_random(self.random_bytes());
        let mm = |um: u32| um as f32 / 1_000.0;
        let cert = SealCertificate {
            language: record.language().tag().to_owned(),
            person: printed.clone(),
            impression: Arc::new(seal.impression.clone()),
            impression_mm: (mm(seal.size.width_um), mm(seal.size.height_um)),
            municipality: issuer.clone(),
            issue_date: self.clock.today(),
            verification_code: verification.as_str().to_owned(),
            verify_url: self.documents.verify_url.clone(),
            copy_mark: true,
        };
        let seal_back = |front: &Front| self.seal_back(front);
        let pdf = render_seal_certificate(fonts, &cert, Some(&seal_back))
            .map_err(|e| AppError::Render(e.to_string()))?;
        let (signed, covered) = self.documents.signing_key.sign(&verification, &pdf);
        tx.insert_document(&DocumentRow {
            code: verification.clone(),
            kind: "seal-certificate".to_owned(),
            person: seal.person,
            municipality: seal.municipality,
            issued_at_us: now,
            issued_by: issued_by.to_owned(),
            digest: covered,
            summary: format!(
                "kind\tseal-certificate\nperson\t{}\t{}\nmunicipality\t{issuer}\n",
                printed.name, printed.birth_date
            ),
        })
        .await?;
        let records = vec![Record {
            partition: seal.municipality.as_str().to_owned(),
            action: "seal-certificate-issued",
            person: Some(seal.person),
            purpose: None,
            detail: format!("seal={} document={verification}", seal.id),
        }];
        Ok((
            IssuedDocument {
                code: verification,
                pdf: signed,
            },
            records,
        ))
    }
}

/// The associated data of a back's encryption: the symbols' magic and the back's id.
fn aad(id: &[u8; 8]) -> [u8; 12] {
    let mut out = [0u8; 12];
    out[..4].copy_from_slice(SYMBOL_MAGIC);
    out[4..].copy_from_slice(id);
    out
}
