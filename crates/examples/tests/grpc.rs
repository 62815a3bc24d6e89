//! The lead API over gRPC and over HTTP at once (one store, one rate limit),
//! called over 127.0.0.1 with a tonic client and with reqwest: each
//! documented case arrives with the same code, fields, resource, retry hint
//! and request id both ways, and no internal text either way.

use error_model::client::ClientError;
use error_model::{ApiError, ErrorCode};
use error_model_examples::leads::{self, GRPC_DOMAIN};
use error_model_examples::proto::leads_client::LeadsClient;
use error_model_examples::proto::{GetLeadRequest, NewLead, NewLeads, StatsRequest};
use leads_contract::LeadCode;
use tonic::transport::Channel;
use tonic_types::StatusExt;

struct Both {
    http: String,
    grpc: LeadsClient<Channel>,
    client: reqwest::Client,
}

async fn start(config: leads::Config) -> Both {
    let (app, grpc) = leads::services(config.clone());
    let http = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let http_addr = http.local_addr().unwrap();
    tokio::spawn(async move { leads::serve(http, app, &config).await.unwrap() });
    let grpc_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let grpc_addr = grpc_listener.local_addr().unwrap();
    tokio::spawn(leads::serve_grpc(grpc_listener, grpc));
    let grpc = LeadsClient::connect(format!("http://{grpc_addr}")).await.unwrap();
    Both { http: format!("http://{http_addr}"), grpc, client: reqwest::Client::new() }
}

/// An HTTP request's error, decoded as a client reads it.
async fn http_error(req: reqwest::RequestBuilder, id: &str) -> (u16, ApiError, String) {
    let res = req.header("x-request-id", id).send().await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let body = res.bytes().await.unwrap();
    let text = String::from_utf8_lossy(&body).into_owned();
    let err = ClientError::from_parts(status, &headers, &body).api_error().cloned().unwrap();
    (status.as_u16(), err, text)
}

/// A gRPC call's error, read back into the contract.
fn grpc_error(status: tonic::Status) -> (tonic::Code, ApiError, String) {
    let seen = format!("{} {:?} {:?}", status.message(), status.get_error_details(), status.metadata());
    let err = error_model_tonic::from_status(&status, &error_model_tonic::Config::new().with_domain(GRPC_DOMAIN));
    (status.code(), err, seen)
}

fn with_id<T>(message: T, id: &str, key: Option<&str>) -> tonic::Request<T> {
    let mut req = tonic::Request::new(message);
    req.metadata_mut().insert("x-request-id", id.parse().unwrap());
    if let Some(key) = key {
        req.metadata_mut().insert("authorization", format!("Bearer {key}").parse().unwrap());
    }
    req
}

/// The same error both ways: code, message, fields, resource, request id.
fn assert_same(http: &ApiError, grpc: &ApiError) {
    assert_eq!(http.code(), grpc.code());
    assert_eq!(http.message(), grpc.message());
    let fields = |e: &ApiError| -> Vec<(String, String, Option<String>, String)> {
        e.fields().iter().map(|f| (f.field.clone(), f.pointer.clone(), f.reason.clone(), f.message.clone())).collect()
    };
    assert_eq!(fields(http), fields(grpc));
    assert_eq!(http.details().resource, grpc.details().resource);
    assert_eq!(http.request_id(), grpc.request_id());
}

const KEY: &str = "key_live_full";

fn lead(name: &str, email: &str, phone: &str) -> NewLead {
    NewLead { name: Some(name.into()), email: Some(email.into()), phone: Some(phone.into()) }
}

#[tokio::test]
async fn each_documented_case_is_the_same_error_both_ways() {
    let mut both = start(leads::Config::default()).await;
    let post = |path: &str, key: Option<&str>, body: &str| {
        let req = both.client.post(format!("{}{path}", both.http)).header("content-type", "application/json");
        let req = match key {
            Some(key) => req.bearer_auth(key),
            None => req,
        };
        req.body(body.to_owned())
    };

    // Validation: a field violation with its path, pointer and reason.
    let (status, http, _) = http_error(
        post("/v1/leads", Some(KEY), r#"{"name": "Ada", "email": "nope", "phone": "+14155550100"}"#),
        "req_validation",
    )
    .await;
    assert_eq!(status, 400);
    let (code, grpc, _) = grpc_error(
        both.grpc
            .create_lead(with_id(lead("Ada", "nope", "+14155550100"), "req_validation", Some(KEY)))
            .await
            .unwrap_err(),
    );
    assert_eq!(code, tonic::Code::InvalidArgument);
    assert_eq!(http.code(), &ErrorCode::ValidationError);
    assert_eq!(http.fields()[0].pointer, "/email");
    assert_same(&http, &grpc);

    // Missing fields, in bulk: item paths (leads.0.phone).
    let (_, http, _) = http_error(
        post("/v1/leads/bulk", Some(KEY), r#"{"leads": [{"name": "Ada", "email": "ada@example.com"}]}"#),
        "req_missing",
    )
    .await;
    let bulk = NewLeads {
        leads: vec![NewLead { name: Some("Ada".into()), email: Some("ada@example.com".into()), phone: None }],
    };
    let (_, grpc, _) = grpc_error(both.grpc.create_leads(with_id(bulk, "req_missing", Some(KEY))).await.unwrap_err());
    assert_eq!(http.code(), &ErrorCode::MissingField);
    assert_eq!(http.fields()[0].field, "leads.0.phone");
    assert_same(&http, &grpc);

    // Not found, with the resource.
    let get = both.client.get(format!("{}/v1/leads/lead_nope", both.http)).bearer_auth(KEY);
    let (status, http, _) = http_error(get, "req_not_found").await;
    assert_eq!(status, 404);
    let (code, grpc, _) = grpc_error(
        both.grpc
            .get_lead(with_id(GetLeadRequest { id: "lead_nope".into() }, "req_not_found", Some(KEY)))
            .await
            .unwrap_err(),
    );
    assert_eq!(code, tonic::Code::NotFound);
    assert_eq!(http.code(), &LeadCode::LeadNotFound);
    assert_same(&http, &grpc);

    // A duplicate: created over gRPC, then sent again both ways (one store).
    let created = both
        .grpc
        .create_lead(with_id(lead("Ada", "ada@example.com", "+14155550100"), "req_create", Some(KEY)))
        .await
        .unwrap();
    let body = r#"{"name": "Ada", "email": "ada@example.com", "phone": "+14155550100"}"#;
    let (status, http, _) = http_error(post("/v1/leads", Some(KEY), body), "req_duplicate").await;
    assert_eq!(status, 409);
    let (code, grpc, _) = grpc_error(
        both.grpc
            .create_lead(with_id(lead("Ada", "ada@example.com", "+14155550100"), "req_duplicate", Some(KEY)))
            .await
            .unwrap_err(),
    );
    assert_eq!(code, tonic::Code::AlreadyExists, "DUPLICATE_EMAIL's row says ALREADY_EXISTS");
    assert_eq!(http.code(), &LeadCode::DuplicateEmail);
    assert_eq!(http.details().resource.as_ref().unwrap().id.as_deref(), Some(created.get_ref().id.as_str()));
    assert_same(&http, &grpc);

    // Unauthenticated.
    let (status, http, _) = http_error(post("/v1/leads", None, body), "req_no_key").await;
    assert_eq!(status, 401);
    let (code, grpc, _) = grpc_error(
        both.grpc
            .create_lead(with_id(lead("Ada", "b@example.com", "+14155550100"), "req_no_key", None))
            .await
            .unwrap_err(),
    );
    assert_eq!(code, tonic::Code::Unauthenticated);
    assert_same(&http, &grpc);

    // Permission denied.
    let (status, http, _) = http_error(post("/v1/leads", Some("key_read_only"), body), "req_read_only").await;
    assert_eq!(status, 403);
    let (code, grpc, _) = grpc_error(
        both.grpc
            .create_lead(with_id(lead("Ada", "b@example.com", "+14155550100"), "req_read_only", Some("key_read_only")))
            .await
            .unwrap_err(),
    );
    assert_eq!(code, tonic::Code::PermissionDenied);
    assert_eq!(http.code(), &ErrorCode::InsufficientPermissions);
    assert_same(&http, &grpc);

    // A panic: INTERNAL_ERROR, nothing of the panic's text either way.
    let get = both.client.get(format!("{}/v1/leads/stats", both.http)).bearer_auth(KEY);
    let (status, http, text) = http_error(get, "req_panic").await;
    assert_eq!(status, 500);
    let (code, grpc, seen) =
        grpc_error(both.grpc.stats(with_id(StatsRequest {}, "req_panic", Some(KEY))).await.unwrap_err());
    assert_eq!(code, tonic::Code::Internal);
    assert_eq!(http.code(), &ErrorCode::InternalError);
    assert_same(&http, &grpc);
    for secret in ["sk_live_secret", "acme", "overflowed"] {
        assert!(!text.contains(secret) && !seen.contains(secret), "{secret}");
    }
}

#[tokio::test]
async fn rate_limited_both_ways_with_the_same_wait() {
    let mut both = start(leads::Config { rate_limit: 2, ..leads::Config::default() }).await;
    // Two calls use up the key's window, one each way.
    let get = || both.client.get(format!("{}/v1/leads/lead_nope", both.http)).bearer_auth(KEY);
    let (status, first, _) = http_error(get(), "req_1").await;
    assert_eq!((status, first.code().as_str()), (404, "LEAD_NOT_FOUND"), "counted, not yet limited");
    let second = both.grpc.get_lead(with_id(GetLeadRequest { id: "lead_nope".into() }, "req_2", Some(KEY))).await;
    assert_eq!(second.unwrap_err().code(), tonic::Code::NotFound, "counted, not yet limited");
    let (status, http, _) = http_error(get(), "req_limited").await;
    assert_eq!(status, 429);
    let status = both
        .grpc
        .get_lead(with_id(GetLeadRequest { id: "lead_nope".into() }, "req_limited", Some(KEY)))
        .await
        .unwrap_err();
    assert_eq!(status.code(), tonic::Code::ResourceExhausted);
    let retry = status.get_details_retry_info().and_then(|r| r.retry_delay).unwrap();
    let (_, grpc, _) = grpc_error(status);
    assert_eq!(http.code(), &ErrorCode::RateLimitExceeded);
    assert_same(&http, &grpc);
    let (h, g) = (http.retry_after().unwrap(), grpc.retry_after().unwrap());
    assert!(h.abs_diff(g) <= 1 && (1..=60).contains(&g), "{h} s over HTTP, {g} s over gRPC");
    assert_eq!(retry.as_secs(), g);
}
