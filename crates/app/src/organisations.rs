//! The registry of organisations: an administrator of national scope registers them with their
//! roles and purposes, suspends, resumes and revokes them; each change is one transaction with
//! its ledger entry in the national partition (docs/design/organisations.md).

use mynumber_core::Invalid;
use mynumber_core::ledger::NATIONAL_PARTITION;
use mynumber_core::organisation::{OrgEvent, OrgStatus, PurposeRegistration, Registration};
use mynumber_core::{Action, FieldError, OrganisationId, Principal, Subject};

use crate::access::authorize;
use crate::ledger::{Record, append};
use crate::{App, AppError, OrganisationRow, PurposeRow, StoreError};

/// The most organisations one listing returns.
pub const ORGANISATIONS_LISTED: i64 = 500;

/// An organisation with its purposes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganisationView {
    /// The organisation.
    pub organisation: OrganisationRow,
    /// Its purposes, withdrawn ones too, by code.
    pub purposes: Vec<PurposeRow>,
}

/// What a purpose registration gives, as text from a form or a command line.
#[derive(Clone, Debug, Default)]
pub struct PurposeInput<'a> {
    /// The purpose's code.
    pub code: &'a str,
    /// The affair's name.
    pub affair: &'a str,
    /// The law.
    pub basis: &'a str,
    /// The data items besides the number.
    pub items: Vec<&'a str>,
    /// Years kept after the affair ends.
    pub retention_years: &'a str,
}

fn invalid(e: FieldError) -> AppError {
    AppError::Invalid(Invalid(vec![e]))
}

fn record(action: &'static str, detail: String) -> Record {
    Record {
        partition: NATIONAL_PARTITION.to_owned(),
        action,
        person: None,
        purpose: None,
        detail,
    }
}

impl App {
    /// Registers that an organisation (a サービスプロバイダ) verifies signatures through a
    /// プラットフォーム事業者, or with `None` that it no longer does. The platform must be
    /// another organisation in force, registered as a signature or authentication verifier,
    /// and not itself through a platform. National administrators only.
    pub async fn set_organisation_platform(
        &self,
        principal: &Principal,
        organisation: OrganisationId,
        platform: Option<OrganisationId>,
    ) -> Result<(), AppError> {
        self.permit(principal, Action::ManageOrganisations).await?;
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ManageOrganisations,
            &Subject::Everything,
            "organisation"
        );
        let org = tx
            .organisation(organisation)
            .await?
            .ok_or(AppError::NotFound("organisation"))?;
        if org.status == OrgStatus::Revoked {
            return Err(invalid(FieldError::new("organisation", "problem-platform")));
        }
        if let Some(p) = platform {
            let fit = p != organisation
                && tx.organisation(p).await?.is_some_and(|o| {
                    o.status == OrgStatus::Active && o.roles.iter().any(|r| r.verifies())
                })
                && tx.organisation_platform(p).await?.is_none();
            if !fit {
                return Err(invalid(FieldError::new("platform_id", "problem-platform")));
            }
        }
        let now = self.clock.now_us();
        tx.put_organisation_platform(organisation, platform, now)
            .await?;
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![match platform {
                Some(p) => record(
                    "organisation-platform-registered",
                    format!("organisation={organisation} platform={p}"),
                ),
                None => record(
                    "organisation-platform-ended",
                    format!("organisation={organisation}"),
                ),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Registers an organisation with its roles. A corporate number whose registration is in
    /// force is refused (`corporate_number`), naming nothing of the other registration.
    pub async fn register_organisation(
        &self,
        principal: &Principal,
        corporate_number: &str,
        name: &str,
        roles: &[&str],
    ) -> Result<OrganisationRow, AppError> {
        self.permit(principal, Action::ManageOrganisations).await?;
        let registration = Registration::new(corporate_number, name, roles)?;
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ManageOrganisations,
            &Subject::Everything,
            "organisation"
        );
        let now = self.clock.now_us();
        let taken = || {
            invalid(FieldError::new(
                "corporate_number",
                "problem-organisation-registered",
            ))
        };
        if tx
            .organisation_in_force(&registration.corporate_number)
            .await?
            .is_some()
        {
            return Err(taken());
        }
        let row = OrganisationRow {
            id: OrganisationId::time_ordered(self.now_ms(), self.random_bytes()),
            corporate_number: registration.corporate_number,
            name: registration.name,
            roles: registration.roles,
            status: OrgStatus::Active,
            registered_by: principal.ledger_name(),
            registered_at_us: now,
            status_at_us: now,
        };
        match tx.insert_organisation(&row).await {
            Err(StoreError::Conflict(_)) => return Err(taken()),
            other => other?,
        }
        let roles: Vec<&str> = row.roles.iter().map(|r| r.code()).collect();
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![record(
                "organisation-registered",
                format!(
                    "organisation={} corporate_number={} roles={}",
                    row.id,
                    row.corporate_number.digits(),
                    roles.join(",")
                ),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Suspends, resumes or revokes an organisation (`event`); a revocation is final.
    pub async fn change_organisation(
        &self,
        principal: &Principal,
        id: OrganisationId,
        event: &str,
    ) -> Result<OrganisationRow, AppError> {
        self.permit(principal, Action::ManageOrganisations).await?;
        let event = OrgEvent::parse_field("event", event).map_err(invalid)?;
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ManageOrganisations,
            &Subject::Everything,
            "organisation"
        );
        let mut row = tx
            .organisation(id)
            .await?
            .ok_or(AppError::NotFound("organisation"))?;
        let to = row.status.after(event).map_err(invalid)?;
        let now = self.clock.now_us();
        tx.set_organisation_status(id, row.status, to, now).await?;
        let action = match event {
            OrgEvent::Suspend => "organisation-suspended",
            OrgEvent::Resume => "organisation-resumed",
            OrgEvent::Revoke => "organisation-revoked",
        };
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![record(action, format!("organisation={id}"))],
        )
        .await?;
        tx.commit().await?;
        row.status = to;
        row.status_at_us = now;
        Ok(row)
    }

    /// Registers a purpose for an organisation in force whose roles collect numbers. A code is
    /// never reused by the same organisation, even once withdrawn (collections name it).
    pub async fn register_purpose(
        &self,
        principal: &Principal,
        id: OrganisationId,
        input: &PurposeInput<'_>,
    ) -> Result<PurposeRow, AppError> {
        self.permit(principal, Action::ManageOrganisations).await?;
        let purpose = PurposeRegistration::new(
            input.code,
            input.affair,
            input.basis,
            &input.items,
            input.retention_years,
        )?;
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ManageOrganisations,
            &Subject::Everything,
            "organisation"
        );
        let org = tx
            .organisation(id)
            .await?
            .ok_or(AppError::NotFound("organisation"))?;
        if org.status == OrgStatus::Revoked {
            return Err(invalid(
                FieldError::new("organisation", "problem-organisation-event")
                    .arg("event", "register-purpose")
                    .arg("status", org.status.code()),
            ));
        }
        if !org.roles.iter().any(|r| r.collects_numbers()) {
            return Err(invalid(FieldError::new(
                "organisation",
                "problem-organisation-collects-not",
            )));
        }
        let now = self.clock.now_us();
        let row = PurposeRow {
            organisation: id,
            purpose,
            registered_at_us: now,
            withdrawn_at_us: None,
        };
        match tx.insert_purpose(&row).await {
            Err(StoreError::Conflict(_)) => {
                return Err(invalid(
                    FieldError::new("code", "problem-purpose-taken")
                        .arg("given", row.purpose.code.clone()),
                ));
            }
            other => other?,
        }
        let items: Vec<&str> = row.purpose.items.iter().map(|i| i.code()).collect();
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![record(
                "purpose-registered",
                format!(
                    "organisation={id} purpose={} items={} retention_years={}",
                    row.purpose.code,
                    items.join(","),
                    row.purpose.retention_years
                ),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Withdraws a purpose in force: nothing more is collected for it.
    pub async fn withdraw_purpose(
        &self,
        principal: &Principal,
        id: OrganisationId,
        code: &str,
    ) -> Result<(), AppError> {
        self.permit(principal, Action::ManageOrganisations).await?;
        let mut tx = self.store.begin().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ManageOrganisations,
            &Subject::Everything,
            "organisation"
        );
        let now = self.clock.now_us();
        if !tx.withdraw_purpose(id, code.trim(), now).await? {
            return Err(AppError::NotFound("purpose"));
        }
        append(
            tx.as_mut(),
            &principal.ledger_name(),
            now,
            vec![record(
                "purpose-withdrawn",
                format!("organisation={id} purpose={}", code.trim()),
            )],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The organisations registered, by name (corporate data: public, no reading recorded).
    pub async fn organisations(
        &self,
        principal: &Principal,
    ) -> Result<Vec<OrganisationRow>, AppError> {
        self.permit(principal, Action::ReadOrganisations).await?;
        let mut tx = self.store.begin_read().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ReadOrganisations,
            &Subject::Everything,
            "organisation"
        );
        Ok(tx.organisations(ORGANISATIONS_LISTED).await?)
    }

    /// One organisation with its purposes.
    pub async fn organisation(
        &self,
        principal: &Principal,
        id: OrganisationId,
    ) -> Result<OrganisationView, AppError> {
        self.permit(principal, Action::ReadOrganisations).await?;
        let mut tx = self.store.begin_read().await?;
        authorize!(
            self,
            tx,
            principal,
            Action::ReadOrganisations,
            &Subject::Everything,
            "organisation"
        );
        let organisation = tx
            .organisation(id)
            .await?
            .ok_or(AppError::NotFound("organisation"))?;
        let purposes = tx.purposes(id).await?;
        Ok(OrganisationView {
            organisation,
            purposes,
        })
    }
}
