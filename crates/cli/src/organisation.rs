//! `mynumber organisation`: the registry of organisations outside the municipalities, their
//! roles and purposes (issue 12, docs/design/organisations.md), for administrators of national
//! scope; listing and reading for auditors of national scope too.

use anyhow::{Result, anyhow};
use clap::Subcommand;
use mynumber_app::{App, OrganisationRow, PurposeInput};
use mynumber_core::{OrganisationId, Principal};

/// The organisation subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum OrganisationCommand {
    /// Register an organisation with its roles.
    Register {
        /// 法人番号: 13 digits, the check digit first.
        #[arg(long)]
        corporate_number: String,
        /// Its registered name (商号又は名称).
        #[arg(long)]
        name: String,
        /// A role (repeat for several): number-using, number-related, signature-verifier,
        /// authentication-verifier, platform.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
    },
    /// List the organisations registered, by name.
    List,
    /// One organisation with its purposes.
    Show {
        /// Its id (32 hex digits).
        id: String,
    },
    /// Suspend an organisation: nothing it sends is accepted until it is resumed.
    Suspend {
        /// Its id.
        id: String,
    },
    /// Lift an organisation's suspension.
    Resume {
        /// Its id.
        id: String,
    },
    /// Revoke an organisation, for good.
    Revoke {
        /// Its id.
        id: String,
    },
    /// Register a purpose for an organisation whose roles collect numbers.
    Purpose {
        /// The organisation's id.
        id: String,
        /// A code, kebab case (withholding-slip), never reused by the organisation.
        #[arg(long)]
        code: String,
        /// The affair (源泉徴収票作成事務).
        #[arg(long)]
        affair: String,
        /// The law it is done under (所得税法第226条).
        #[arg(long)]
        basis: String,
        /// An item it may receive besides the number (repeat): name, address, birthdate,
        /// gender.
        #[arg(long = "item")]
        items: Vec<String>,
        /// Years a number may be kept after the affair ends (1–10).
        #[arg(long)]
        retention_years: String,
    },
    /// Register a public key (ES256, P-256) the organisation signs its assertions with.
    Key {
        /// The organisation's id.
        id: String,
        /// The key id its assertions name (`kid`).
        #[arg(long)]
        kid: String,
        /// The JWK's `x` (base64url; it may begin with `-`, one in 64 does).
        #[arg(long, allow_hyphen_values = true)]
        x: String,
        /// The JWK's `y` (base64url; it may begin with `-`).
        #[arg(long, allow_hyphen_values = true)]
        y: String,
    },
    /// Register the プラットフォーム事業者 the organisation (a サービスプロバイダ) verifies
    /// signatures through, or end it with --none.
    Platform {
        /// The organisation's id.
        id: String,
        /// The platform operator's organisation id.
        #[arg(required_unless_present = "none")]
        platform: Option<String>,
        /// No platform any more.
        #[arg(long, conflicts_with = "platform")]
        none: bool,
    },
    /// Register the organisation as a relying party of log-in with the card: where codes may
    /// be sent (each matched exactly) and where the browser may return after logging out.
    Client {
        /// The organisation's id (its client_id).
        id: String,
        /// A redirection URI (repeat for several): https, or http on the loopback.
        #[arg(long = "redirect-uri", required = true)]
        redirect_uris: Vec<String>,
        /// A logout URI (repeat for several).
        #[arg(long = "logout-uri")]
        logout_uris: Vec<String>,
    },
    /// Rotate the key that signs ID tokens: the old one is still published for a day.
    RotateLoginKey,
    /// Withdraw a purpose: nothing more is collected for it.
    WithdrawPurpose {
        /// The organisation's id.
        id: String,
        /// The purpose's code.
        code: String,
    },
}

fn id(s: &str) -> Result<OrganisationId> {
    OrganisationId::parse(s.trim())
        .ok_or_else(|| anyhow!("{s:?} is not an organisation id (32 hex digits)"))
}

fn line(o: &OrganisationRow) -> String {
    let roles: Vec<&str> = o.roles.iter().map(|r| r.code()).collect();
    format!(
        "{}\t{}\t{}\t{}\t{}",
        o.id,
        o.corporate_number.digits(),
        o.status.code(),
        roles.join(","),
        o.name
    )
}

async fn change(app: &App, who: &Principal, given: &str, event: &str) -> Result<()> {
    let o = app.change_organisation(who, id(given)?, event).await?;
    println!("{}", line(&o));
    Ok(())
}

/// Runs one subcommand as `who`.
pub(crate) async fn run(app: &App, who: &Principal, command: OrganisationCommand) -> Result<()> {
    use OrganisationCommand as C;
    match command {
        C::Register {
            corporate_number,
            name,
            roles,
        } => {
            let roles: Vec<&str> = roles.iter().map(String::as_str).collect();
            let o = app
                .register_organisation(who, &corporate_number, &name, &roles)
                .await?;
            println!("{}", line(&o));
        }
        C::List => {
            for o in app.organisations(who).await? {
                println!("{}", line(&o));
            }
        }
        C::Show { id: given } => {
            let v = app.organisation(who, id(&given)?).await?;
            println!("{}", line(&v.organisation));
            for p in &v.purposes {
                let items: Vec<&str> = p.purpose.items.iter().map(|i| i.code()).collect();
                println!(
                    "purpose\t{}\t{}\t{}\t{}\tkept {} years after the affair ends{}",
                    p.purpose.code,
                    p.purpose.affair,
                    p.purpose.basis,
                    items.join(","),
                    p.purpose.retention_years,
                    if p.withdrawn_at_us.is_some() {
                        "\twithdrawn"
                    } else {
                        ""
                    }
                );
            }
        }
        C::Suspend { id: given } => change(app, who, &given, "suspend").await?,
        C::Resume { id: given } => change(app, who, &given, "resume").await?,
        C::Revoke { id: given } => change(app, who, &given, "revoke").await?,
        C::Purpose {
            id: given,
            code,
            affair,
            basis,
            items,
            retention_years,
        } => {
            let input = PurposeInput {
                code: &code,
                affair: &affair,
                basis: &basis,
                items: items.iter().map(String::as_str).collect(),
                retention_years: &retention_years,
            };
            let p = app.register_purpose(who, id(&given)?, &input).await?;
            println!("purpose {} registered", p.purpose.code);
        }
        C::WithdrawPurpose { id: given, code } => {
            app.withdraw_purpose(who, id(&given)?, &code).await?;
            println!("purpose {} withdrawn", code.trim());
        }
        C::Key {
            id: given,
            kid,
            x,
            y,
        } => {
            let point = mynumber_pki::jose::p256_point(x.trim(), y.trim())
                .map_err(|e| anyhow!("--x and --y: {e}"))?;
            let k = app
                .register_organisation_key(who, id(&given)?, &kid, &point)
                .await?;
            println!("key {} registered for {}", k.kid, k.organisation);
        }
        C::Client {
            id: given,
            redirect_uris,
            logout_uris,
        } => {
            let c = app
                .register_oidc_client(who, id(&given)?, redirect_uris, logout_uris)
                .await?;
            println!(
                "client {} registered: {} redirection URIs, {} logout URIs; issuer {}",
                c.organisation,
                c.redirect_uris.len(),
                c.logout_uris.len(),
                app.issuer()
            );
        }
        C::Platform {
            id: given,
            platform,
            none: _,
        } => {
            let platform = platform.as_deref().map(id).transpose()?;
            app.set_organisation_platform(who, id(&given)?, platform)
                .await?;
            match platform {
                Some(p) => println!("{} verifies through the platform {p}", given.trim()),
                None => println!("{} goes through no platform", given.trim()),
            }
        }
        C::RotateLoginKey => {
            let kid = app.rotate_provider_key(who).await?;
            println!("ID tokens are signed with key {kid} from now on");
        }
    }
    Ok(())
}
