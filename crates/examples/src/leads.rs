//! The lead API of the lead and messaging API documents, with every error
//! inside the contract.
//!
//! ```sh
//! cargo run -p error-model-examples --bin leads -- 127.0.0.1:3000 [dialect] [grpc address]
//! curl -i -X POST localhost:3000/v1/leads -H 'authorization: Bearer key_live_full' \
//!      -H 'content-type: application/json' -d '{"name": "Ada", "email": "nope"}'
//! ```
//!
//! With `--features tracing` the service logs each 5xx it sends on
//! stderr, with its cause (the secrets the client never sees).
//!
//! The first argument is the address to listen on (port 0 picks one; the
//! address is printed on stderr), the second the dialect errors are written
//! in (`canonical` by default; `flat`, `field-map`, ... for the shapes the
//! lead API's documentation shows). A request may ask for problem+json with
//! `Accept`. The third, if given, is where to serve the same API over gRPC
//! (`proto/leads.proto`, see [`LeadsGrpc`]).
//!
//! The lead API's own codes (`LEAD_NOT_FOUND`, `DUPLICATE_EMAIL`) come from
//! its contract crate, `leads-contract`; the others are built in. Errors
//! link to their code's page under the service's docs base
//! ([`Config::docs_base`]).
//!
//! - `POST /v1/leads` (`{"name", "email", "phone"}`): 201 and the lead;
//!   `MISSING_FIELD`/`VALIDATION_ERROR` per field (400, or 422 in the
//!   dialects that say so), `DUPLICATE_EMAIL` (409) with the existing lead's id;
//! - `POST /v1/leads/bulk` (`{"leads": [...]}`, at most 100): all or nothing,
//!   field paths such as `leads.0.phone`;
//! - both bodies are checked by validator rules through
//!   `error_model_axum::validator::Valid<Json<T>>` (a wrong type and a broken
//!   rule are one error; the rules' codes are the reasons);
//! - `GET /v1/leads/{id}`: the lead, or `LEAD_NOT_FOUND` with its id;
//! - `GET /v1/leads/export` and `GET /v1/leads/stats` fail on purpose: the
//!   first as if its storage were down (an `INTERNAL_ERROR` whose cause
//!   stays in the logs), the second with a panic (caught: `INTERNAL_ERROR`);
//!   `GET /v1/leads/slow` outlasts the request timeout (`GATEWAY_TIMEOUT`).
//!
//! Every request needs an API key (`Authorization: Bearer <key>` or
//! `X-API-Key`): `key_live_full` may read and write, `key_read_only` only
//! read (`INSUFFICIENT_PERMISSIONS`, 403); any other is `UNAUTHORIZED` (401).
//! Each key may send `rate_limit` requests a `window` (`RATE_LIMIT_EXCEEDED`,
//! 429, with `Retry-After` and `details.retry_after`); every HTTP answer
//! to a key tells its quota in `RateLimit` and `RateLimit-Policy`
//! (draft-ietf-httpapi-ratelimit-headers: `RateLimit: "per-key";r=57;t=42`,
//! `RateLimit-Policy: "per-key";q=60;w=60`), the 429's agreeing with its
//! `Retry-After` and body. Unknown routes,
//! wrong methods, bodies that are not JSON or too large, a wrong
//! `Content-Type`: all answered in the contract by the error layer and the
//! crate's extractors.
//!
//! The service documents itself: [`openapi`] is its OpenAPI document,
//! derived by utoipa from the handlers below, each declaring the codes it
//! can answer with (`error_model_utoipa::error_responses!`), with the
//! contract's error schemas as components (`cargo xtask codegen` writes it
//! to `schemas/examples/leads.openapi.json`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Router, response::Response};
use error_model::code::DocsBase;
use error_model::ratelimit::RateLimit;
use error_model::wire::Dialect;
use error_model::{ApiError, ErrorCode, FieldViolation, ResourceRef, Timestamp};
use error_model_axum::validator::Valid;
use error_model_axum::{Json, Path, fallback};
use error_model_examples::proto;
use error_model_publish::history::History;
use error_model_tower::{ErrorConfig, ErrorLayer};
use error_model_utoipa::{ErrorComponents, error_responses};
use leads_contract::LeadCode;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;
use validator::{Validate, ValidationError, ValidationErrors, ValidationErrorsKind};

/// How the service behaves.
#[derive(Clone, Debug)]
pub struct Config {
    /// The dialect errors are written in.
    pub dialect: Dialect,
    /// Requests per key per window.
    pub rate_limit: u32,
    /// The rate-limit window.
    pub window: Duration,
    /// How long a request may take, its body included (then
    /// `GATEWAY_TIMEOUT`, 504).
    pub timeout: Duration,
    /// The largest request body, in bytes: a larger declared
    /// `Content-Length` is answered `PAYLOAD_TOO_LARGE` (413) at once,
    /// before any `100 Continue`; a larger body without one when it is read.
    pub body_limit: usize,
    /// How long the client may take to send the whole body, from the
    /// request's arrival: a body that never arrives or trickles in is
    /// answered `REQUEST_TIMEOUT` (408). Shorter than `timeout`.
    pub body_deadline: Duration,
    /// How long the client may take to send a request's headers, the wait
    /// for the next request on an idle keep-alive connection included: the
    /// connection is then closed.
    pub header_read_timeout: Duration,
    /// The most connections served at once; more wait to be accepted.
    pub max_connections: usize,
    /// Where the service's documentation site is served: every error's
    /// link (problem `type`, `docs_url`, ...) is its code's page under it.
    /// `None`: errors carry no link (problem+json says `about:blank`).
    pub docs_base: Option<DocsBase>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            dialect: Dialect::Canonical,
            rate_limit: 60,
            window: Duration::from_secs(60),
            timeout: Duration::from_secs(10),
            body_limit: 64 << 10,
            body_deadline: Duration::from_secs(5),
            header_read_timeout: Duration::from_secs(5),
            max_connections: 1024,
            docs_base: Some(DocsBase::from_static("https://leads.example.com/docs/")),
        }
    }
}

/// The most leads one bulk request may create.
pub const MAX_BULK: usize = 100;

/// A lead.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Lead {
    #[schema(examples("lead_abc123"))]
    id: String,
    name: String,
    #[schema(format = "email")]
    email: String,
    phone: String,
    #[schema(value_type = String, format = DateTime)]
    created_at: Timestamp,
}

/// A lead to create; a missing field is `MISSING_FIELD`, a malformed one
/// `VALIDATION_ERROR`.
// Its rules are validator's, checked by the `Checked` extractor; their codes
// are the reasons on the wire.
// Every field is optional in Rust so that a missing one is reported per field.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema, Validate)]
#[schema(as = LeadInput)]
pub struct NewLead {
    #[schema(required = true, value_type = String, min_length = 1)]
    #[validate(required(code = "REQUIRED"), custom(function = "present"))]
    name: Option<String>,
    #[schema(required = true, value_type = String, format = "email")]
    #[validate(required(code = "REQUIRED"), custom(function = "valid_email"))]
    email: Option<String>,
    /// E.164, such as +14155550100.
    #[schema(required = true, value_type = String)]
    #[validate(required(code = "REQUIRED"), custom(function = "valid_phone"))]
    phone: Option<String>,
}

/// A rule's failure with its reason, message and what was expected.
fn broken(reason: &'static str, message: &'static str, expected: &str) -> ValidationError {
    let mut err = ValidationError::new(reason).with_message(message.into());
    err.add_param("expected".into(), &expected);
    err
}

/// A value that is only blanks is missing.
fn present(value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() { Err(ValidationError::new("REQUIRED")) } else { Ok(()) }
}

fn valid_email(value: &str) -> Result<(), ValidationError> {
    present(value)?;
    match value.trim().split_once('@') {
        Some((user, host)) if !user.is_empty() && host.contains('.') => Ok(()),
        _ => Err(broken("INVALID_FORMAT", "Must be a valid email address", "an email address")),
    }
}

fn valid_phone(value: &str) -> Result<(), ValidationError> {
    present(value)?;
    let value = value.trim();
    let digits = value.strip_prefix('+').unwrap_or(value);
    if (7..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(broken("INVALID_FORMAT", "Must be a phone number in E.164 format", "a number such as +14155550123"))
    }
}

/// Leads to create, all or none; field paths name the item (`leads.0.phone`).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = BulkLeadInput)]
struct Bulk {
    #[schema(max_items = 100)]
    leads: Vec<NewLead>,
}

/// At most [`MAX_BULK`] leads, each valid, no email twice in one request
/// (`DUPLICATE` on the later one).
impl Validate for Bulk {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if self.leads.len() > MAX_BULK {
            let mut err =
                ValidationError::new("TOO_MANY").with_message(format!("At most {MAX_BULK} leads per request").into());
            err.add_param("expected".into(), &format!("at most {MAX_BULK} items"));
            errors.add("leads", err);
            return Err(errors);
        }
        let mut items = std::collections::BTreeMap::new();
        let mut seen = std::collections::HashSet::new();
        for (i, lead) in self.leads.iter().enumerate() {
            let mut item = lead.validate().err().unwrap_or_default();
            let email = lead.email.as_deref().map(str::to_lowercase);
            if email.is_some_and(|email| !seen.insert(email)) {
                item.add(
                    "email",
                    ValidationError::new("DUPLICATE").with_message("A lead with this email already exists".into()),
                );
            }
            if !item.is_empty() {
                items.insert(i, Box::new(item));
            }
        }
        if items.is_empty() {
            return Ok(());
        }
        errors.errors_mut().insert("leads".into(), ValidationErrorsKind::List(items));
        Err(errors)
    }
}

/// A JSON body that passed its validator rules (`Valid<Json<T>>`), its
/// violations in the lead API's words: `MISSING_FIELD` when every problem is
/// a missing field, and a missing field's message names it.
struct Checked<T>(T);

impl<T: DeserializeOwned + Validate, S: Send + Sync> FromRequest<S> for Checked<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Checked<T>, ApiError> {
        match Valid::<Json<T>>::from_request(req, state).await {
            Ok(Valid(Json(value))) => Ok(Checked(value)),
            Err(err) if *err.code() == ErrorCode::ValidationError && !err.fields().is_empty() => {
                Err(invalid(err.fields().to_vec()))
            }
            Err(err) => Err(err),
        }
    }
}

#[derive(Default)]
struct Store {
    leads: HashMap<String, Lead>,
    by_email: HashMap<String, String>,
    next: u64,
}

struct AppState {
    config: Config,
    store: Mutex<Store>,
    /// Per key: the start of its window and the requests in it.
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

type Shared = Arc<AppState>;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What a key may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    Read,
    ReadWrite,
}

/// The keys this demo knows.
const KEYS: &[(&str, Scope)] = &[("key_live_full", Scope::ReadWrite), ("key_read_only", Scope::Read)];

/// The authenticated caller, within its rate limit.
struct Caller {
    scope: Scope,
}

impl Caller {
    fn require_write(&self) -> Result<(), ApiError> {
        if self.scope == Scope::ReadWrite {
            Ok(())
        } else {
            Err(ApiError::new(ErrorCode::InsufficientPermissions)
                .with_message("This API key may read leads but not create them."))
        }
    }
}

/// 401 with the scheme to use ([RFC 9110, section 11.6.1](https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1)).
struct Unauthorized(ApiError);

impl IntoResponse for Unauthorized {
    fn into_response(self) -> Response {
        let mut res = self.0.into_response();
        res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        res
    }
}

/// The key a request presents, and what it may do: 401 when it presents
/// none, or one this service does not know.
fn known_key(headers: &HeaderMap) -> Result<(&'static str, Scope), Unauthorized> {
    let bearer = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| {
        let (scheme, token) = v.split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
    });
    let key = bearer.or_else(|| headers.get("x-api-key").and_then(|v| v.to_str().ok()));
    let Some(key) = key else {
        return Err(Unauthorized(ApiError::new(ErrorCode::Unauthorized).with_message("An API key is required.")));
    };
    match KEYS.iter().find(|(known, _)| *known == key) {
        Some(&(key, scope)) => Ok((key, scope)),
        None => Err(Unauthorized(ApiError::new(ErrorCode::Unauthorized).with_message("The API key is not valid."))),
    }
}

impl FromRequestParts<Shared> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &Shared) -> Result<Caller, Response> {
        let (_, scope) = known_key(&parts.headers).map_err(IntoResponse::into_response)?;
        Ok(Caller { scope })
    }
}

/// The rate limiter, around every route: counts each request of a known
/// key, refuses it past the limit, and tells the key's quota on every
/// response it lets through (in the response's extensions, which the
/// error layer writes as `RateLimit` and `RateLimit-Policy`). A request
/// without a known key is left uncounted to [`Caller`] (401).
async fn limit(State(state): State<Shared>, req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let Ok((key, _)) = known_key(req.headers()) else {
        return next.run(req).await;
    };
    match rate_limit(&state, key) {
        Ok(quota) => {
            let mut res = next.run(req).await;
            res.extensions_mut().insert(quota);
            res
        }
        Err(limited) => limited.into_response(),
    }
}

/// Counts a request of `key` in its fixed window: the quota left, or
/// `RATE_LIMIT_EXCEEDED` whose `Retry-After`, `details.retry_after` and
/// `RateLimit` reset are the same seconds (the window's rest, rounded up).
fn rate_limit(state: &AppState, key: &str) -> Result<RateLimit, ApiError> {
    let now = Instant::now();
    let config = &state.config;
    let mut windows = lock(&state.windows);
    let (start, count) = windows.entry(key.to_owned()).or_insert((now, 0));
    if now.duration_since(*start) >= config.window {
        (*start, *count) = (now, 0);
    }
    let left = config.window.saturating_sub(now.duration_since(*start));
    let reset = (left.as_secs() + u64::from(left.subsec_nanos() > 0)).max(1);
    let quota = |remaining: u32| {
        RateLimit::new(config.rate_limit.into(), remaining.into(), reset)
            .with_window(config.window.as_secs().max(1))
            .with_policy("per-key")
    };
    if *count >= config.rate_limit {
        return Err(ApiError::rate_limited(reset).with_message("Too many requests").with_rate_limit(quota(0)));
    }
    *count += 1;
    Ok(quota(config.rate_limit - *count))
}

/// The validation error for `problems`: `MISSING_FIELD` when every problem
/// is a missing field, else `VALIDATION_ERROR`.
/// A missing field's message names it, and carries no value. The problems
/// of form come first, then the duplicates (a conflict with another lead),
/// each in path order.
fn invalid(mut problems: Vec<FieldViolation>) -> ApiError {
    problems.sort_by_key(|p| p.reason.as_deref() == Some("DUPLICATE"));
    for p in problems.iter_mut().filter(|p| p.reason.as_deref() == Some("REQUIRED")) {
        p.message = format!("The {} field is required.", p.field);
        p.rejected_value = None;
        p.expected = None;
    }
    let all_missing = problems.iter().all(|p| p.reason.as_deref() == Some("REQUIRED"));
    let (code, message) = if all_missing {
        (ErrorCode::MissingField, "Required field missing")
    } else {
        (ErrorCode::ValidationError, "Invalid request data")
    };
    problems.into_iter().fold(ApiError::new(code).with_message(message), ApiError::with_field)
}

/// The operations, shared by the HTTP handlers and the gRPC service: the
/// same checks and the same errors whichever way a request comes.
impl AppState {
    /// Creates a lead whose rules held: `DUPLICATE_EMAIL` with the existing
    /// lead when its email is taken.
    fn create(&self, new: NewLead) -> Result<Lead, ApiError> {
        let mut store = lock(&self.store);
        let email = new.email.as_deref().unwrap_or_default().to_lowercase();
        if let Some(existing) = store.by_email.get(&email) {
            return Err(ApiError::new(LeadCode::DuplicateEmail)
                .with_message("A lead with this email already exists")
                .with_resource(ResourceRef::new("lead", existing.clone())));
        }
        Ok(insert(&mut store, new))
    }

    /// Creates leads whose rules held, all or none: an email already taken
    /// is a `DUPLICATE` problem of its item.
    fn create_many(&self, leads: Vec<NewLead>) -> Result<Vec<Lead>, ApiError> {
        let mut store = lock(&self.store);
        let problems: Vec<FieldViolation> = leads
            .iter()
            .enumerate()
            .filter(|(_, lead)| {
                lead.email.as_deref().is_some_and(|email| store.by_email.contains_key(&email.to_lowercase()))
            })
            .map(|(i, _)| {
                FieldViolation::new(format!("leads.{i}.email"), "A lead with this email already exists")
                    .with_reason("DUPLICATE")
            })
            .collect();
        if !problems.is_empty() {
            // All or nothing: no lead of the request is created.
            return Err(invalid(problems));
        }
        Ok(leads.into_iter().map(|lead| insert(&mut store, lead)).collect())
    }

    /// The lead `id`: `LEAD_NOT_FOUND` with its id when there is none.
    fn get(&self, id: String) -> Result<Lead, ApiError> {
        match lock(&self.store).leads.get(&id) {
            Some(lead) => Ok(lead.clone()),
            None => Err(ApiError::new(LeadCode::LeadNotFound)
                .with_message("Lead not found")
                .with_resource(ResourceRef::new("lead", id))),
        }
    }

    /// The caller a request's headers (or gRPC metadata) name, counted by
    /// the rate limiter: `UNAUTHORIZED`, then `RATE_LIMIT_EXCEEDED`.
    fn authorize(&self, headers: &HeaderMap) -> Result<Caller, ApiError> {
        let (key, scope) = known_key(headers).map_err(|Unauthorized(err)| err)?;
        rate_limit(self, key)?;
        Ok(Caller { scope })
    }
}

/// `value`'s validator rules, as the HTTP extractor [`Checked`] reports them.
fn check<T: Validate>(value: &T) -> Result<(), ApiError> {
    value.validate().map_err(|errors| invalid(error_model_validator::api_error(&errors).fields().to_vec()))
}

fn insert(store: &mut Store, lead: NewLead) -> Lead {
    store.next += 1;
    let lead = Lead {
        id: format!("lead_{:06}", store.next),
        name: lead.name.unwrap_or_default(),
        email: lead.email.unwrap_or_default(),
        phone: lead.phone.unwrap_or_default(),
        created_at: Timestamp::now(),
    };
    store.by_email.insert(lead.email.to_lowercase(), lead.id.clone());
    store.leads.insert(lead.id.clone(), lead.clone());
    lead
}

error_responses! {
    /// What creating leads can answer with: the key and its rate limit, the
    /// extractors (`MALFORMED_REQUEST`, `INVALID_INPUT`, a wrong
    /// `Content-Type`, a body too large or too slow), the lead's own checks,
    /// and the service's timeout.
    pub struct CreateLeadErrors {
        ErrorCode::Unauthorized,
        ErrorCode::InsufficientPermissions,
        ErrorCode::RateLimitExceeded,
        ErrorCode::MissingField,
        ErrorCode::ValidationError,
        ErrorCode::MalformedRequest,
        ErrorCode::InvalidInput,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::PayloadTooLarge,
        ErrorCode::RequestTimeout,
        LeadCode::DuplicateEmail,
        ErrorCode::InternalError,
        ErrorCode::GatewayTimeout,
    }
}

error_responses! {
    /// What reading a lead can answer with.
    pub struct GetLeadErrors {
        ErrorCode::Unauthorized,
        ErrorCode::RateLimitExceeded,
        ErrorCode::InvalidInput,
        LeadCode::LeadNotFound,
        ErrorCode::InternalError,
        ErrorCode::GatewayTimeout,
    }
}

/// Create a lead
#[utoipa::path(
    post,
    path = "/v1/leads",
    tag = "leads",
    operation_id = "createLead",
    params(("X-Request-ID" = Option<String>, Header, description = "An id for the request; the server generates one when it is missing, and echoes it.")),
    request_body = NewLead,
    responses(
        (status = 201, description = "The lead was created.", body = Lead, headers(("X-Request-ID" = String, description = "The request's id."))),
        CreateLeadErrors,
    )
)]
async fn create_lead(
    State(state): State<Shared>,
    caller: Caller,
    Checked(new): Checked<NewLead>,
) -> Result<(StatusCode, Json<Lead>), ApiError> {
    caller.require_write()?;
    Ok((StatusCode::CREATED, Json(state.create(new)?)))
}

/// The leads created.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = BulkLeads)]
struct Created {
    leads: Vec<Lead>,
}

/// Create several leads at once
#[utoipa::path(
    post,
    path = "/v1/leads/bulk",
    tag = "leads",
    operation_id = "createLeads",
    params(("X-Request-ID" = Option<String>, Header, description = "An id for the request; the server generates one when it is missing, and echoes it.")),
    request_body = Bulk,
    responses(
        (status = 201, description = "Every lead was created.", body = Created, headers(("X-Request-ID" = String, description = "The request's id."))),
        CreateLeadErrors,
    )
)]
async fn create_bulk(
    State(state): State<Shared>,
    caller: Caller,
    Checked(bulk): Checked<Bulk>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    caller.require_write()?;
    Ok((StatusCode::CREATED, Json(Created { leads: state.create_many(bulk.leads)? })))
}

/// Read a lead
#[utoipa::path(
    get,
    path = "/v1/leads/{id}",
    tag = "leads",
    operation_id = "getLead",
    params(
        ("id" = String, Path, description = "The lead's id."),
        ("X-Request-ID" = Option<String>, Header, description = "An id for the request; the server generates one when it is missing, and echoes it."),
    ),
    responses(
        (status = 200, description = "The lead.", body = Lead, headers(("X-Request-ID" = String, description = "The request's id."))),
        GetLeadErrors,
    )
)]
async fn get_lead(
    State(state): State<Shared>,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Lead>, ApiError> {
    Ok(Json(state.get(id)?))
}

/// Fails as if the storage were down: the cause, with a secret in it, goes
/// to the logs (with the `tracing` feature), never to the client.
async fn export(_caller: Caller) -> Result<Json<Vec<Lead>>, ApiError> {
    let cause = std::io::Error::other("connection to db.internal:5432 failed: password=hunter2");
    Err(ApiError::internal(cause))
}

/// A bug: the handler panics, with a secret in the message.
async fn stats(_caller: Caller) -> Json<u64> {
    panic!("stats overflowed for tenant acme (token=sk_live_secret)");
}

/// Takes longer than any timeout.
async fn slow(_caller: Caller) -> Json<u64> {
    tokio::time::sleep(Duration::from_secs(3600)).await;
    Json(0)
}

/// The service's documented operations, derived by utoipa.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Leads API (example)",
        description = "An example API whose errors follow the error contract: the operations of the leads example, \
                       documented by utoipa from its handlers.",
    ),
    servers((url = "http://127.0.0.1:3000", description = "The example server, run locally.")),
    paths(create_lead, create_bulk, get_lead),
    tags((name = "leads", description = "Leads of a workspace.")),
    modifiers(&Security),
)]
struct ApiDoc;

/// The API keys: `Authorization: Bearer <key>` or `X-API-Key`, on every operation.
struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            utoipa::openapi::security::SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("`Authorization: Bearer <key>`."))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "apiKey",
            utoipa::openapi::security::SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-API-Key",
                "The same key in `X-API-Key`.",
            ))),
        );
        openapi.security = Some(vec![
            SecurityRequirement::new("bearer", Vec::<String>::new()),
            SecurityRequirement::new("apiKey", Vec::<String>::new()),
        ]);
    }
}

/// The service's OpenAPI document: its operations as utoipa derives them
/// from the handlers, their error responses from the codes each declares,
/// the contract's error schemas (of the built-in codes and the lead API's)
/// as components, each code linked to its page under `docs_base`, the
/// contract version and deprecations from `history`.
pub fn openapi(docs_base: Option<&DocsBase>, history: &History) -> utoipa::openapi::OpenApi {
    const TABLES: &[fn() -> &'static [error_model::CodeInfo]] =
        &[<ErrorCode as error_model::CodeSet>::infos, <LeadCode as error_model::CodeSet>::infos];
    let mut doc = ApiDoc::openapi();
    let errors = match docs_base {
        Some(base) => ErrorComponents::with_docs_base(TABLES, base.clone()),
        None => ErrorComponents::new(TABLES),
    };
    utoipa::Modify::modify(&errors.history(history.clone()), &mut doc);
    doc.info.version = history.version.clone().unwrap_or_else(|| "unversioned".to_owned());
    let license = env!("CARGO_PKG_LICENSE");
    let mut licence = utoipa::openapi::License::new(license);
    licence.identifier = Some(license.to_owned());
    doc.info.license = Some(licence);
    doc
}

/// The whole HTTP service (its gRPC side: [`services`]).
pub fn app(config: Config) -> Router {
    services(config).0
}

/// The HTTP service over `state`.
fn http_app(state: Shared) -> Router {
    let config = &state.config;
    let mut error_config = ErrorConfig::new(config.dialect);
    if let Some(base) = config.docs_base.clone() {
        error_config = error_config.docs_base(base);
    }
    let layer = ErrorLayer::new(error_config);
    let timeout = tower_http::timeout::TimeoutLayer::with_status_code(StatusCode::GATEWAY_TIMEOUT, config.timeout);
    let body_limit = DefaultBodyLimit::max(config.body_limit);
    // A declared Content-Length over the limit: 413 before the body is read
    // (so hyper never sends `100 Continue`); the error layer writes it.
    let declared_limit = tower_http::limit::RequestBodyLimitLayer::new(config.body_limit);
    // The body must arrive in time, however it trickles: the extractors
    // answer `REQUEST_TIMEOUT`.
    let body_deadline = tower_http::timeout::RequestBodyDeadlineLayer::new(config.body_deadline);
    Router::new()
        .route("/v1/leads", post(create_lead))
        .route("/v1/leads/bulk", post(create_bulk))
        .route("/v1/leads/export", get(export))
        .route("/v1/leads/stats", get(stats))
        .route("/v1/leads/slow", get(slow))
        .route("/v1/leads/{id}", get(get_lead))
        .route_layer(axum::middleware::from_fn_with_state(Arc::clone(&state), limit))
        .fallback(fallback)
        .with_state(state)
        .layer(body_limit)
        .layer(declared_limit)
        .layer(body_deadline)
        .layer(timeout)
        .layer(layer)
}

/// Serves `app` on `listener` over HTTP/1.1 as a production service would:
/// at most `config.max_connections` connections at once, and a connection
/// that does not send a request's headers within
/// `config.header_read_timeout` (a slow client, or an idle keep-alive one)
/// is closed. (`axum::serve` has neither setting.)
pub async fn serve(listener: tokio::net::TcpListener, app: Router, config: &Config) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;

    let slots = Arc::new(tokio::sync::Semaphore::new(config.max_connections));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(config.header_read_timeout);
    loop {
        let slot = Arc::clone(&slots).acquire_owned().await.map_err(std::io::Error::other)?;
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            // A connection that failed before it was accepted, or too many
            // open files: go on with the next.
            Err(_) => continue,
        };
        let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        tokio::spawn(async move {
            let _ = connection.await;
            drop(slot);
        });
    }
}

/// The lead API over gRPC (`proto/leads.proto`), beside the HTTP API and
/// sharing its state and its errors: each call goes through the same
/// operations, and an error is the same `ApiError` sent as a
/// `google.rpc.Status` with the rich error model (error-model-tonic). The
/// API key is the `authorization` (`Bearer <key>`) or `x-api-key` metadata.
pub struct LeadsGrpc {
    state: Shared,
    errors: error_model_tonic::Config,
}

/// The lead API's gRPC domain (`ErrorInfo.domain`).
pub const GRPC_DOMAIN: &str = "leads.example.com";

impl LeadsGrpc {
    fn status(&self, err: ApiError) -> tonic::Status {
        error_model_tonic::to_status(&err, &self.errors)
    }

    /// The caller of `req`, within its rate limit.
    fn caller<T>(&self, req: &tonic::Request<T>) -> Result<Caller, tonic::Status> {
        self.state.authorize(&req.metadata().clone().into_headers()).map_err(|err| self.status(err))
    }
}

impl From<proto::NewLead> for NewLead {
    fn from(lead: proto::NewLead) -> NewLead {
        NewLead { name: lead.name, email: lead.email, phone: lead.phone }
    }
}

impl From<Lead> for proto::Lead {
    fn from(lead: Lead) -> proto::Lead {
        proto::Lead {
            id: lead.id,
            name: lead.name,
            email: lead.email,
            phone: lead.phone,
            created_at: lead.created_at.to_string(),
        }
    }
}

#[tonic::async_trait]
impl proto::leads_server::Leads for LeadsGrpc {
    async fn create_lead(
        &self,
        req: tonic::Request<proto::NewLead>,
    ) -> Result<tonic::Response<proto::Lead>, tonic::Status> {
        let caller = self.caller(&req)?;
        caller.require_write().map_err(|err| self.status(err))?;
        let new = NewLead::from(req.into_inner());
        check(&new).map_err(|err| self.status(err))?;
        let lead = self.state.create(new).map_err(|err| self.status(err))?;
        Ok(tonic::Response::new(lead.into()))
    }

    async fn create_leads(
        &self,
        req: tonic::Request<proto::NewLeads>,
    ) -> Result<tonic::Response<proto::CreatedLeads>, tonic::Status> {
        let caller = self.caller(&req)?;
        caller.require_write().map_err(|err| self.status(err))?;
        let bulk = Bulk { leads: req.into_inner().leads.into_iter().map(NewLead::from).collect() };
        check(&bulk).map_err(|err| self.status(err))?;
        let leads = self.state.create_many(bulk.leads).map_err(|err| self.status(err))?;
        Ok(tonic::Response::new(proto::CreatedLeads { leads: leads.into_iter().map(Into::into).collect() }))
    }

    async fn get_lead(
        &self,
        req: tonic::Request<proto::GetLeadRequest>,
    ) -> Result<tonic::Response<proto::Lead>, tonic::Status> {
        self.caller(&req)?;
        let lead = self.state.get(req.into_inner().id).map_err(|err| self.status(err))?;
        Ok(tonic::Response::new(lead.into()))
    }

    async fn stats(
        &self,
        req: tonic::Request<proto::StatsRequest>,
    ) -> Result<tonic::Response<proto::StatsReply>, tonic::Status> {
        self.caller(&req)?;
        panic!("stats overflowed for tenant acme (token=sk_live_secret)");
    }
}

/// The whole service, both ways: the HTTP app and the gRPC service over one
/// state (one store, one rate limit per key). Serve the gRPC side behind
/// [`error_model_tonic::GrpcErrorLayer`] (see [`serve_grpc`]).
pub fn services(config: Config) -> (Router, proto::leads_server::LeadsServer<LeadsGrpc>) {
    let state = Arc::new(AppState { config, store: Mutex::default(), windows: Mutex::default() });
    let errors = error_model_tonic::Config::new().with_domain(GRPC_DOMAIN);
    let grpc = proto::leads_server::LeadsServer::new(LeadsGrpc { state: Arc::clone(&state), errors });
    (http_app(state), grpc)
}

/// Serves the gRPC side on `listener`, behind the `GrpcErrorLayer`
/// (request ids, panics and statuses that are not contract errors).
pub async fn serve_grpc(
    listener: tokio::net::TcpListener,
    grpc: proto::leads_server::LeadsServer<LeadsGrpc>,
) -> Result<(), tonic::transport::Error> {
    let errors = error_model_tonic::Config::new().with_domain(GRPC_DOMAIN);
    tonic::transport::Server::builder()
        .layer(error_model_tonic::GrpcErrorLayer::new(errors))
        .add_service(grpc)
        .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener))
        .await
}

#[allow(dead_code)]
#[tokio::main]
async fn main() {
    #[cfg(feature = "tracing")]
    tracing_subscriber::fmt().with_writer(std::io::stderr).with_ansi(false).init();
    let mut args = std::env::args().skip(1);
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:3000".to_owned());
    let dialect = match args.next() {
        Some(name) => Dialect::from_name(&name).unwrap_or_else(|| {
            let names: Vec<&str> = Dialect::ALL.iter().map(|d| d.name()).collect();
            eprintln!("unknown dialect {name:?}; one of {}", names.join(", "));
            std::process::exit(2);
        }),
        None => Dialect::Canonical,
    };
    let listener = tokio::net::TcpListener::bind(&addr).await.unwrap_or_else(|e| {
        eprintln!("cannot listen on {addr}: {e}");
        std::process::exit(1);
    });
    let local = listener.local_addr().expect("a bound listener has an address");
    eprintln!("listening on http://{local}");
    let config = Config { dialect, ..Config::default() };
    let (app, grpc) = services(config.clone());
    // The third argument, if any: where to serve the gRPC side.
    if let Some(grpc_addr) = args.next() {
        let grpc_listener = tokio::net::TcpListener::bind(&grpc_addr).await.unwrap_or_else(|e| {
            eprintln!("cannot listen on {grpc_addr}: {e}");
            std::process::exit(1);
        });
        eprintln!("gRPC on http://{}", grpc_listener.local_addr().expect("a bound listener has an address"));
        tokio::spawn(serve_grpc(grpc_listener, grpc));
    }
    serve(listener, app, &config).await.expect("serve");
}
