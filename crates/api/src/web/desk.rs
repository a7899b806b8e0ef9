//! The clerk's desk (窓口) in the browser: sign-in and its enrolment, the home page, the search,
//! and a resident's record with its history. Each screen calls the same use case as the JSON
//! API; each door asks the same policy.

use askama::Template;
use axum::Extension;
use axum::Form;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::from_fn;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use mynumber_app::{AppError, CurrentRow, Enrolment, SEARCH_LIMIT, SignInRefused, VersionRow};
use mynumber_core::{Action, RecordStatus, ResidentCode};
use serde::Deserialize;

use super::page::{Labels, Page, render};
use super::{DeskContext, FORM_COOKIE, LANG_COOKIE, Lang, SESSION_COOKIE, cookie, set_cookie};
use crate::AppState;
use crate::doors::{Access, Doors};

/// The issuer an authenticator app lists the code under.
const TOTP_ISSUER: &str = "mynumber";

/// Adds the desk's doors.
pub(crate) fn routes(doors: Doors) -> Doors {
    use axum::http::Method as M;
    let desk = Access::Desk;
    let public = Access::Public;
    doors
        .door(M::GET, "/static/{name}", public, get(super::static_file))
        .door(
            M::GET,
            "/static/fonts/{name}",
            public,
            get(super::font_file),
        )
        .door(M::GET, "/desk/language", public, get(language))
        .door(
            M::GET,
            "/desk/sign-in",
            public,
            get(sign_in_page).route_layer(from_fn(super::form_guard)),
        )
        .door(
            M::POST,
            "/desk/sign-in",
            public,
            post(sign_in).route_layer(from_fn(super::form_guard)),
        )
        .door(M::GET, "/desk/enrol", public, get(enrol_page))
        .door(
            M::POST,
            "/desk/enrol",
            public,
            post(enrol).route_layer(from_fn(super::form_guard)),
        )
        .door(
            M::POST,
            "/desk/enrol/confirm",
            public,
            post(confirm).route_layer(from_fn(super::form_guard)),
        )
        .door(
            M::POST,
            "/desk/sign-out",
            desk(Action::OwnCredentials),
            post(sign_out),
        )
        .door(M::GET, "/desk", desk(Action::OwnCredentials), get(home))
        .door(
            M::GET,
            "/desk/residents",
            desk(Action::SearchRecords),
            get(search_page),
        )
        .door(
            M::POST,
            "/desk/residents",
            desk(Action::SearchRecords),
            post(search),
        )
        .door(
            M::GET,
            "/desk/residents/{resident_code}",
            desk(Action::ReadRecord),
            get(resident),
        )
        .door(
            M::GET,
            "/desk/residents/new",
            desk(Action::RegisterResident),
            get(register_page),
        )
        .door(
            M::POST,
            "/desk/residents/new",
            desk(Action::RegisterResident),
            post(register),
        )
        .door(
            M::GET,
            "/desk/residents/{resident_code}/procedure",
            desk(Action::RecordProcedure),
            get(procedure_page),
        )
        .door(
            M::POST,
            "/desk/residents/{resident_code}/procedure",
            desk(Action::RecordProcedure),
            post(procedure),
        )
        .door(
            M::POST,
            "/desk/residents/{resident_code}/resident-record",
            desk(Action::IssueResidentRecord),
            post(issue_record),
        )
        .door(
            M::GET,
            "/desk/residents/{resident_code}/household",
            desk(Action::ReadRecord),
            get(household),
        )
        .door(
            M::GET,
            "/desk/ledger",
            desk(Action::ReadLedger),
            get(ledger),
        )
        .door(
            M::POST,
            "/desk/ledger/verify",
            desk(Action::ReadLedger),
            post(verify_ledger),
        )
        .door(
            M::POST,
            "/desk/residents/{resident_code}/number",
            desk(Action::ReadNumber),
            post(read_number),
        )
}

#[derive(Deserialize)]
pub(super) struct LanguageQuery {
    to: String,
    #[serde(default)]
    back: String,
}

/// The language switch: remembers the choice for a year and goes back to the page it was
/// chosen on (only a desk path: never another site).
async fn language(Query(q): Query<LanguageQuery>) -> Response {
    let Some(tag) = Lang::known(&q.to) else {
        return Redirect::to("/desk").into_response();
    };
    let back = if q.back.starts_with("/desk") && !q.back.contains("//") && !q.back.contains('\\') {
        q.back
    } else {
        "/desk".to_owned()
    };
    let mut r = Redirect::to(&back).into_response();
    if let Ok(v) = header::HeaderValue::from_str(&format!(
        "{LANG_COOKIE}={tag}; Path=/; Max-Age=31536000; SameSite=Lax"
    )) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    page: Page,
    login: String,
    /// A passkey's sign-in challenge (base64url) and the relying party's id, for the script.
    challenge: String,
    rp_id: String,
}

impl SignInPage {
    fn new(state: &AppState, headers: &HeaderMap, page: Page, login: String) -> Self {
        let (challenge, rp_id) = super::passkeys::sign_in_prompt(state, headers);
        Self {
            page,
            login,
            challenge,
            rp_id,
        }
    }
}

#[derive(Deserialize, Default)]
struct SignInQuery {
    #[serde(default)]
    ended: Option<String>,
    #[serde(default)]
    signed_out: Option<String>,
    #[serde(default)]
    enrolled: Option<String>,
}

/// A page with a public form: its CSRF token is the form cookie's value, set now if missing.
fn with_form_cookie(
    state: &AppState,
    headers: &HeaderMap,
    lang: Lang,
    title: &str,
    path: &str,
) -> (Page, Option<header::HeaderValue>) {
    let mut page = Page::new(lang, title, path, None);
    match cookie(headers, FORM_COOKIE) {
        Some(v) if v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()) => {
            page.csrf = v.to_owned();
            (page, None)
        }
        _ => {
            let token = state.app.fresh_token();
            page.csrf = token.clone();
            (page, Some(set_cookie(FORM_COOKIE, &token, None)))
        }
    }
}

fn with_cookie(mut r: Response, cookie: Option<header::HeaderValue>) -> Response {
    if let Some(c) = cookie {
        r.headers_mut().append(header::SET_COOKIE, c);
    }
    r
}

async fn sign_in_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<SignInQuery>,
) -> Response {
    let lang = Lang::of(&headers);
    let (mut page, set) = with_form_cookie(
        &state,
        &headers,
        lang,
        "desk-sign-in-title",
        "/desk/sign-in",
    );
    page.notice = if q.ended.is_some() {
        Some(page.l.t("desk-sign-in-ended"))
    } else if q.signed_out.is_some() {
        Some(page.l.t("desk-signed-out"))
    } else if q.enrolled.is_some() {
        Some(page.l.t("desk-enrolled"))
    } else {
        None
    };
    with_cookie(
        render(
            StatusCode::OK,
            &SignInPage::new(&state, &headers, page, String::new()),
        ),
        set,
    )
}

#[derive(Deserialize)]
pub(super) struct SignInForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    credential_id: String,
    #[serde(default)]
    client_data: String,
    #[serde(default)]
    authenticator_data: String,
    #[serde(default)]
    signature: String,
}

async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    connect: ClientAddress,
    Form(form): Form<SignInForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let (mut page, set) = with_form_cookie(
        &state,
        &headers,
        lang,
        "desk-sign-in-title",
        "/desk/sign-in",
    );
    if let Some(wait) = state.throttle.blocked(connect.0) {
        page.problem("login", "desk-sign-in-wrong");
        let mut r = render(
            StatusCode::TOO_MANY_REQUESTS,
            &SignInPage::new(&state, &headers, page, form.login),
        );
        if let Ok(v) = header::HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return r;
    }
    // A passkey's answer when the script filled one in, else the code.
    let signed = if form.credential_id.is_empty() {
        state
            .app
            .sign_in(&form.login, &form.password, &form.code)
            .await
    } else {
        // An answer that does not even read is refused by the app like a wrong one, so that
        // it is recorded and counted.
        let answer = super::passkeys::assertion(
            &headers,
            &form.credential_id,
            &form.client_data,
            &form.authenticator_data,
            &form.signature,
        )
        .unwrap_or_default();
        state
            .app
            .sign_in_with_passkey(&form.login, &form.password, &answer)
            .await
    };
    match signed {
        Ok(Ok(signed_in)) => {
            let mut r = Redirect::to("/desk").into_response();
            r.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(SESSION_COOKIE, &signed_in.cookie, None),
            );
            r
        }
        Ok(Err(refused)) => {
            state.throttle.failed(connect.0);
            match refused {
                SignInRefused::Wrong => page.problem("login", "desk-sign-in-wrong"),
                SignInRefused::Locked(until) => {
                    let time = page.l.moment(until);
                    let message = page.l.with("desk-sign-in-locked", "time", &time);
                    page.problem_text("login", message);
                }
            }
            with_cookie(
                render(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &SignInPage::new(&state, &headers, page, form.login),
                ),
                set,
            )
        }
        Err(e) => super::page::app_error(lang, None, &e),
    }
}

/// The client's address as the doors see it (for the throttle of failed sign-ins).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ClientAddress(pub Option<std::net::IpAddr>);

impl axum::extract::FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self(crate::doors::client_address(
            state,
            &parts.extensions,
            &parts.headers,
        )))
    }
}

#[derive(Template)]
#[template(path = "enrol.html")]
struct EnrolPage {
    page: Page,
    login: String,
}

#[derive(Template)]
#[template(path = "enrol_app.html")]
struct EnrolAppPage {
    page: Page,
    login: String,
    key: String,
    enrolment: String,
    qr_svg: String,
}

async fn enrol_page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let lang = Lang::of(&headers);
    let (page, set) = with_form_cookie(&state, &headers, lang, "desk-enrol-title", "/desk/enrol");
    with_cookie(
        render(
            StatusCode::OK,
            &EnrolPage {
                page,
                login: String::new(),
            },
        ),
        set,
    )
}

#[derive(Deserialize)]
pub(super) struct EnrolForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
}

async fn enrol(
    State(state): State<AppState>,
    headers: HeaderMap,
    connect: ClientAddress,
    Form(form): Form<EnrolForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let (mut page, set) =
        with_form_cookie(&state, &headers, lang, "desk-enrol-title", "/desk/enrol");
    let refuse = |mut page: Page, field: &str, key: &str, login: String| {
        page.problem(field, key);
        render(StatusCode::UNPROCESSABLE_ENTITY, &EnrolPage { page, login })
    };
    if state.throttle.blocked(connect.0).is_some() {
        return with_cookie(refuse(page, "token", "field-token", form.login), set);
    }
    let principal = match state.app.authenticate(form.token.trim()).await {
        Ok(p) => p,
        Err(AppError::Unauthenticated) => {
            state.throttle.failed(connect.0);
            return with_cookie(refuse(page, "token", "field-token", form.login), set);
        }
        Err(e) => return super::page::app_error(lang, None, &e),
    };
    match state
        .app
        .begin_enrolment(&principal, &form.login, &form.password, TOTP_ISSUER)
        .await
    {
        Ok(enrolment) => {
            page.title = page.l.t("desk-enrol-app-title");
            with_cookie(app_page(page, &enrolment, StatusCode::OK), set)
        }
        Err(AppError::Invalid(invalid)) => {
            for problem in &invalid.0 {
                let key = match problem.field {
                    "login" if problem.key == "problem-login-taken" => "field-login-taken",
                    "login" => "field-login",
                    "password" => "field-password",
                    _ => "desk-error-internal",
                };
                page.problem(problem.field, key);
            }
            with_cookie(
                render(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &EnrolPage {
                        page,
                        login: form.login,
                    },
                ),
                set,
            )
        }
        Err(e) => super::page::app_error(lang, None, &e),
    }
}

fn app_page(page: Page, enrolment: &Enrolment, status: StatusCode) -> Response {
    let qr_svg = super::qr_svg(&enrolment.uri);
    render(
        status,
        &EnrolAppPage {
            page,
            login: enrolment.login.clone(),
            key: enrolment.secret_base32.clone(),
            enrolment: enrolment.id.clone(),
            qr_svg,
        },
    )
}

#[derive(Deserialize)]
pub(super) struct ConfirmForm {
    #[serde(default)]
    enrolment: String,
    #[serde(default)]
    code: String,
}

async fn confirm(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<ConfirmForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let (mut page, set) = with_form_cookie(
        &state,
        &headers,
        lang,
        "desk-enrol-app-title",
        "/desk/enrol",
    );
    match state
        .app
        .confirm_enrolment(&form.enrolment, &form.code)
        .await
    {
        Ok(()) => Redirect::to("/desk/sign-in?enrolled=1").into_response(),
        Err(AppError::Invalid(_)) => {
            match state
                .app
                .pending_enrolment(&form.enrolment, TOTP_ISSUER)
                .await
            {
                Ok(Some(enrolment)) => {
                    page.problem("code", "field-code");
                    with_cookie(
                        app_page(page, &enrolment, StatusCode::UNPROCESSABLE_ENTITY),
                        set,
                    )
                }
                Ok(None) => {
                    page.title = page.l.t("desk-enrol-title");
                    page.problem("token", "field-enrolment-ended");
                    with_cookie(
                        render(
                            StatusCode::UNPROCESSABLE_ENTITY,
                            &EnrolPage {
                                page,
                                login: String::new(),
                            },
                        ),
                        set,
                    )
                }
                Err(e) => super::page::app_error(lang, None, &e),
            }
        }
        Err(e) => super::page::app_error(lang, None, &e),
    }
}

async fn sign_out(
    State(state): State<AppState>,
    Extension(ctx): Extension<DeskContext>,
) -> Response {
    if let Err(e) = state.app.sign_out(&ctx.cookie).await {
        tracing::warn!(error = %e, "signing out failed");
    }
    let mut r = Redirect::to("/desk/sign-in?signed_out=1").into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, "", Some(0)));
    r
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: Page,
    greeting: String,
}

async fn home(headers: HeaderMap, Extension(ctx): Extension<DeskContext>) -> Response {
    let lang = Lang::of(&headers);
    let mut page = Page::new(lang, "desk-home-title", "/desk", Some(&ctx));
    page.section = "home";
    let name = ctx
        .principal
        .staff()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let greeting = page.l.with("desk-home-lead", "name", &name);
    render(StatusCode::OK, &HomePage { page, greeting })
}

/// One resident in a list.
struct Row {
    code: String,
    name: String,
    other_names: String,
    kana: String,
    birth: String,
    address: String,
}

struct Results {
    count: String,
    rows: Vec<Row>,
    more: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    page: Page,
    name: String,
    birth: String,
    results: Option<Results>,
}

async fn search_page(headers: HeaderMap, Extension(ctx): Extension<DeskContext>) -> Response {
    let lang = Lang::of(&headers);
    let mut page = Page::new(lang, "desk-search-title", "/desk/residents", Some(&ctx));
    page.section = "search";
    render(
        StatusCode::OK,
        &SearchPage {
            page,
            name: String::new(),
            birth: String::new(),
            results: None,
        },
    )
}

#[derive(Deserialize)]
pub(super) struct SearchForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    birth: String,
}

/// The search is a POST: a name typed at the counter stays out of URLs, access logs and the
/// browser's history.
async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Form(form): Form<SearchForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let mut page = Page::new(lang, "desk-search-title", "/desk/residents", Some(&ctx));
    page.section = "search";
    let birth = form.birth.trim();
    let date = if birth.is_empty() {
        None
    } else {
        match birth.parse::<jiff::civil::Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                page.problem("birth", "field-birth");
                None
            }
        }
    };
    if page.errors.is_empty() && form.name.trim().is_empty() && date.is_none() {
        page.problem("name", "desk-search-need");
    }
    if form.name.chars().count() > 100 {
        page.problem("name", "field-name");
    }
    let mut results = None;
    if page.errors.is_empty() {
        match state
            .app
            .search(&ctx.principal, &form.name, date, SEARCH_LIMIT)
            .await
        {
            Ok(found) => {
                let rows: Vec<Row> = found.rows.iter().map(|r| row(&page.l, r)).collect();
                results = Some(Results {
                    count: page.l.count("desk-search-count", rows.len() as i64),
                    rows,
                    more: found.more,
                });
            }
            Err(AppError::Invalid(_)) => page.problem("name", "desk-search-need"),
            Err(e) => return super::page::app_error(lang, Some(&ctx), &e),
        }
    }
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(
        status,
        &SearchPage {
            page,
            name: form.name,
            birth: form.birth,
            results,
        },
    )
}

pub(super) fn full_name(family: &str, given: &str) -> String {
    if given.is_empty() {
        family.to_owned()
    } else {
        format!("{family}\u{3000}{given}")
    }
}

fn row(l: &Labels, r: &CurrentRow) -> Row {
    let record = &r.version.resident.record;
    let n = record.name();
    let others: Vec<&str> = [n.latin(), n.alias()].into_iter().flatten().collect();
    Row {
        code: r.person.resident_code.digits().to_owned(),
        name: full_name(n.family(), n.given()),
        other_names: others.join(" / "),
        kana: full_name(
            n.family_kana().unwrap_or_default(),
            n.given_kana().unwrap_or_default(),
        ),
        birth: l.birth_date(record.birth_date(), record.foreign().is_none()),
        address: format!(
            "{}{}",
            record.address().prefecture().name(),
            record.address().rest()
        ),
    }
}

/// A record as the resident page shows it.
struct RecordView {
    code: String,
    name: String,
    kana: String,
    latin: String,
    alias: String,
    birth: String,
    sex: String,
    address: String,
    municipality: String,
    relationship: String,
    nationality: String,
    status_of_residence: String,
    period_of_stay: String,
    status: String,
    /// Active (not removed): it has a household to see and changes to record.
    active: bool,
}

struct VersionView {
    version: i64,
    procedure: String,
    effective: String,
    recorded: String,
    name: String,
    address: String,
}

/// A lawful purpose as the number form offers it.
struct PurposeOption {
    code: String,
    label: String,
}

#[derive(Template)]
#[template(path = "resident.html")]
struct ResidentPage {
    page: Page,
    r: RecordView,
    history: Vec<VersionView>,
    /// The policy lets this staff member read numbers at all (the door asks again).
    may_read_number: bool,
    purposes: Vec<PurposeOption>,
    /// The policy lets this staff member record procedures (the door asks again).
    may_record_procedure: bool,
    procedure_links: Vec<PurposeOption>,
    /// The policy lets this staff member issue documents (the door asks again).
    may_issue_document: bool,
    document_items: Vec<PurposeOption>,
    /// The identity documents a person shows to have their number printed.
    identity_documents: Vec<PurposeOption>,
}

async fn resident(
    State(state): State<AppState>,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    Extension(ctx): Extension<DeskContext>,
    Path(code): Path<String>,
) -> Response {
    let lang = Lang::of(&headers);
    let mut page = Page::new(lang, "desk-resident-title", uri.path(), Some(&ctx));
    match uri.query() {
        Some("registered=1") => page.notice = Some(page.l.t("desk-registered")),
        Some("recorded=1") => page.notice = Some(page.l.t("desk-procedure-recorded")),
        _ => {}
    }
    resident_page(&state, page, &ctx, &code, StatusCode::OK).await
}

/// A resident's record page (each showing is a recorded read), with `page`'s problems if any.
async fn resident_page(
    state: &AppState,
    page: Page,
    ctx: &DeskContext,
    code: &str,
    status: StatusCode,
) -> Response {
    let lang = Lang(page.lang);
    let code = match resident_code(lang, ctx, code) {
        Ok(code) => code,
        Err(page) => return *page,
    };
    let view = match state.app.resident(&ctx.principal, &code).await {
        Ok(v) => v,
        Err(e) => return super::page::app_error(lang, Some(ctx), &e),
    };
    let Some(current) = view.versions.last() else {
        return super::page::app_error(lang, Some(ctx), &AppError::NotFound("resident"));
    };
    let r = record_view(&page.l, view.person.resident_code.digits(), current);
    let history = view
        .versions
        .iter()
        .rev()
        .map(|v| version_view(&page.l, v))
        .collect();
    let may_read_number = mynumber_core::permits(&ctx.principal, Action::ReadNumber).is_ok();
    let purposes = state
        .app
        .purposes()
        .codes()
        .iter()
        .map(|code| PurposeOption {
            code: code.clone(),
            label: purpose_label(&page.l, code),
        })
        .collect();
    let may_record_procedure = mynumber_core::permits(&ctx.principal, Action::RecordProcedure)
        .is_ok()
        && matches!(current.resident.status, RecordStatus::Active);
    let foreign = current.resident.record.foreign().is_some();
    let procedure_links = PROCEDURES
        .iter()
        .filter(|code| foreign || !FOREIGN_PROCEDURES.contains(code))
        .map(|code| PurposeOption {
            code: (*code).to_owned(),
            label: page.l.t(&format!("procedure-{code}")),
        })
        .collect();
    let may_issue_document =
        mynumber_core::permits(&ctx.principal, Action::IssueResidentRecord).is_ok();
    // The Individual Number is printed only at the person's own request, with the identity
    // documents shown (住民基本台帳法第12条第5項): its item comes with the documents' boxes.
    let document_items = mynumber_app::RECORD_ITEMS
        .iter()
        .filter(|(code, _)| *code != "individual-number")
        .map(|(code, _)| PurposeOption {
            code: (*code).to_owned(),
            label: page.l.t(&format!("item-{code}")),
        })
        .collect();
    let page_l = page.l;
    render(
        status,
        &ResidentPage {
            page,
            r,
            history,
            may_read_number,
            purposes,
            may_record_procedure,
            procedure_links,
            may_issue_document,
            document_items,
            identity_documents: mynumber_core::card::IdentityDocument::ALL
                .iter()
                .map(|d| PurposeOption {
                    code: d.code().to_owned(),
                    label: page_l.t(&format!("desk-id-document-{}", d.code())),
                })
                .collect(),
        },
    )
}

/// A purpose in words: the statutory three from the catalog, one an ordinance adds by its code.
fn purpose_label(l: &Labels, code: &str) -> String {
    let key = format!("purpose-{code}");
    let text = l.t(&key);
    if text == key { code.to_owned() } else { text }
}

#[derive(Template)]
#[template(path = "number.html")]
struct NumberPage {
    page: Page,
    name: String,
    code: String,
    shown: String,
    masked: String,
    number: String,
}

#[derive(Deserialize)]
pub(super) struct NumberForm {
    #[serde(default)]
    purpose: String,
}

/// Reads a resident's Individual Number for a lawful purpose: a deliberate step, recorded with
/// the purpose before the number is shown, and shown masked until the clerk opens it. The page
/// is never stored by the browser (`no-store`).
async fn read_number(
    State(state): State<AppState>,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    Extension(ctx): Extension<DeskContext>,
    Path(code): Path<String>,
    Form(form): Form<NumberForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let back = uri.path().trim_end_matches("/number").to_owned();
    let resident_code = match resident_code(lang, &ctx, &code) {
        Ok(code) => code,
        Err(page) => return *page,
    };
    match state
        .app
        .read_number(&ctx.principal, &resident_code, &form.purpose)
        .await
    {
        Ok(number) => {
            let mut page = Page::new(lang, "desk-number-title", &back, Some(&ctx));
            let now = jiff::Timestamp::now().as_microsecond();
            let purpose = purpose_label(&page.l, &form.purpose);
            let time = page.l.moment(now);
            let shown = page.l.args(
                "desk-number-shown",
                &[("purpose", &purpose), ("time", &time)],
            );
            let name = match state.app.resident(&ctx.principal, &resident_code).await {
                Ok(view) => view
                    .versions
                    .last()
                    .map(|v| {
                        let n = v.resident.record.name();
                        full_name(n.family(), n.given())
                    })
                    .unwrap_or_default(),
                Err(e) => return super::page::app_error(lang, Some(&ctx), &e),
            };
            page.section = "search";
            let mut r = render(
                StatusCode::OK,
                &NumberPage {
                    page,
                    name,
                    code: resident_code.digits().to_owned(),
                    shown,
                    masked: number.masked(),
                    number: number.expose_formatted(),
                },
            );
            r.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-store"),
            );
            r
        }
        Err(AppError::Invalid(_)) => {
            let mut page = Page::new(lang, "desk-resident-title", &back, Some(&ctx));
            page.problem("purpose", "field-purpose");
            resident_page(&state, page, &ctx, &code, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

/// A status of residence (在留資格) by its code, in the reader's words (`desk-sor-{code}`); a
/// code the catalog does not know (from an old import) is shown as stored.
fn status_of_residence(l: &Labels, code: &str) -> String {
    let key = format!("desk-sor-{code}");
    let label = l.t(&key);
    if label == key { code.to_owned() } else { label }
}

fn record_view(l: &Labels, code: &str, v: &VersionRow) -> RecordView {
    let record = &v.resident.record;
    let n = record.name();
    let input = record.to_input();
    let foreign = input.foreign.as_ref();
    let item = |f: fn(&mynumber_core::ForeignInput) -> Option<String>| {
        foreign.and_then(f).unwrap_or_default()
    };
    RecordView {
        code: code.to_owned(),
        name: full_name(n.family(), n.given()),
        kana: full_name(
            n.family_kana().unwrap_or_default(),
            n.given_kana().unwrap_or_default(),
        ),
        latin: n.latin().unwrap_or_default().to_owned(),
        alias: n.alias().unwrap_or_default().to_owned(),
        birth: l.birth_date(record.birth_date(), record.foreign().is_none()),
        sex: l.t(&format!("sex-{}", input.sex)),
        address: format!("{}{}", input.prefecture, input.address),
        municipality: input.municipality_code.clone(),
        relationship: l.t(&format!("relationship-{}", input.relationship)),
        nationality: foreign
            .map(
                |f| match mynumber_core::Nationality::parse(&f.nationality) {
                    Ok(n) => l.args(
                        "desk-nationality-value",
                        &[("name", n.japanese_name()), ("code", n.code())],
                    ),
                    Err(_) => f.nationality.clone(),
                },
            )
            .unwrap_or_default(),
        status_of_residence: foreign
            .map(|f| status_of_residence(l, &f.status_of_residence))
            .unwrap_or_default(),
        period_of_stay: item(|f| f.period_of_stay_until.clone())
            .parse::<jiff::civil::Date>()
            .map(|d| l.date(d))
            .unwrap_or_default(),
        status: match v.resident.status {
            RecordStatus::Active => l.t("desk-status-active"),
            RecordStatus::Removed { .. } => l.t("desk-status-removed"),
        },
        active: matches!(v.resident.status, RecordStatus::Active),
    }
}

fn version_view(l: &Labels, v: &VersionRow) -> VersionView {
    let record = &v.resident.record;
    let n = record.name();
    VersionView {
        version: v.version,
        procedure: l.t(&format!("procedure-{}", v.procedure)),
        effective: l.date(v.effective_on),
        recorded: l.moment(v.recorded_at_us),
        name: full_name(n.family(), n.given()),
        address: format!(
            "{}{}",
            record.address().prefecture().name(),
            record.address().rest()
        ),
    }
}

/// A choice of a radio group or a list.
pub(super) struct Choice {
    pub(super) code: String,
    pub(super) label: String,
    pub(super) checked: bool,
}

/// The registration form as typed (and typed back after a problem).
#[derive(Deserialize, Default)]
pub(super) struct RegisterForm {
    #[serde(default)]
    procedure: String,
    #[serde(default)]
    effective_date: String,
    #[serde(default)]
    family_name: String,
    #[serde(default)]
    given_name: String,
    #[serde(default)]
    family_name_kana: String,
    #[serde(default)]
    given_name_kana: String,
    #[serde(default)]
    latin_name: String,
    #[serde(default)]
    alias: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    sex: String,
    #[serde(default)]
    prefecture: String,
    #[serde(default)]
    municipality_code: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    household_member: String,
    #[serde(default)]
    relationship: String,
    #[serde(default)]
    preferred_language: String,
    #[serde(default)]
    nationality: String,
    #[serde(default)]
    residence_card_number: String,
    #[serde(default)]
    status_of_residence: String,
    #[serde(default)]
    period_of_stay_until: String,
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    page: Page,
    form: RegisterForm,
    procedures: Vec<Choice>,
    sexes: Vec<Choice>,
    relationships: Vec<Choice>,
    languages: Vec<Choice>,
    statuses: Vec<Choice>,
}

/// The notifications the desk registers a new person by (住民基本台帳法 第22条 転入, 戸籍法 出生,
/// 第30条の46 a foreign resident's first registration).
const REGISTRATIONS: [mynumber_core::Registration; 3] = [
    mynumber_core::Registration::Birth,
    mynumber_core::Registration::MoveIn,
    mynumber_core::Registration::ForeignFirstRegistration,
];

fn register_view(page: Page, form: RegisterForm, status: StatusCode) -> Response {
    let l = page.l;
    let choices = |items: Vec<(String, String)>, current: &str| -> Vec<Choice> {
        items
            .into_iter()
            .map(|(code, label)| Choice {
                checked: code == current,
                code,
                label,
            })
            .collect()
    };
    let procedures = choices(
        REGISTRATIONS
            .iter()
            .map(|r| (r.code().to_owned(), l.t(&format!("procedure-{}", r.code()))))
            .collect(),
        &form.procedure,
    );
    let sexes = choices(
        ["1", "2"]
            .iter()
            .map(|c| ((*c).to_owned(), l.t(&format!("sex-{c}"))))
            .collect(),
        &form.sex,
    );
    let relationships = relationship_choices(
        &l,
        if form.relationship.is_empty() {
            "head"
        } else {
            &form.relationship
        },
    );
    let languages = choices(
        mynumber_i18n::LANGUAGES
            .iter()
            .map(|t| ((*t).to_owned(), mynumber_i18n::catalog(t).name()))
            .collect(),
        if form.preferred_language.is_empty() {
            "ja"
        } else {
            &form.preferred_language
        },
    );
    let statuses = choices(
        mynumber_core::STATUSES_OF_RESIDENCE
            .iter()
            .map(|(code, _)| ((*code).to_owned(), status_of_residence(&page.l, code)))
            .collect(),
        &form.status_of_residence,
    );
    render(
        status,
        &RegisterPage {
            page,
            form,
            procedures,
            sexes,
            relationships,
            languages,
            statuses,
        },
    )
}

async fn register_page(headers: HeaderMap, Extension(ctx): Extension<DeskContext>) -> Response {
    let lang = Lang::of(&headers);
    let mut page = Page::new(
        lang,
        "desk-register-title",
        "/desk/residents/new",
        Some(&ctx),
    );
    page.section = "register";
    // The clerk's own municipality, as a starting point.
    let municipality = ctx
        .principal
        .municipality()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_default();
    // Move-in is the commonest notification, and a radio group has one chosen from the start.
    let form = RegisterForm {
        procedure: mynumber_core::Registration::MoveIn.code().to_owned(),
        municipality_code: municipality,
        ..RegisterForm::default()
    };
    register_view(page, form, StatusCode::OK)
}

/// The resident record code in a desk path, or the page a missing record gets (a code that
/// cannot be one names no record).
pub(super) fn resident_code(
    lang: Lang,
    ctx: &DeskContext,
    code: &str,
) -> Result<ResidentCode, Box<Response>> {
    ResidentCode::parse(code).map_err(|_| {
        Box::new(super::page::app_error(
            lang,
            Some(ctx),
            &AppError::NotFound("resident"),
        ))
    })
}

/// Text typed into a field, trimmed; `None` when nothing was.
pub(super) fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// An optional date field (`YYYY-MM-DD`, as `<input type="date">` sends it); a date that does
/// not exist is a problem of the field.
pub(super) fn optional_date(page: &mut Page, field: &str, text: &str) -> Option<jiff::civil::Date> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let date = text.parse::<jiff::civil::Date>().ok();
    if date.is_none() {
        page.field_problem(field);
    }
    date
}

/// The household a registration or a move joins: a new one (nothing typed), or the one of the
/// resident whose code was typed, read through the same use case and so recorded. `Ok(None)`
/// when no such resident is within reach, which is the field's problem.
pub(super) async fn household_choice(
    state: &AppState,
    ctx: &DeskContext,
    member: &str,
) -> Result<Option<mynumber_app::HouseholdChoice>, AppError> {
    let member = member.trim();
    if member.is_empty() {
        return Ok(Some(mynumber_app::HouseholdChoice::New));
    }
    let Ok(code) = ResidentCode::parse(member) else {
        return Ok(None);
    };
    match state.app.resident(&ctx.principal, &code).await {
        Ok(view) => Ok(view
            .versions
            .last()
            .map(|v| mynumber_app::HouseholdChoice::Existing(v.resident.record.household()))),
        Err(AppError::NotFound(_) | AppError::Denied(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Shows a use case's field problems on the form, under the form's names for its fields.
pub(super) fn use_case_problems(page: &mut Page, invalid: &mynumber_core::Invalid) {
    for e in &invalid.0 {
        let field = match e.field {
            "destination" => "destination_municipality_code",
            "household" => "household_member",
            // A foreign resident's item nests under `foreign.` in some messages.
            other => other.rsplit('.').next().unwrap_or(other),
        };
        page.field_error(field, e);
    }
}

/// Registers a person from the form through the same use case as `POST /api/v1/residents`.
async fn register(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Form(form): Form<RegisterForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let mut page = Page::new(
        lang,
        "desk-register-title",
        "/desk/residents/new",
        Some(&ctx),
    );
    page.section = "register";
    let kind =
        mynumber_core::Registration::parse(&form.procedure).filter(|k| REGISTRATIONS.contains(k));
    if kind.is_none() {
        page.field_problem("procedure");
    }
    let effective_on = optional_date(&mut page, "effective_date", &form.effective_date);
    let household = match household_choice(&state, &ctx, &form.household_member).await {
        Ok(h) => h,
        Err(e) => return super::page::app_error(lang, Some(&ctx), &e),
    };
    if household.is_none() {
        page.field_problem("household_member");
    }
    let opt = non_empty;
    let foreign = opt(&form.nationality).map(|nationality| mynumber_core::ForeignInput {
        nationality,
        residence_card_number: opt(&form.residence_card_number),
        status_of_residence: form.status_of_residence.trim().to_owned(),
        period_of_stay_until: opt(&form.period_of_stay_until),
    });
    let input = mynumber_core::ResidentInput {
        name: mynumber_core::NameInput {
            family: form.family_name.clone(),
            given: form.given_name.clone(),
            family_kana: opt(&form.family_name_kana),
            given_kana: opt(&form.given_name_kana),
            latin: opt(&form.latin_name),
            alias: opt(&form.alias),
        },
        birth_date: form.birth_date.clone(),
        sex: form.sex.clone(),
        prefecture: form.prefecture.clone(),
        municipality_code: form.municipality_code.clone(),
        address: form.address.clone(),
        relationship: form.relationship.clone(),
        preferred_language: form.preferred_language.clone(),
        foreign,
    };
    let (Some(kind), Some(household)) = (kind, household) else {
        return register_view(page, form, StatusCode::UNPROCESSABLE_ENTITY);
    };
    if !page.errors.is_empty() {
        return register_view(page, form, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let command = mynumber_app::RegisterCommand {
        kind,
        input,
        household,
        effective_on,
        carried: None,
    };
    match state.app.register(&ctx.principal, command).await {
        Ok(registered) => Redirect::to(&format!(
            "/desk/residents/{}?registered=1",
            registered.resident_code.digits()
        ))
        .into_response(),
        Err(AppError::Invalid(invalid)) => {
            use_case_problems(&mut page, &invalid);
            register_view(page, form, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

/// Decodes `bytes` as every desk form and query, as the handlers' extractors would (for the
/// fuzz target): a form that fails must fail without a panic.
pub(super) fn decode_forms(bytes: &[u8]) {
    fn form<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
        serde_urlencoded::from_bytes::<T>(bytes).ok()
    }
    let _ = form::<SignInForm>(bytes);
    let _ = form::<EnrolForm>(bytes);
    let _ = form::<ConfirmForm>(bytes);
    let _ = form::<NumberForm>(bytes);
    let _ = form::<LanguageQuery>(bytes);
    let _ = form::<ProcedureQuery>(bytes);
    let _ = form::<LedgerQuery>(bytes);
    let _ = form::<ProcedureForm>(bytes);
    let _ = document_form(bytes);
    if let Some(f) = form::<SearchForm>(bytes) {
        let _ = f.birth.trim().parse::<jiff::civil::Date>();
        let _ = mynumber_core::search::fold(&f.name);
    }
    if let Some(f) = form::<RegisterForm>(bytes) {
        let _ = ResidentCode::parse(f.household_member.trim());
        let _ = mynumber_core::Registration::parse(&f.procedure);
    }
    super::call::decode_forms(bytes);
    super::number_change::decode_forms(bytes);
    super::cards::decode_forms(bytes);
    super::letters::decode_forms(bytes);
}

/// The changes the desk records on a registered resident (the procedure codes of
/// `ChangeCommand`): 転居, 氏名の変更, 転出, 国外転出, 死亡, and for a foreign resident the change
/// of status and period of stay and the application to extend it (特例期間).
const PROCEDURES: [&str; 7] = [
    "address-change",
    "name-change",
    "move-out",
    "move-abroad",
    "death",
    "period-of-stay-change",
    "stay-extension-applied",
];

/// The procedures only a foreign resident's record takes.
const FOREIGN_PROCEDURES: [&str; 2] = ["period-of-stay-change", "stay-extension-applied"];

/// A change's form as typed.
#[derive(Deserialize, Default)]
pub(super) struct ProcedureForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    effective_date: String,
    #[serde(default)]
    prefecture: String,
    #[serde(default)]
    municipality_code: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    household_member: String,
    #[serde(default)]
    relationship: String,
    #[serde(default)]
    family_name: String,
    #[serde(default)]
    given_name: String,
    #[serde(default)]
    family_name_kana: String,
    #[serde(default)]
    given_name_kana: String,
    #[serde(default)]
    latin_name: String,
    #[serde(default)]
    alias: String,
    #[serde(default)]
    destination_municipality_code: String,
    #[serde(default)]
    with_card: String,
    #[serde(default)]
    nationality: String,
    #[serde(default)]
    residence_card_number: String,
    #[serde(default)]
    status_of_residence: String,
    #[serde(default)]
    period_of_stay_until: String,
}

#[derive(Template)]
#[template(path = "procedure.html")]
struct ProcedurePage {
    page: Page,
    name: String,
    code: String,
    kind: String,
    lead: String,
    form: ProcedureForm,
    relationships: Vec<Choice>,
    statuses: Vec<Choice>,
}

#[derive(Deserialize)]
pub(super) struct ProcedureQuery {
    #[serde(default)]
    kind: String,
}

/// The form of one change, filled with what the record holds where it helps (the address and
/// the name being changed).
async fn procedure_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    Extension(ctx): Extension<DeskContext>,
    Path(code): Path<String>,
    Query(q): Query<ProcedureQuery>,
) -> Response {
    let lang = Lang::of(&headers);
    if !PROCEDURES.contains(&q.kind.as_str()) {
        return super::page::app_error(lang, Some(&ctx), &AppError::NotFound("procedure"));
    }
    let resident_code = match resident_code(lang, &ctx, &code) {
        Ok(code) => code,
        Err(page) => return *page,
    };
    let view = match state.app.resident(&ctx.principal, &resident_code).await {
        Ok(v) => v,
        Err(e) => return super::page::app_error(lang, Some(&ctx), &e),
    };
    let Some(current) = view.versions.last() else {
        return super::page::app_error(lang, Some(&ctx), &AppError::NotFound("resident"));
    };
    let input = current.resident.record.to_input();
    let form = ProcedureForm {
        kind: q.kind.clone(),
        prefecture: input.prefecture.clone(),
        municipality_code: input.municipality_code.clone(),
        relationship: input.relationship.clone(),
        family_name: input.name.family.clone(),
        given_name: input.name.given.clone(),
        family_name_kana: input.name.family_kana.clone().unwrap_or_default(),
        given_name_kana: input.name.given_kana.clone().unwrap_or_default(),
        latin_name: input.name.latin.clone().unwrap_or_default(),
        alias: input.name.alias.clone().unwrap_or_default(),
        nationality: input
            .foreign
            .as_ref()
            .map(|f| f.nationality.clone())
            .unwrap_or_default(),
        residence_card_number: input
            .foreign
            .as_ref()
            .and_then(|f| f.residence_card_number.clone())
            .unwrap_or_default(),
        status_of_residence: input
            .foreign
            .as_ref()
            .map(|f| f.status_of_residence.clone())
            .unwrap_or_default(),
        ..ProcedureForm::default()
    };
    let page = Page::new(lang, "desk-procedure-title", uri.path(), Some(&ctx));
    let name = full_name(&input.name.family, &input.name.given);
    procedure_view(
        page,
        name,
        resident_code.digits().to_owned(),
        form,
        StatusCode::OK,
    )
}

/// The relationships (続柄) as a select's options, `selected` chosen.
pub(super) fn relationship_choices(l: &Labels, selected: &str) -> Vec<Choice> {
    mynumber_core::Relationship::ALL
        .iter()
        .map(|r| Choice {
            code: r.code().to_owned(),
            label: l.t(&format!("relationship-{}", r.code())),
            checked: r.code() == selected,
        })
        .collect()
}

fn procedure_view(
    page: Page,
    name: String,
    code: String,
    form: ProcedureForm,
    status: StatusCode,
) -> Response {
    let lead = page.l.t(&format!("desk-procedure-lead-{}", form.kind));
    let relationships = relationship_choices(&page.l, &form.relationship);
    let statuses = mynumber_core::STATUSES_OF_RESIDENCE
        .iter()
        .map(|(code, _)| Choice {
            code: (*code).to_owned(),
            label: status_of_residence(&page.l, code),
            checked: *code == form.status_of_residence,
        })
        .collect();
    render(
        status,
        &ProcedurePage {
            page,
            name,
            code,
            kind: form.kind.clone(),
            lead,
            form,
            relationships,
            statuses,
        },
    )
}

/// Records a change through the same use case as `POST /api/v1/residents/{code}/procedures`.
async fn procedure(
    State(state): State<AppState>,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    Extension(ctx): Extension<DeskContext>,
    Path(code): Path<String>,
    Form(form): Form<ProcedureForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let resident_code = match resident_code(lang, &ctx, &code) {
        Ok(code) => code,
        Err(page) => return *page,
    };
    if !PROCEDURES.contains(&form.kind.as_str()) {
        return super::page::app_error(lang, Some(&ctx), &AppError::NotFound("procedure"));
    }
    let mut page = Page::new(lang, "desk-procedure-title", uri.path(), Some(&ctx));
    let effective_on = optional_date(&mut page, "effective_date", &form.effective_date);
    let opt = non_empty;
    let command = match form.kind.as_str() {
        "address-change" => {
            let household = match household_choice(&state, &ctx, &form.household_member).await {
                Ok(h) => h,
                Err(e) => return super::page::app_error(lang, Some(&ctx), &e),
            };
            match household {
                Some(household) => Some(mynumber_app::ChangeCommand::AddressChange {
                    prefecture: form.prefecture.clone(),
                    municipality_code: form.municipality_code.clone(),
                    address: form.address.clone(),
                    household,
                    relationship: form.relationship.clone(),
                }),
                None => {
                    page.field_problem("household_member");
                    None
                }
            }
        }
        "name-change" => Some(mynumber_app::ChangeCommand::NameChange(
            mynumber_core::NameInput {
                family: form.family_name.clone(),
                given: form.given_name.clone(),
                family_kana: opt(&form.family_name_kana),
                given_kana: opt(&form.given_name_kana),
                latin: opt(&form.latin_name),
                alias: opt(&form.alias),
            },
        )),
        "move-out" => Some(mynumber_app::ChangeCommand::MoveOut {
            abroad: false,
            destination: opt(&form.destination_municipality_code),
            with_card: form.with_card == "1",
        }),
        "move-abroad" => Some(mynumber_app::ChangeCommand::MoveOut {
            abroad: true,
            destination: None,
            with_card: form.with_card == "1",
        }),
        "period-of-stay-change" => Some(mynumber_app::ChangeCommand::PeriodOfStayChange(
            mynumber_core::ForeignInput {
                nationality: form.nationality.clone(),
                residence_card_number: opt(&form.residence_card_number),
                status_of_residence: form.status_of_residence.clone(),
                period_of_stay_until: opt(&form.period_of_stay_until),
            },
        )),
        "stay-extension-applied" => Some(mynumber_app::ChangeCommand::StayExtensionApplied),
        _ => Some(mynumber_app::ChangeCommand::Death),
    };
    let name = full_name(&form.family_name, &form.given_name);
    let Some(command) = command.filter(|_| page.errors.is_empty()) else {
        return procedure_view(
            page,
            name,
            resident_code.digits().to_owned(),
            form,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    match state
        .app
        .change(&ctx.principal, &resident_code, command, effective_on)
        .await
    {
        Ok(_) => Redirect::to(&format!(
            "/desk/residents/{}?recorded=1",
            resident_code.digits()
        ))
        .into_response(),
        Err(AppError::Invalid(invalid)) => {
            use_case_problems(&mut page, &invalid);
            procedure_view(
                page,
                name,
                resident_code.digits().to_owned(),
                form,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(AppError::Refused(_)) => {
            page.problem("effective_date", "field-procedure-state");
            procedure_view(
                page,
                name,
                resident_code.digits().to_owned(),
                form,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

/// The fields of the document form: its kind and the items ticked (a repeated field, which
/// serde's form decoding does not gather, so read here).
fn document_form(body: &[u8]) -> (String, Vec<String>, Vec<String>) {
    let mut kind = String::new();
    let mut items = Vec::new();
    let mut documents = Vec::new();
    for (key, value) in form_urlencoded::parse(body) {
        match key.as_ref() {
            "kind" => kind = value.into_owned(),
            "item" => items.push(value.into_owned()),
            "number_document" => documents.push(value.into_owned()),
            _ => {}
        }
    }
    (kind, items, documents)
}

/// Issues a 住民票の写し (or 住民票記載事項証明書) through the same use case as
/// `POST /api/v1/residents/{code}/resident-record`, and hands the signed PDF to the browser.
async fn issue_record(
    State(state): State<AppState>,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    Extension(ctx): Extension<DeskContext>,
    Path(code): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let lang = Lang::of(&headers);
    let resident_code = match resident_code(lang, &ctx, &code) {
        Ok(code) => code,
        Err(page) => return *page,
    };
    let back = uri.path().trim_end_matches("/resident-record").to_owned();
    let (kind, items, documents) = document_form(&body);
    let kind = match kind.as_str() {
        "recorded-matters" => mynumber_render::RecordKind::RecordedMatters,
        _ => mynumber_render::RecordKind::Copy,
    };
    // The number is printed only at the person's own request, their identity documents
    // checked by the core (printing a number is reading it, and is recorded so).
    let number_basis = items.iter().any(|i| i == "individual-number").then(|| {
        mynumber_app::NumberBasis::OwnRequest(
            documents
                .iter()
                .filter_map(|d| mynumber_core::card::IdentityDocument::parse(d))
                .collect(),
        )
    });
    let request = mynumber_app::RecordRequest {
        kind,
        items,
        number_basis,
    };
    match state
        .app
        .issue_resident_record(&ctx.principal, &resident_code, &request)
        .await
    {
        Ok(doc) => {
            super::page::pdf_attachment(&format!("resident-record-{}.pdf", doc.code), doc.pdf)
        }
        Err(AppError::Invalid(invalid)) => {
            let mut page = Page::new(lang, "desk-resident-title", &back, Some(&ctx));
            for e in &invalid.0 {
                // A municipality without a name to print is the administrator's to fix; it
                // is shown against the form, whose items are not at fault.
                let (field, key) = match e.field {
                    "municipality" => ("items", "field-municipality-name"),
                    "identity_documents" | "documents" => {
                        ("number_documents", "desk-document-number-documents-error")
                    }
                    _ => ("items", "field-items"),
                };
                if page.error_for(field).is_none() {
                    page.problem(field, key);
                }
            }
            resident_page(&state, page, &ctx, &code, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => super::page::app_error(lang, Some(&ctx), &e),
    }
}

/// A ledger entry as the audit page shows it.
struct EntryView {
    seq: i64,
    at: String,
    actor: String,
    action: String,
    person: String,
    purpose: String,
    number_read: bool,
}

struct ReportView {
    text: String,
    fault: bool,
}

#[derive(Template)]
#[template(path = "ledger.html")]
struct LedgerPage {
    page: Page,
    report: Option<ReportView>,
    partition_title: String,
    entries: Vec<EntryView>,
    previous: Option<i64>,
    next: Option<i64>,
}

#[derive(Deserialize)]
pub(super) struct LedgerQuery {
    #[serde(default)]
    before: Option<i64>,
}

/// Entries a page of the audit shows.
const LEDGER_PAGE: i64 = 50;

/// The auditor's page: the ledger of the principal's partition, newest first, with the
/// readings of numbers highlighted, and the verification.
async fn ledger_page(
    state: &AppState,
    lang: Lang,
    ctx: &DeskContext,
    before: Option<i64>,
    report: Option<ReportView>,
) -> Response {
    let mut page = Page::new(lang, "desk-ledger-title", "/desk/ledger", Some(ctx));
    page.section = "ledger";
    let partition = ctx.principal.partition();
    let entries = match state
        .app
        .ledger_entries_before(&ctx.principal, &partition, before, LEDGER_PAGE)
        .await
    {
        Ok(e) => e,
        Err(e) => return super::page::app_error(lang, Some(ctx), &e),
    };
    let actors: Vec<String> = entries.iter().map(|e| e.content.actor.clone()).collect();
    let names = match state
        .app
        .actor_names(&ctx.principal, &partition, &actors)
        .await
    {
        Ok(n) => n,
        Err(e) => return super::page::app_error(lang, Some(ctx), &e),
    };
    let oldest = entries.last().map(|e| e.content.seq);
    let newest = entries.first().map(|e| e.content.seq);
    let previous = oldest.filter(|seq| *seq > 1);
    let next = before.and(newest.map(|seq| seq + LEDGER_PAGE + 1));
    let entries = entries
        .iter()
        .map(|e| {
            let c = &e.content;
            EntryView {
                seq: c.seq,
                at: page.l.moment(c.at_us),
                // A staff member by name, with the id the entry holds.
                actor: match names.get(&c.actor) {
                    Some(name) => format!("{name} ({})", c.actor),
                    None => c.actor.clone(),
                },
                action: c.action.clone(),
                person: c.person.map(|p| p.to_hex()).unwrap_or_default(),
                purpose: c
                    .purpose
                    .as_deref()
                    .map(|p| purpose_label(&page.l, p))
                    .unwrap_or_default(),
                number_read: c.action.starts_with("number-"),
            }
        })
        .collect();
    let partition_title = page
        .l
        .with("desk-ledger-partition", "partition", &partition);
    render(
        StatusCode::OK,
        &LedgerPage {
            page,
            report,
            partition_title,
            entries,
            previous,
            next,
        },
    )
}

async fn ledger(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
    Query(q): Query<LedgerQuery>,
) -> Response {
    ledger_page(&state, Lang::of(&headers), &ctx, q.before, None).await
}

/// Verifies every chain the principal may read against the signed checkpoints (a POST: it
/// reads the whole ledger).
async fn verify_ledger(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(ctx): Extension<DeskContext>,
) -> Response {
    let lang = Lang::of(&headers);
    let l = Labels::new(lang);
    let report = match state.app.verify_ledger(&ctx.principal, &[]).await {
        Ok(r) => r,
        Err(e) => return super::page::app_error(lang, Some(&ctx), &e),
    };
    let report = match &report.fault {
        None => ReportView {
            text: l.args(
                "desk-ledger-ok",
                &[
                    ("partitions", &report.partitions.to_string()),
                    ("entries", &report.entries.to_string()),
                    ("checkpoints", &report.checkpoints.to_string()),
                ],
            ),
            fault: false,
        },
        Some(fault) => {
            use mynumber_core::Break as B;
            let (partition, seq) = match fault {
                B::Altered { partition, seq }
                | B::Unlinked { partition, seq }
                | B::Checkpoint { partition, seq, .. } => (partition.clone(), *seq),
                B::Sequence {
                    partition,
                    expected,
                    ..
                } => (partition.clone(), *expected),
                B::Head {
                    partition,
                    head_seq,
                    ..
                } => (partition.clone(), *head_seq),
                B::MissingHead {
                    partition,
                    last_seq,
                    ..
                } => (partition.clone(), *last_seq),
            };
            ReportView {
                text: l.args(
                    "desk-ledger-fault",
                    &[("partition", &partition), ("seq", &seq.to_string())],
                ),
                fault: true,
            }
        }
    };
    ledger_page(&state, lang, &ctx, None, Some(report)).await
}

/// A member of a household as its page lists them.
struct MemberView {
    code: String,
    name: String,
    relationship: String,
    birth: String,
    sex: String,
}

#[derive(Template)]
#[template(path = "household.html")]
struct HouseholdPage {
    page: Page,
    lead: String,
    code: String,
    members: Vec<MemberView>,
}

/// A resident's household (世帯), head first, through `App::household` (each member shown is a
/// recorded read).
async fn household(
    State(state): State<AppState>,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    Extension(ctx): Extension<DeskContext>,
    Path(code): Path<String>,
) -> Response {
    let lang = Lang::of(&headers);
    let resident_code = match resident_code(lang, &ctx, &code) {
        Ok(code) => code,
        Err(page) => return *page,
    };
    let mut rows = match state.app.household(&ctx.principal, &resident_code).await {
        Ok(rows) => rows,
        Err(e) => return super::page::app_error(lang, Some(&ctx), &e),
    };
    // The head first, then by date of birth.
    rows.sort_by_key(|r| {
        let record = &r.version.resident.record;
        (
            record.relationship() != mynumber_core::Relationship::Head,
            record.birth_date(),
        )
    });
    let page = Page::new(lang, "desk-household-title", uri.path(), Some(&ctx));
    let l = page.l;
    let lead = rows
        .iter()
        .find(|r| r.person.resident_code == resident_code)
        .map(|r| row(&l, r))
        .map_or_else(String::new, |r| {
            l.args(
                "desk-household-lead",
                &[("name", &r.name), ("address", &r.address)],
            )
        });
    let members = rows
        .iter()
        .map(|r| {
            let record = &r.version.resident.record;
            let input = record.to_input();
            MemberView {
                code: r.person.resident_code.digits().to_owned(),
                name: full_name(&input.name.family, &input.name.given),
                relationship: l.t(&format!("relationship-{}", input.relationship)),
                birth: l.birth_date(record.birth_date(), record.foreign().is_none()),
                sex: l.t(&format!("sex-{}", input.sex)),
            }
        })
        .collect();
    render(
        StatusCode::OK,
        &HouseholdPage {
            page,
            lead,
            code: resident_code.digits().to_owned(),
            members,
        },
    )
}
