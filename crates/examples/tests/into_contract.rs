//! End to end over real HTTP on 127.0.0.1: handlers that use `?` on an
//! `anyhow::Result`, an `eyre::Result` and a derived error enum, behind the
//! `ErrorLayer`. What the client gets is the contract error and nothing of
//! the source chain; the chain reaches the server's logs, read here from the
//! `ApiError` a response carries, where a logging layer reads it.

use std::error::Error;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::get;
use error_model::{ApiError, ErrorCode, OrInternal};
use error_model_axum::ErrorLayer;
use error_model_derive::IntoApiError;
use leads_contract::LeadCode;

/// The secrets a source chain holds here; none may reach a client.
const SECRETS: [&str; 4] = ["hunter2", "SELECT", "db-7.internal", "tenant_42"];

fn db_failure() -> std::io::Error {
    std::io::Error::other("password=hunter2 rejected by db-7.internal")
}

fn anyhow_query() -> anyhow::Result<String> {
    use anyhow::Context;
    Err(db_failure()).context("running SELECT * FROM leads WHERE tenant = 'tenant_42'")
}

fn eyre_query() -> eyre::Result<String> {
    use eyre::WrapErr;
    Err(db_failure()).wrap_err("running SELECT * FROM leads WHERE tenant = 'tenant_42'")
}

/// A domain error enum, as a team writes one with thiserror.
#[derive(Debug, thiserror::Error, IntoApiError)]
enum LeadError {
    #[error("lead {id} not found for tenant_42")]
    #[api(code = LeadCode::LeadNotFound)]
    NotFound {
        #[api(resource = "lead")]
        id: String,
    },
    #[error("lead {0} is locked")]
    #[api(code = ErrorCode::Conflict, message)]
    Locked(u32),
    #[error("SELECT * FROM leads failed")]
    #[api(code = ErrorCode::ServiceUnavailable)]
    Store(#[from] std::io::Error),
}

fn find_lead(id: &str) -> Result<String, LeadError> {
    match id {
        "locked" => Err(LeadError::Locked(7)),
        "down" => Err(db_failure())?,
        _ => Err(LeadError::NotFound { id: id.to_owned() }),
    }
}

async fn with_anyhow() -> error_model::Result<String> {
    Ok(anyhow_query()?)
}

async fn with_eyre() -> error_model::Result<String> {
    Ok(eyre_query()?)
}

async fn with_or_internal() -> error_model::Result<String> {
    anyhow_query().or_internal()
}

async fn with_derive(Path(id): Path<String>) -> error_model::Result<String> {
    Ok(find_lead(&id)?)
}

/// Each error's source chain, as a logging layer sees it.
type Logs = Arc<Mutex<Vec<Vec<String>>>>;

fn app(logs: Logs) -> Router {
    let log = move |res: Response| {
        let logs = logs.clone();
        async move {
            if let Some(err) = res.extensions().get::<ApiError>() {
                let chain = std::iter::successors(err.source(), |&e| e.source()).map(|e| e.to_string()).collect();
                logs.lock().unwrap().push(chain);
            }
            res
        }
    };
    Router::new()
        .route("/anyhow", get(with_anyhow))
        .route("/eyre", get(with_eyre))
        .route("/or-internal", get(with_or_internal))
        .route("/leads/{id}", get(with_derive))
        .layer(axum::middleware::map_response(log))
        .layer(ErrorLayer::default())
}

async fn start() -> (String, Logs) {
    let logs = Logs::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app(logs.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (format!("http://{addr}"), logs)
}

/// What a client received: status, headers and body as text, and the body's error.
struct Got {
    status: u16,
    headers: String,
    body: String,
    error: serde_json::Value,
}

async fn get_error(url: String) -> Got {
    let res = reqwest::Client::new().get(url).send().await.unwrap();
    let status = res.status().as_u16();
    let headers = format!("{:?}", res.headers());
    let body = res.text().await.unwrap();
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    Got { status, headers, body, error: json["error"].clone() }
}

fn assert_no_secret(got: &Got, ctx: &str) {
    for secret in SECRETS {
        assert!(!got.body.contains(secret), "{ctx}: {secret} in the body {}", got.body);
        assert!(!got.headers.contains(secret), "{ctx}: {secret} in the headers {}", got.headers);
    }
}

#[tokio::test]
async fn reports_are_internal_errors_whose_chain_stays_in_the_logs() {
    let (base, logs) = start().await;
    for route in ["anyhow", "eyre", "or-internal"] {
        let got = get_error(format!("{base}/{route}")).await;
        assert_eq!(got.status, 500, "{route}");
        assert_eq!(got.error["code"], "INTERNAL_ERROR", "{route}");
        assert_eq!(got.error["message"], ErrorCode::InternalError.info().description(), "{route}");
        assert!(got.error.get("details").is_none(), "{route}: {}", got.body);
        assert_no_secret(&got, route);

        let chain = logs.lock().unwrap().pop().expect("the error reached the logging layer");
        assert_eq!(
            chain,
            ["running SELECT * FROM leads WHERE tenant = 'tenant_42'", "password=hunter2 rejected by db-7.internal"],
            "{route}"
        );
    }
}

#[tokio::test]
async fn a_derived_enum_sends_its_code_and_marked_fields_only() {
    let (base, logs) = start().await;

    let got = get_error(format!("{base}/leads/lead_9")).await;
    assert_eq!((got.status, &got.error["code"]), (404, &"LEAD_NOT_FOUND".into()));
    assert_eq!(got.error["message"], LeadCode::LeadNotFound.info().description());
    assert_eq!(got.error["details"]["resource"], serde_json::json!({"type": "lead", "id": "lead_9"}));
    assert_no_secret(&got, "not found");
    assert_eq!(logs.lock().unwrap().pop(), Some(vec![]), "no source");

    let got = get_error(format!("{base}/leads/locked")).await;
    assert_eq!((got.status, &got.error["code"]), (409, &"CONFLICT".into()));
    assert_eq!(got.error["message"], "lead 7 is locked");

    let got = get_error(format!("{base}/leads/down")).await;
    assert_eq!((got.status, &got.error["code"]), (503, &"SERVICE_UNAVAILABLE".into()));
    assert_eq!(got.error["message"], ErrorCode::ServiceUnavailable.info().description());
    assert_no_secret(&got, "store");
    let chain = logs.lock().unwrap().pop().unwrap();
    assert_eq!(chain, ["password=hunter2 rejected by db-7.internal"]);
}
