//! Signing with the card (issue 12; docs/design/signing.md): a 署名検証者 starts a
//! sign-transaction with a digest or a DigestInfo; the resident signs it with the card's
//! signature key after the signature password, at a log-in that names the transaction; the
//! relying party collects the signature and the signature certificate, encrypted to its own
//! key (JWE). Also the verification service: a signature's certificate checked at signing
//! time and now, and the four items it carries.
//!
//! The JSON of the result is the API's: it hands the app an encoder, as for ID tokens.

use jiff::Timestamp;
use mynumber_core::certificate::CertificateStatus;
use mynumber_core::oidc::{
    ACCESS_TOKEN_S, CODE_S, LOGIN_S, SIGN_TRANSACTION_S, SignFormat, SignStatus, transaction_id,
};
use mynumber_core::organisation::{OrgRole, OrgStatus};
use mynumber_core::{Action, FieldError, Invalid, OrganisationId, Principal, Refused, Subject};
use mynumber_pki::{DigestInfo, Hierarchy, Inspected};

use crate::access::authorize;
use crate::collections::organisation_of;
use crate::ledger::{Record, append};
use crate::ports::{OidcLoginRow, SignTransactionRow};
use crate::revocation_info::{CertificateCheck, Verdict, timestamp};
use crate::{App, AppError};

/// Sign-transactions are kept this long after they end, for the result's collection.
const SIGN_KEPT_US: i64 = 3_600_000_000;

/// What a relying party hands over to be signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ToSign {
    /// The SHA-256 of the document (32 bytes).
    Digest(Vec<u8>),
    /// A DER DigestInfo (RFC 8017 §9.2): SHA-256, SHA-384 or SHA-512.
    DigestInfo(Vec<u8>),
}

/// A sign-transaction started.
#[derive(Clone, Debug)]
pub struct SignStarted {
    /// Its id: the authorization request's `sign_transaction_id`.
    pub id: String,
    /// How long it waits for the signature (seconds).
    pub expires_in: i64,
}

/// What the authentication app has the card sign for a sign-transaction.
#[derive(Clone, Debug)]
pub struct SignChallenge {
    /// The DigestInfo (DER) the card's signature key signs.
    pub digest_info: Vec<u8>,
    /// Raw or CMS.
    pub format: SignFormat,
    /// For CMS, the signed attributes whose SHA-256 the DigestInfo carries: the app shows the
    /// holder the document's digest and the signing time in them, not the attributes' digest.
    pub signed_attrs: Option<Vec<u8>>,
}

/// The card's answer to a sign-transaction: the signature certificate (DER) and the
/// signature over the transaction's DigestInfo.
#[derive(Clone)]
pub struct SignAnswer<'a> {
    /// The signature certificate.
    pub certificate: &'a [u8],
    /// The signature.
    pub signature: &'a [u8],
}

impl std::fmt::Debug for SignAnswer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignAnswer").finish_non_exhaustive()
    }
}

/// The result a relying party collects, before it is encrypted.
#[derive(Clone)]
pub struct SignResult {
    /// The transaction.
    pub id: String,
    /// Raw or CMS.
    pub format: SignFormat,
    /// The PKCS#1 v1.5 signature.
    pub signature: Vec<u8>,
    /// The signature certificate (DER).
    pub certificate: Vec<u8>,
    /// The detached CMS SignedData (DER), for the CMS format.
    pub cms: Option<Vec<u8>>,
    /// When the card signed (µs).
    pub signed_at_us: i64,
}

/// Never the certificate or the signature.
impl std::fmt::Debug for SignResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignResult")
            .field("id", &self.id)
            .field("format", &self.format)
            .finish_non_exhaustive()
    }
}

/// Writes the JWE's protected header from the recipient's `kid` and the ephemeral key's `x`
/// and `y`, and the result's JSON.
pub struct SignResultEncoder<'a> {
    /// The protected header.
    pub header: &'a (dyn Fn(&str, &str, &str) -> Vec<u8> + Sync),
    /// The plaintext.
    pub payload: &'a (dyn Fn(&SignResult) -> Vec<u8> + Sync),
}

impl std::fmt::Debug for SignResultEncoder<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignResultEncoder").finish_non_exhaustive()
    }
}

/// The card's signature over a log-in's document, checked.
pub(crate) enum SignCheck {
    /// In order so far: the transaction, signed (not yet stored), and the certificate's serial.
    Signed(SignTransactionRow, String),
    /// Refused: the transaction, why (a stable code for the ledger), the serial of the
    /// certificate of ours whose key made the signature, that certificate's holder (once
    /// looked up), and the answer.
    Refused {
        transaction: String,
        code: &'static str,
        signed_by: Option<String>,
        owner: Option<mynumber_core::PersonId>,
        error: AppError,
    },
}

/// What a relying party hands the verification service.
#[derive(Clone)]
pub enum ToVerify {
    /// A CMS SignedData (DER), and the content of a detached one.
    Cms {
        /// The signature.
        der: Vec<u8>,
        /// The signed content, when detached.
        content: Option<Vec<u8>>,
    },
    /// A PKCS#1 v1.5 signature over a DigestInfo, with the certificate that made it.
    Raw {
        /// The signature certificate (DER).
        certificate: Vec<u8>,
        /// The DigestInfo (DER) signed.
        digest_info: Vec<u8>,
        /// The signature.
        signature: Vec<u8>,
    },
}

/// Never the bytes: a signature certificate carries the four items.
impl std::fmt::Debug for ToVerify {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Cms { .. } => "ToVerify::Cms",
            Self::Raw { .. } => "ToVerify::Raw",
        })
    }
}

/// Where the signing time the service checked the certificate at comes from. Neither is a
/// trusted timestamp (RFC 3161): both are claims, and the report says whose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigningTimeSource {
    /// The signingTime in the CMS signed attributes, covered by the signature (for this
    /// system's CMS, written by the provider when the sign-transaction started).
    Signature,
    /// The relying party's `signed_at`.
    RelyingParty,
}

impl SigningTimeSource {
    /// Its stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Signature => "signature",
            Self::RelyingParty => "relying-party",
        }
    }
}

/// What the verification service found.
#[derive(Clone)]
pub struct SignatureReport {
    /// The certificate, read.
    pub certificate: Inspected,
    /// Whether it is a signature certificate of this system.
    pub signature_certificate: bool,
    /// When it was signed, and who says so.
    pub signed_at: Option<(Timestamp, SigningTimeSource)>,
    /// The certificate's status at that time.
    pub at_signing: Option<Verdict>,
    /// The certificate's status now.
    pub now: CertificateCheck,
}

/// Never the certificate's four items.
impl std::fmt::Debug for SignatureReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignatureReport")
            .field("signature_certificate", &self.signature_certificate)
            .field("signed_at", &self.signed_at)
            .field("at_signing", &self.at_signing)
            .field("now", &self.now.verdict)
            .finish_non_exhaustive()
    }
}

impl App {
    /// Starts a sign-transaction for a 署名検証者: the digest the resident will be asked to
    /// sign, raw or as CMS. For CMS the digest must be SHA-256: it goes into the signed
    /// attributes, whose own SHA-256 the card signs.
    pub async fn start_sign_transaction(
        &self,
        principal: &Principal,
        to_sign: ToSign,
        format: SignFormat,
    ) -> Result<SignStarted, AppError> {
        self.permit(principal, Action::RequestSignature).await?;
        let organisation = organisation_of(principal, Action::RequestSignature)?;
        // The policy first: a refused organisation's attempt is recorded whatever it sent.
        let mut tx = self.store.begin().await?;
        let verifier = self.is_verifier(tx.as_mut(), organisation).await?;
        authorize!(
            self,
            tx,
            principal,
            Action::RequestSignature,
            &Subject::Signatures {
                organisation,
                verifier
            },
            "organisation"
        );
        let info = match &to_sign {
            ToSign::Digest(d) => DigestInfo::sha256(d)
                .map_err(|_| Invalid(vec![FieldError::new("digest", "problem-digest-length")]))?,
            ToSign::DigestInfo(der) => DigestInfo::parse(der).map_err(|_| {
                Invalid(vec![FieldError::new("digest_info", "problem-digest-info")])
            })?,
        };
        let now = self.clock.now_us();
        let (to_be_signed, signed_attrs) = match format {
            SignFormat::Raw => (info.to_der(), Vec::new()),
            SignFormat::Cms => {
                if info.algorithm != mynumber_pki::DigestAlgorithm::Sha256 {
                    return Err(Invalid(vec![FieldError::new(
                        "digest_info",
                        "problem-digest-cms",
                    )])
                    .into());
                }
                let attrs = mynumber_pki::signed_attributes(&info.digest, timestamp(now))
                    .map_err(AppError::NotVerified)?;
                (DigestInfo::sha256_of(&attrs).to_der(), attrs)
            }
        };
        let id = transaction_id(self.random_bytes());
        tx.insert_sign_transaction(
            &SignTransactionRow {
                id: id.clone(),
                organisation,
                format,
                to_be_signed,
                signed_attrs,
                status: SignStatus::Pending,
                login: None,
                person: None,
                certificate: None,
                signature: None,
                signed_at_us: None,
                created_at_us: now,
                expires_at_us: now + SIGN_TRANSACTION_S * 1_000_000,
            },
            now - SIGN_KEPT_US,
        )
        .await?;
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![Record::national(
                "sign-transaction-started",
                format!(
                    "organisation={organisation} transaction={id} format={} digest={}",
                    format.code(),
                    info.algorithm.name()
                ),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(SignStarted {
            id,
            expires_in: SIGN_TRANSACTION_S,
        })
    }

    /// Whether an organisation in force is registered as 署名検証者.
    async fn is_verifier(
        &self,
        tx: &mut dyn crate::Tx,
        organisation: OrganisationId,
    ) -> Result<bool, AppError> {
        Ok(tx.organisation(organisation).await?.is_some_and(|o| {
            o.status == OrgStatus::Active && o.roles.contains(&OrgRole::SignatureVerifier)
        }))
    }

    /// The sign-transaction a new log-in names: the client's own, still waiting.
    pub(crate) async fn sign_transaction_for_login(
        &self,
        tx: &mut dyn crate::Tx,
        id: &str,
        client: OrganisationId,
        now: i64,
    ) -> Result<bool, AppError> {
        Ok(tx.sign_transaction(id).await?.is_some_and(|t| {
            t.organisation == client && t.status == SignStatus::Pending && t.expires_at_us > now
        }))
    }

    /// What the card signs for a log-in's sign-transaction, if it carries one still waiting.
    pub(crate) async fn sign_challenge(
        &self,
        tx: &mut dyn crate::ReadTx,
        login: &OidcLoginRow,
        now: i64,
    ) -> Result<Option<SignChallenge>, AppError> {
        let Some(id) = &login.sign_transaction else {
            return Ok(None);
        };
        let t = pending(tx.sign_transaction(id).await?, login, now)?;
        Ok(Some(SignChallenge {
            digest_info: t.to_be_signed,
            signed_attrs: (t.format == SignFormat::Cms).then_some(t.signed_attrs),
            format: t.format,
        }))
    }

    /// Checks the card's answer to a log-in's sign-transaction before the log-in is taken:
    /// the signature over the transaction's DigestInfo with the certificate's key, and the
    /// certificate: this system's signature certificate, valid at this moment. A refusal is
    /// returned, not raised, so that the caller records it on the log-in's holder.
    pub(crate) async fn check_sign_answer(
        &self,
        login: &OidcLoginRow,
        answer: Option<&SignAnswer<'_>>,
        now: i64,
    ) -> Result<Option<SignCheck>, AppError> {
        let Some(id) = &login.sign_transaction else {
            return Ok(None);
        };
        let t = {
            let mut tx = self.store.begin_lookup().await?;
            pending(tx.sign_transaction(id).await?, login, now)?
        };
        let Some(answer) = answer else {
            return Err(refused(
                "the log-in carries a document to sign: the signature is missing".into(),
            ));
        };
        let transaction = t.id.clone();
        let refusal = |code: &'static str, signed_by: Option<String>, error: AppError| {
            Ok(Some(SignCheck::Refused {
                transaction: transaction.clone(),
                code,
                signed_by,
                owner: None,
                error,
            }))
        };
        if let Err(e) =
            mynumber_pki::verify_digest_info(answer.certificate, &t.to_be_signed, answer.signature)
        {
            return refusal("signature-not-valid", None, AppError::NotVerified(e));
        }
        let check = self
            .check_certificate(answer.certificate, timestamp(now))
            .await?;
        // The signature verified: this certificate's key made it. If it is one of ours, its
        // holder learns of the refusal too (recheck_signature looks them up).
        let serial = hex::encode(&check.certificate.serial);
        let signed_by = check.hierarchy.is_some().then(|| serial.clone());
        if check.verdict != Verdict::Valid {
            return refusal(
                verdict_code(&check.verdict),
                signed_by,
                refused(format!("the signature certificate is {}", check.verdict)),
            );
        }
        if check.hierarchy != Some(Hierarchy::Signature) {
            return refusal(
                "not-signature-certificate",
                signed_by,
                refused("not valid: it is not a signature certificate".into()),
            );
        }
        Ok(Some(SignCheck::Signed(
            SignTransactionRow {
                status: SignStatus::Signed,
                login: Some(login.id.clone()),
                certificate: Some(answer.certificate.to_vec()),
                signature: Some(answer.signature.to_vec()),
                signed_at_us: Some(now),
                ..t
            },
            serial,
        )))
    }

    /// Checks a signature again in the log-in's write transaction, once the card's holder is
    /// known: the signature certificate must be theirs, and still in force (a suspension
    /// committed since the first check is seen here).
    pub(crate) async fn recheck_signature(
        &self,
        tx: &mut dyn crate::Tx,
        person: mynumber_core::PersonId,
        checked: SignCheck,
    ) -> Result<SignCheck, AppError> {
        let (t, serial) = match checked {
            SignCheck::Signed(t, serial) => (t, serial),
            SignCheck::Refused {
                transaction,
                code,
                signed_by: Some(serial),
                owner: None,
                error,
            } => {
                let owner = tx.certificate(&serial).await?.map(|c| c.person);
                return Ok(SignCheck::Refused {
                    transaction,
                    code,
                    signed_by: Some(serial),
                    owner,
                    error,
                });
            }
            refused @ SignCheck::Refused { .. } => return Ok(refused),
        };
        let refusal = |code: &'static str, owner, reason: String| {
            Ok(SignCheck::Refused {
                transaction: t.id.clone(),
                code,
                signed_by: Some(serial.clone()),
                owner,
                error: AppError::Refused(Refused {
                    state: "certificate".into(),
                    procedure: "sign",
                    reason,
                }),
            })
        };
        let Some(cert) = tx.certificate(&serial).await? else {
            return refusal("not-in-register", None, Verdict::NotInRegister.to_string());
        };
        if cert.person != person {
            return refusal(
                "not-the-holders",
                Some(cert.person),
                "the signature certificate is not the card holder's".into(),
            );
        }
        if cert.status != CertificateStatus::Good || cert.hierarchy != Hierarchy::Signature.code() {
            return refusal(
                "no-longer-in-force",
                None,
                "the signature certificate is no longer in force".into(),
            );
        }
        Ok(SignCheck::Signed(t, serial))
    }

    /// Records a refused signature on the log-in's holder, and on the signature certificate's
    /// holder when that is someone else, in a transaction of its own: the log-in itself is
    /// not taken.
    pub(crate) async fn record_sign_refusal(
        &self,
        mut tx: Box<dyn crate::Tx>,
        person: mynumber_core::PersonId,
        login: &OidcLoginRow,
        refusal: SignCheck,
        now: i64,
    ) -> Result<AppError, AppError> {
        let SignCheck::Refused {
            transaction,
            code,
            owner,
            error,
            ..
        } = refusal
        else {
            return Err(AppError::Conflict);
        };
        let detail = format!(
            "organisation={} transaction={transaction} reason={code}",
            login.organisation
        );
        let mut records = vec![
            Record::on_person(tx.as_mut(), person, "document-sign-refused", detail.clone()).await?,
        ];
        if let Some(owner) = owner.filter(|o| *o != person) {
            records.push(
                Record::on_person(tx.as_mut(), owner, "document-sign-refused", detail).await?,
            );
        }
        append(
            tx.as_mut(),
            &Principal::Resident(person).ledger_name(),
            now,
            records,
        )
        .await?;
        tx.commit().await?;
        Ok(error)
    }

    /// Stores a checked signature in the log-in's transaction. The caller rechecked it
    /// ([`App::recheck_signature`]) and decided `sign-document` for this person in the same
    /// transaction (its transaction is the one a refusal must end).
    pub(crate) async fn record_signature(
        &self,
        tx: &mut dyn crate::Tx,
        person: mynumber_core::PersonId,
        signed: (SignTransactionRow, String),
        now: i64,
    ) -> Result<(), AppError> {
        let (t, serial) = signed;
        let principal = Principal::Resident(person);
        let organisation = t.organisation;
        let row = SignTransactionRow {
            person: Some(person),
            // The result waits as long as the log-in's consent, its code and the access token
            // may still come after the signature.
            expires_at_us: now + (LOGIN_S + CODE_S + ACCESS_TOKEN_S) * 1_000_000,
            ..t
        };
        if !tx.sign_transaction_signed(&row).await? {
            return Err(AppError::Conflict);
        }
        let record = Record::on_person(
            tx,
            person,
            "document-signed",
            format!(
                "organisation={organisation} transaction={} certificate={serial}",
                row.id
            ),
        )
        .await?;
        append(tx, &principal.ledger_name(), now, vec![record]).await?;
        Ok(())
    }

    /// The result of a sign-transaction, for the relying party holding the access token of
    /// the log-in that signed it: a compact JWE (ECDH-ES, A256GCM) to the organisation's
    /// newest key in force. Each collection is recorded on the resident (the signature
    /// certificate carries their four items).
    pub async fn sign_result(
        &self,
        principal: &Principal,
        token: &str,
        id: &str,
        encode: SignResultEncoder<'_>,
    ) -> Result<String, AppError> {
        let now = self.clock.now_us();
        let (mut tx, grant) = self
            .granted(principal, Action::ReadSignature, token, now)
            .await?;
        let login = tx
            .oidc_login(&grant.login)
            .await?
            .ok_or(AppError::NotFound("sign-transaction"))?;
        if login.sign_transaction.as_deref() != Some(id) {
            return Err(AppError::NotFound("sign-transaction"));
        }
        let t = tx
            .sign_transaction(id)
            .await?
            .filter(|t| t.organisation == grant.organisation)
            .ok_or(AppError::NotFound("sign-transaction"))?;
        let (Some(signature), Some(certificate), Some(signed_at_us), Some(person)) =
            (t.signature, t.certificate, t.signed_at_us, t.person)
        else {
            return Err(AppError::Refused(Refused {
                state: "pending sign-transaction".into(),
                procedure: "sign-result",
                reason: "the resident has not signed it".into(),
            }));
        };
        // The result is kept as long as the log-in's code and token may ask for it, no longer.
        if person != grant.person
            || t.login.as_deref() != Some(login.id.as_str())
            || t.expires_at_us <= now
        {
            return Err(AppError::NotFound("sign-transaction"));
        }
        let cms = match t.format {
            SignFormat::Raw => None,
            SignFormat::Cms => {
                let ca = tx
                    .authority(Hierarchy::Signature.code())
                    .await?
                    .map(|(der, _)| der)
                    // The signature was checked against this authority: its absence now is
                    // this deployment's fault, not the relying party's.
                    .ok_or_else(|| {
                        AppError::Unavailable("the signature authority is not set up".into())
                    })?;
                Some(
                    mynumber_pki::detached_signed_data(
                        &t.signed_attrs,
                        &signature,
                        &certificate,
                        &[ca.as_slice()],
                    )
                    .map_err(|e| AppError::Unavailable(format!("building the CMS: {e}")))?,
                )
            }
        };
        let key = tx
            .organisation_keys(grant.organisation)
            .await?
            .into_iter()
            .filter(|k| k.revoked_at_us.is_none())
            .max_by_key(|k| k.registered_at_us)
            .ok_or(AppError::Refused(Refused {
                state: "no key".into(),
                procedure: "sign-result",
                reason: "the organisation has no key in force to encrypt the result to".into(),
            }))?;
        let result = SignResult {
            id: t.id.clone(),
            format: t.format,
            signature,
            certificate,
            cms,
            signed_at_us,
        };
        let payload = (encode.payload)(&result);
        let kid = key.kid.clone();
        let jwe = mynumber_pki::jose::encrypt_ecdh_es_a256gcm(
            &key.public_key,
            &self.random_bytes(),
            &self.random_bytes(),
            &|x, y| (encode.header)(&kid, x, y),
            &payload,
        )
        .map_err(|e| AppError::Unavailable(format!("encrypting the result: {e}")))?;
        let record = Record::on_person(
            tx.as_mut(),
            person,
            "signature-collected",
            format!(
                "organisation={} transaction={} kid={}",
                grant.organisation, t.id, key.kid
            ),
        )
        .await?;
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        tx.commit().await?;
        Ok(jwe)
    }

    /// The verification service for 署名検証者: the signature over its content, then its
    /// certificate at the time of signing (the CMS signingTime, else `signed_at`) and now,
    /// and the four items it carries. A プラットフォーム事業者 may verify `on_behalf_of` an
    /// organisation registered through it. A certificate of this system's register has the
    /// verification recorded on its holder.
    pub async fn verify_signature_for(
        &self,
        principal: &Principal,
        given: ToVerify,
        signed_at: Option<Timestamp>,
        on_behalf_of: Option<OrganisationId>,
    ) -> Result<SignatureReport, AppError> {
        self.permit(principal, Action::VerifySignature).await?;
        let organisation = organisation_of(principal, Action::VerifySignature)?;
        {
            let mut tx = self.store.begin().await?;
            let mut verifier = self.is_verifier(tx.as_mut(), organisation).await?;
            // For another organisation: only as the platform it is registered through, and
            // while it is in force.
            if let Some(client) = on_behalf_of {
                verifier = verifier
                    && tx.organisation_platform(client).await? == Some(organisation)
                    && tx
                        .organisation(client)
                        .await?
                        .is_some_and(|o| o.status == OrgStatus::Active);
            }
            authorize!(
                self,
                tx,
                principal,
                Action::VerifySignature,
                &Subject::Signatures {
                    organisation,
                    verifier
                },
                "organisation"
            );
        }
        let (certificate, claimed) = match given {
            ToVerify::Cms { der, content } => {
                let signed = mynumber_pki::verify_signature(&der, content.as_deref())
                    .map_err(AppError::NotVerified)?;
                (signed.signer, signed.signing_time)
            }
            ToVerify::Raw {
                certificate,
                digest_info,
                signature,
            } => {
                mynumber_pki::verify_digest_info(&certificate, &digest_info, &signature)
                    .map_err(AppError::NotVerified)?;
                (certificate, None)
            }
        };
        let now = self.clock.now_us();
        let signed_at = claimed
            .map(|t| (t, SigningTimeSource::Signature))
            .or(signed_at.map(|t| (t, SigningTimeSource::RelyingParty)));
        let at_signing = match signed_at {
            Some((at, _)) => Some(self.check_certificate(&certificate, at).await?.verdict),
            None => None,
        };
        let check = self.check_certificate(&certificate, timestamp(now)).await?;
        let serial = hex::encode(&check.certificate.serial);
        let mut tx = self.store.begin().await?;
        if check.hierarchy.is_some()
            && let Some(row) = tx.certificate(&serial).await?
        {
            let record = Record::on_person(
                tx.as_mut(),
                row.person,
                "signature-verified",
                format!(
                    "organisation={organisation}{} certificate={serial} now={}",
                    on_behalf_of
                        .map(|c| format!(" for={c}"))
                        .unwrap_or_default(),
                    verdict_code(&check.verdict)
                ),
            )
            .await?;
            append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        }
        tx.commit().await?;
        Ok(SignatureReport {
            signature_certificate: check.hierarchy == Some(Hierarchy::Signature),
            certificate: check.certificate.clone(),
            signed_at,
            at_signing,
            now: check,
        })
    }
}

/// 最新基本4情報: a signature certificate's holder's four items as the register holds them
/// now.
#[derive(Clone)]
pub struct LatestFour {
    /// 氏名, as a certificate writes it.
    pub name: String,
    /// 住所, as the card's text application writes it (full-width digits).
    pub address: String,
    /// 生年月日 (YYYY-MM-DD).
    pub birthdate: String,
    /// 性別: male or female.
    pub gender: &'static str,
    /// Whether any differs from what the certificate carries.
    pub changed: bool,
    /// The certificate's status now (a change of the four revokes it, facts §2.8).
    pub certificate_now: Verdict,
}

/// Never the items.
impl std::fmt::Debug for LatestFour {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LatestFour")
            .field("changed", &self.changed)
            .field("certificate_now", &self.certificate_now)
            .finish_non_exhaustive()
    }
}

impl App {
    /// 最新基本4情報提供 (outside-world §2.2): for a 署名検証者 holding a signature certificate
    /// of this system, its holder's four items as the register holds them now, if the holder
    /// consented to this organisation receiving them (`latest_four` at a log-in, for a year).
    /// A refusal for want of consent is recorded on the holder, as each provision is.
    pub async fn latest_four_for(
        &self,
        principal: &Principal,
        certificate: &[u8],
    ) -> Result<LatestFour, AppError> {
        self.permit(principal, Action::ReadLatestFour).await?;
        let organisation = organisation_of(principal, Action::ReadLatestFour)?;
        {
            let mut tx = self.store.begin().await?;
            let verifier = self.is_verifier(tx.as_mut(), organisation).await?;
            authorize!(
                self,
                tx,
                principal,
                Action::ReadLatestFour,
                &Subject::Signatures {
                    organisation,
                    verifier
                },
                "organisation"
            );
        }
        let now = self.clock.now_us();
        let check = self.check_certificate(certificate, timestamp(now)).await?;
        if check.hierarchy != Some(Hierarchy::Signature) {
            return Err(Invalid(vec![FieldError::new(
                "certificate",
                "problem-latest-four-certificate",
            )])
            .into());
        }
        let serial = hex::encode(&check.certificate.serial);
        let mut tx = self.store.begin().await?;
        let person = tx
            .certificate(&serial)
            .await?
            .ok_or(AppError::NotFound("certificate"))?
            .person;
        let consented = tx
            .latest_four_consent(person, organisation)
            .await?
            .is_some_and(|until| until > now);
        if !consented {
            let record = Record::on_person(
                tx.as_mut(),
                person,
                "latest-four-refused",
                format!("organisation={organisation} certificate={serial} reason=no-consent"),
            )
            .await?;
            append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
            tx.commit().await?;
            return Err(AppError::Refused(Refused {
                state: "no consent".into(),
                procedure: "latest-four",
                reason: "the certificate's holder has not consented to this organisation \
                         receiving their latest four items"
                    .into(),
            }));
        }
        let v = crate::load::current_version(tx.as_mut(), person).await?;
        let record = &v.resident.record;
        // As certificates and the card's text application write it (full-width digits).
        let address =
            mynumber_pki::full_width_digits(&self.written_address(tx.as_mut(), record).await?);
        let name = crate::certificates::certificate_name(record);
        let birth = record.birth_date();
        let changed = check.certificate.four.as_ref().is_none_or(|f| {
            f.name != name || f.address != address || f.birth_date != birth || f.sex != record.sex()
        });
        let latest = LatestFour {
            name,
            address,
            birthdate: crate::oidc::birthdate_claim(birth),
            gender: crate::oidc::gender_claim(record.sex()),
            changed,
            certificate_now: check.verdict,
        };
        let record = Record::on_person(
            tx.as_mut(),
            person,
            "latest-four-provided",
            format!("organisation={organisation} certificate={serial} changed={changed}"),
        )
        .await?;
        append(tx.as_mut(), &principal.ledger_name(), now, vec![record]).await?;
        tx.commit().await?;
        Ok(latest)
    }
}

/// A verdict's stable code, for the ledger and the API.
pub fn verdict_code(v: &Verdict) -> &'static str {
    match v {
        Verdict::Valid => "valid",
        Verdict::NotIssuedHere => "not-issued-here",
        Verdict::NotYetValid => "not-yet-valid",
        Verdict::Expired => "expired",
        Verdict::NotInRegister => "not-in-register",
        Verdict::OnHold { .. } => "on-hold",
        Verdict::Revoked { .. } => "revoked",
    }
}

/// The log-in's transaction, if it still waits for its signature.
fn pending(
    t: Option<SignTransactionRow>,
    login: &OidcLoginRow,
    now: i64,
) -> Result<SignTransactionRow, AppError> {
    match t {
        Some(t)
            if t.organisation == login.organisation
                && t.status == SignStatus::Pending
                && t.expires_at_us > now =>
        {
            Ok(t)
        }
        _ => Err(refused(
            "the document to sign is no longer waiting: start again from the service".into(),
        )),
    }
}

fn refused(reason: String) -> AppError {
    AppError::Refused(Refused {
        state: "sign-transaction".into(),
        procedure: "sign",
        reason,
    })
}
