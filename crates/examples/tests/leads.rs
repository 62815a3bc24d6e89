//! The lead API example (`examples/leads.rs`) over real HTTP on 127.0.0.1:
//! each case the lead API's documentation gives, the framework's own
//! rejections, content negotiation, request ids, and no internal text on
//! the wire.

#[allow(dead_code)]
#[path = "../src/leads.rs"]
mod leads;

use std::time::Duration;

use error_model::client::ClientError;
use error_model::limits::Limits;
use error_model::retry::{Jitter, RetryPolicy, SplitMix64};
use error_model::wire::Dialect;
use error_model::{ApiError, ErrorCode};
use error_model_reqwest::send_with;
use leads_contract::LeadCode;
use serde_json::{Value, json};

const KEY: &str = "key_live_full";

/// Starts the service with `config` on 127.0.0.1 and returns its base URL.
async fn start(config: leads::Config) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { leads::serve(listener, leads::app(config.clone()), &config).await.unwrap() });
    format!("http://{addr}")
}

async fn start_in(dialect: Dialect) -> String {
    start(leads::Config { dialect, ..leads::Config::default() }).await
}

/// A response, read whole.
struct Got {
    status: u16,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

impl Got {
    async fn of(res: reqwest::Response) -> Got {
        let (status, headers) = (res.status().as_u16(), res.headers().clone());
        Got { status, headers, body: res.bytes().await.unwrap().to_vec() }
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// The error, decoded as a client of `dialect` would, after checking
    /// that the body is valid under the dialect's published JSON Schema.
    fn error_in(&self, dialect: Dialect) -> ApiError {
        let schema = error_model_publish::schema::dialect_schema(dialect);
        let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
        let errors: Vec<String> = validator.iter_errors(&self.json()).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{dialect} schema: {errors:?}: {}", self.text());
        let status = http::StatusCode::from_u16(self.status).unwrap();
        dialect.decode(Some(status), &self.headers, &self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }

    /// Checks the response against the service's OpenAPI document
    /// (`schemas/examples/leads.openapi.json`, derived by utoipa from the
    /// handlers: `leads::openapi`): its status is documented for the
    /// operation, its body is valid under the documented schema of its
    /// media type, and an error's code is one the handler declares for
    /// that status.
    fn documented(&self, method: &str, path: &str) -> &Got {
        {
            let doc = leads::openapi(None, &error_model_publish::history::History::default());
            let doc = serde_json::to_value(doc).unwrap();
            let ctx = format!("{method} {path} {}", self.status);
            let mut response = &doc["paths"][path][method]["responses"][self.status.to_string()];
            if let Some(target) = response["$ref"].as_str() {
                response = doc.pointer(target.trim_start_matches('#')).unwrap_or_else(|| panic!("{ctx}: {target}"));
            }
            assert!(response.is_object(), "{ctx}: not documented");
            let media = self.header("content-type");
            let schema = &response["content"][media]["schema"];
            assert!(schema.is_object(), "{ctx}: {media} not documented");
            // The schema's $refs point into the document's components.
            let root = json!({ "allOf": [schema], "components": doc["components"] });
            let validator = jsonschema::options().build(&root).unwrap();
            let body = self.json();
            let errors: Vec<String> = validator.iter_errors(&body).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{ctx}: {errors:?}: {}", self.text());
            if self.status >= 400 {
                let code = body["error"]["code"].as_str().or(body["code"].as_str()).unwrap_or_default();
                let declared = &response[error_model_utoipa::CODES_EXTENSION];
                assert!(
                    declared.as_array().is_some_and(|codes| codes.contains(&json!(code))),
                    "{ctx}: {code} is not among the codes declared: {declared}"
                );
            }
        }
        self
    }

    /// The error of a canonical service.
    fn error(&self) -> ApiError {
        assert_eq!(self.header("content-type"), "application/json", "{}", self.text());
        self.error_in(Dialect::Canonical)
    }
}

/// A JSON request body (reqwest's `json` feature is off).
trait JsonBody {
    fn json_body(self, body: &Value) -> Self;
}

impl JsonBody for reqwest::RequestBuilder {
    fn json_body(self, body: &Value) -> Self {
        self.header("content-type", "application/json").body(body.to_string())
    }
}

fn http() -> reqwest::Client {
    reqwest::Client::new()
}

async fn post(base: &str, path: &str, body: &Value) -> Got {
    Got::of(http().post(format!("{base}{path}")).bearer_auth(KEY).json_body(body).send().await.unwrap()).await
}

async fn get(base: &str, path: &str) -> Got {
    Got::of(http().get(format!("{base}{path}")).bearer_auth(KEY).send().await.unwrap()).await
}

fn pointers(err: &ApiError) -> Vec<&str> {
    let mut pointers: Vec<&str> = err.fields().iter().map(|f| f.pointer.as_str()).collect();
    pointers.sort_unstable();
    pointers
}

#[tokio::test]
async fn the_example_binary_serves_the_api() {
    // Cargo builds a package's binaries before its integration tests and
    // names them here.
    let binary = env!("CARGO_BIN_EXE_leads");

    use tokio::io::AsyncBufReadExt;
    let mut child = tokio::process::Command::new(&binary)
        .args(["127.0.0.1:0", "field-map"])
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = tokio::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line()).await.unwrap().unwrap().unwrap();
    let base = line.strip_prefix("listening on ").unwrap_or_else(|| panic!("{line}")).to_owned();

    let created =
        post(&base, "/v1/leads", &json!({"name": "Ada", "email": "ada@example.com", "phone": "+14155550123"})).await;
    assert_eq!(created.status, 201, "{}", created.text());
    created.documented("post", "/v1/leads");
    let id = created.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(get(&base, &format!("/v1/leads/{id}")).await.json()["email"], "ada@example.com");
    // Seed 003's shape and status.
    let invalid = post(&base, "/v1/leads/bulk", &json!({"leads": [{"name": "B", "email": "b@example.com"}]})).await;
    assert_eq!(invalid.status, 422);
    assert_eq!(invalid.json()["errors"]["leads.0.phone"][0], "The leads.0.phone field is required.");
    child.kill().await.unwrap();
}

#[tokio::test]
async fn validation_is_400_or_422_as_each_dialect_documents() {
    for &dialect in Dialect::ALL {
        let base = start_in(dialect).await;
        let got = post(&base, "/v1/leads", &json!({"name": "Ada", "email": "nope"})).await;
        let expected = if dialect.validation_is_422() { 422 } else { 400 };
        assert_eq!(got.status, expected, "{dialect}");
        assert_eq!(got.header("content-type"), dialect.content_type(), "{dialect}");
        let err = got.error_in(dialect);
        assert_eq!(err.code(), &ErrorCode::ValidationError, "{dialect}: {}", got.text());
        assert_eq!(err.status(), 400, "{dialect}: the contract's status");
        if dialect.name() != "bare" {
            assert_eq!(pointers(&err), ["/email", "/phone"], "{dialect}: {}", got.text());
        }
    }
}

#[tokio::test]
async fn a_missing_field_is_missing_field() {
    // Seed 000: MISSING_FIELD, 400, the field named.
    let base = start_in(Dialect::Nested).await;
    let got = post(&base, "/v1/leads", &json!({"name": "Ada", "email": "ada@example.com"})).await;
    assert_eq!(got.status, 400);
    let body = got.json();
    assert_eq!(body["error"]["code"], "MISSING_FIELD", "{body}");
    let err = got.error_in(Dialect::Nested);
    assert_eq!(err.fields()[0].field, "phone");
}

#[tokio::test]
async fn bulk_is_all_or_nothing_with_indexed_paths() {
    let base = start_in(Dialect::Canonical).await;
    let leads = json!({"leads": [
        {"name": "A", "email": "a@example.com", "phone": "+14155550100"},
        {"name": "B", "email": "b@example.com", "phone": "12"},
        {"name": "C", "email": "a@example.com"},
    ]});
    let got = post(&base, "/v1/leads/bulk", &leads).await;
    assert_eq!(got.status, 400);
    got.documented("post", "/v1/leads/bulk");
    let err = got.error();
    assert_eq!(err.code(), &ErrorCode::ValidationError);
    let fields: Vec<(&str, Option<&str>)> =
        err.fields().iter().map(|f| (f.field.as_str(), f.reason.as_deref())).collect();
    assert_eq!(
        fields,
        [
            ("leads.1.phone", Some("INVALID_FORMAT")),
            ("leads.2.phone", Some("REQUIRED")),
            ("leads.2.email", Some("DUPLICATE"))
        ]
    );
    assert_eq!(err.fields()[0].pointer, "/leads/1/phone");
    // Nothing was created: the first lead is still new.
    let first = post(&base, "/v1/leads", &leads["leads"][0]).await;
    assert_eq!(first.status, 201, "{}", first.text());

    let ok = post(
        &base,
        "/v1/leads/bulk",
        &json!({"leads": [{"name": "D", "email": "d@example.com", "phone": "+4930123456"}]}),
    )
    .await;
    assert_eq!(ok.status, 201);
    ok.documented("post", "/v1/leads/bulk");
    assert_eq!(ok.json()["leads"][0]["email"], "d@example.com");
}

#[tokio::test]
async fn not_found_names_the_lead() {
    let base = start_in(Dialect::Canonical).await;
    let got = get(&base, "/v1/leads/lead_nonexistent123").await;
    assert_eq!(got.status, 404);
    got.documented("get", "/v1/leads/{id}");
    let body = got.json();
    assert_eq!(body["error"]["code"], "LEAD_NOT_FOUND");
    assert_eq!(body["error"]["details"]["resource"], json!({"type": "lead", "id": "lead_nonexistent123"}));
}

#[tokio::test]
async fn a_duplicate_names_the_existing_lead() {
    // Seed 001: 409 DUPLICATE_EMAIL with details.existingLeadId.
    let base = start_in(Dialect::Flat).await;
    let lead = json!({"name": "Ada", "email": "ada@example.com", "phone": "+14155550123"});
    let id = post(&base, "/v1/leads", &lead).await.json()["id"].as_str().unwrap().to_owned();
    let got =
        post(&base, "/v1/leads", &json!({"name": "Ada L.", "email": "ADA@example.com", "phone": "+14155550124"})).await;
    assert_eq!(got.status, 409);
    let body = got.json();
    assert_eq!(body["success"], false);
    assert_eq!(body["code"], "DUPLICATE_EMAIL");
    assert_eq!(body["details"]["existingLeadId"], id.as_str(), "{body}");
}

#[tokio::test]
async fn every_answer_to_a_key_tells_its_quota() {
    let base = start_in(Dialect::Flat).await;
    let lead = json!({"name": "Ada", "email": "ada@example.com", "phone": "+14155550123"});
    let created = post(&base, "/v1/leads", &lead).await;
    assert_eq!(created.status, 201);
    assert_eq!(created.header("ratelimit"), "\"per-key\";r=59;t=60");
    assert_eq!(created.header("ratelimit-policy"), "\"per-key\";q=60;w=60");
    let duplicate = post(&base, "/v1/leads", &lead).await;
    assert_eq!(duplicate.status, 409);
    assert_eq!(duplicate.header("ratelimit"), "\"per-key\";r=58;t=60");
    // No key, no quota: the request is not counted.
    let anonymous = http().get(format!("{base}/v1/leads/lead_x")).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    assert!(anonymous.headers().get("ratelimit").is_none());
}

#[tokio::test]
async fn keys_are_checked() {
    let base = start_in(Dialect::Canonical).await;
    let lead = json!({"name": "Ada", "email": "ada@example.com", "phone": "+14155550123"});
    let none = Got::of(http().post(format!("{base}/v1/leads")).json_body(&lead).send().await.unwrap()).await;
    assert_eq!((none.status, none.header("www-authenticate")), (401, "Bearer"));
    assert_eq!(none.documented("post", "/v1/leads").error().code(), &ErrorCode::Unauthorized);
    let wrong =
        Got::of(http().get(format!("{base}/v1/leads/x")).header("x-api-key", "key_forged").send().await.unwrap()).await;
    assert_eq!(wrong.status, 401);
    let read_only = Got::of(
        http().post(format!("{base}/v1/leads")).bearer_auth("key_read_only").json_body(&lead).send().await.unwrap(),
    )
    .await;
    assert_eq!(read_only.status, 403);
    assert_eq!(read_only.documented("post", "/v1/leads").error().code(), &ErrorCode::InsufficientPermissions);
}

#[tokio::test]
async fn the_rate_limit_sends_retry_after_and_the_client_waits_for_it() {
    let config = leads::Config { rate_limit: 2, window: Duration::from_secs(1), ..leads::Config::default() };
    let base = start(config).await;
    // Every answer to a key tells its quota: what is left, and the policy.
    for remaining in [1, 0] {
        let answered = get(&base, "/v1/leads/lead_x").await;
        assert_eq!(answered.status, 404);
        assert_eq!(answered.header("ratelimit"), format!("\"per-key\";r={remaining};t=1"));
        assert_eq!(answered.header("ratelimit-policy"), "\"per-key\";q=2;w=1");
    }
    let limited = get(&base, "/v1/leads/lead_x").await;
    assert_eq!(limited.status, 429);
    limited.documented("get", "/v1/leads/{id}");
    let body = limited.json();
    assert_eq!(body["error"]["code"], "RATE_LIMIT_EXCEEDED");
    // Retry-After, RateLimit's reset and the body's hint agree.
    assert_eq!(body["error"]["details"]["retry_after"], 1);
    assert_eq!(limited.header("retry-after"), "1");
    assert_eq!(limited.header("ratelimit"), "\"per-key\";r=0;t=1");
    assert_eq!(limited.header("ratelimit-policy"), "\"per-key\";q=2;w=1");
    let read = limited.error();
    let quota = read.rate_limit().expect("the 429 carries its quota");
    assert_eq!((quota.limit, quota.remaining, quota.reset, quota.window), (Some(2), Some(0), Some(1), Some(1)));
    assert_eq!(read.retry_after(), quota.reset);

    // The retrying client waits the server's Retry-After, then gets the 404.
    let policy = RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(50),
        max_delay: Duration::from_millis(400),
        max_total_delay: Duration::from_secs(5),
        jitter: Jitter::Equal,
    };
    let request = http().get(format!("{base}/v1/leads/lead_x")).bearer_auth(KEY);
    let called = send_with(request, &policy, &mut SplitMix64::new(1), &Limits::default()).await;
    assert_eq!(called.attempts, 2);
    assert_eq!(called.waited, Duration::from_secs(1));
    match called.result {
        Err(ClientError::Api { error, .. }) => assert_eq!(error.code().to_code_set(), Some(LeadCode::LeadNotFound)),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn bad_bodies_are_contract_errors() {
    let base = start(leads::Config { body_limit: 1024, ..leads::Config::default() }).await;
    let send = |body: &'static str, content_type: Option<&'static str>| {
        let mut req = http().post(format!("{base}/v1/leads")).bearer_auth(KEY).body(body);
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        async move { Got::of(req.send().await.unwrap()).await }
    };
    let malformed = send("{\"name\": \"Ada\",", Some("application/json")).await;
    assert_eq!(malformed.status, 400);
    malformed.documented("post", "/v1/leads");
    assert_eq!(malformed.error().code(), &ErrorCode::MalformedRequest);
    assert!(malformed.error().message().contains("line 1 column"), "{}", malformed.text());

    let wrong_type = send(r#"{"name": 5}"#, Some("application/json")).await;
    assert_eq!(wrong_type.status, 400);
    let err = wrong_type.error();
    assert_eq!(err.code(), &ErrorCode::ValidationError);
    assert_eq!(err.fields()[0].field, "name");
    assert_eq!(err.fields()[0].message, "expected a string, found an integer", "{}", wrong_type.text());

    // No Rust type name reaches the client, whatever JSON kind is sent.
    for body in ["null", "\"lead\"", "42", "[]", "true"] {
        let got = send(body, Some("application/json")).await;
        assert_eq!(got.status, 400, "{body}");
        assert_eq!(got.error().code(), &ErrorCode::ValidationError, "{body}");
        assert!(got.error().message().starts_with("expected an object, found "), "{body}: {}", got.text());
        assert!(!got.text().contains("NewLead") && !got.text().contains("struct"), "{body}: {}", got.text());
    }

    for content_type in [None, Some("text/plain")] {
        let got = send(r#"{"name": "Ada"}"#, content_type).await;
        assert_eq!(got.status, 415, "{content_type:?}");
        got.documented("post", "/v1/leads");
        assert_eq!(got.error().code(), &ErrorCode::UnsupportedMediaType);
    }

    let huge = format!(r#"{{"name": "{}"}}"#, "a".repeat(4096));
    let got = Got::of(
        http()
            .post(format!("{base}/v1/leads"))
            .bearer_auth(KEY)
            .header("content-type", "application/json")
            .body(huge)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(got.status, 413);
    got.documented("post", "/v1/leads");
    assert_eq!(got.error().code(), &ErrorCode::PayloadTooLarge);
}

#[tokio::test]
async fn the_framework_answers_inside_the_contract() {
    let base = start(leads::Config { timeout: Duration::from_millis(200), ..leads::Config::default() }).await;
    let unknown = get(&base, "/v2/nothing/here").await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.header("content-type"), "application/json");
    assert_eq!(unknown.error().code(), &ErrorCode::NotFound);

    let wrong_method = Got::of(http().delete(format!("{base}/v1/leads")).bearer_auth(KEY).send().await.unwrap()).await;
    assert_eq!(wrong_method.status, 405);
    assert!(wrong_method.header("allow").contains("POST"), "{:?}", wrong_method.headers);
    assert_eq!(wrong_method.error().code(), &ErrorCode::MethodNotAllowed);

    let path = get(&base, "/v1/leads/%FF").await;
    assert_eq!(path.status, 400, "{}", path.text());
    path.documented("get", "/v1/leads/{id}");
    assert_eq!(path.error().code(), &ErrorCode::InvalidInput);

    let timeout = get(&base, "/v1/leads/slow").await;
    assert_eq!(timeout.status, 504);
    assert_eq!(timeout.error().code(), &ErrorCode::GatewayTimeout);
}

#[tokio::test]
async fn internal_errors_and_panics_show_nothing_internal() {
    let base = start_in(Dialect::Canonical).await;
    for path in ["/v1/leads/export", "/v1/leads/stats"] {
        let got = get(&base, path).await;
        assert_eq!(got.status, 500, "{path}");
        let text = got.text();
        for secret in ["hunter2", "db.internal", "5432", "password", "acme", "sk_live", "panick", "overflow"] {
            assert!(!text.to_lowercase().contains(secret), "{path}: {secret} leaked: {text}");
        }
        let err = got.error();
        assert_eq!(err.code(), &ErrorCode::InternalError);
        assert_eq!(err.message(), ErrorCode::InternalError.info().description());
        assert!(err.request_id().is_some());
    }
    // The service still answers after a panic.
    assert_eq!(get(&base, "/v1/leads/lead_x").await.status, 404);
}

#[tokio::test]
async fn accept_chooses_problem_json() {
    let base = start_in(Dialect::FieldMap).await;
    let ask = |accept: &'static str| {
        let req = http().get(format!("{base}/v1/leads/lead_x")).bearer_auth(KEY).header("accept", accept);
        async move { Got::of(req.send().await.unwrap()).await }
    };
    let problem = ask("application/problem+json").await;
    problem.documented("get", "/v1/leads/{id}");
    assert_eq!(problem.header("content-type"), "application/problem+json");
    assert_eq!(problem.header("vary"), "accept");
    let body = problem.json();
    assert_eq!((body["status"].as_u64(), body["code"].as_str()), (Some(404), Some("LEAD_NOT_FOUND")), "{body}");
    // `type` is the code's page under the service's docs base, and `title` the code's title.
    assert_eq!(body["type"], "https://leads.example.com/docs/codes/LEAD_NOT_FOUND.html");
    assert_eq!(body["title"], "Lead not found");
    assert_eq!(body["detail"], "Lead not found");

    let preferred = ask("application/json;q=0.5, application/problem+json").await;
    assert_eq!(preferred.header("content-type"), "application/problem+json");
    for accept in ["application/json", "*/*", "application/json, application/problem+json"] {
        let got = ask(accept).await;
        assert_eq!(got.header("content-type"), "application/json", "{accept}");
        assert_eq!(got.header("vary"), "accept", "{accept}");
        assert_eq!(got.json()["message"], "Lead not found", "{accept}: field-map's shape");
    }
    // A validation error in problem+json is 400, whatever the configured dialect says.
    let req = http().post(format!("{base}/v1/leads")).bearer_auth(KEY).header("accept", "application/problem+json");
    let got = Got::of(req.json_body(&json!({"name": "Ada"})).send().await.unwrap()).await;
    assert_eq!(got.status, 400);
    assert_eq!(got.header("content-type"), "application/problem+json");
}

#[tokio::test]
async fn request_ids_are_echoed_or_generated() {
    let base = start_in(Dialect::Canonical).await;
    let req = http().get(format!("{base}/v1/leads/lead_x")).bearer_auth(KEY).header("x-request-id", "req_from_client");
    let echoed = Got::of(req.send().await.unwrap()).await;
    assert_eq!(echoed.header("x-request-id"), "req_from_client");
    assert_eq!(echoed.json()["error"]["request_id"], "req_from_client");

    let generated = get(&base, "/v1/leads/lead_x").await;
    let id = generated.header("x-request-id").to_owned();
    assert!(id.starts_with("req_") && id.len() == 36, "{id}");
    assert_eq!(generated.json()["error"]["request_id"], id.as_str());

    // A success carries one too; an unusable incoming id is replaced.
    let lead = json!({"name": "Ada", "email": "ada@example.com", "phone": "+14155550123"});
    let req = http().post(format!("{base}/v1/leads")).bearer_auth(KEY).header("x-request-id", "two words");
    let created = Got::of(req.json_body(&lead).send().await.unwrap()).await;
    assert_eq!(created.status, 201);
    assert!(created.header("x-request-id").starts_with("req_"), "{:?}", created.headers);
}

/// A raw HTTP/1.1 connection to `base`, for clients that misbehave.
async fn connect(base: &str) -> tokio::net::TcpStream {
    tokio::net::TcpStream::connect(base.trim_start_matches("http://")).await.unwrap()
}

/// Reads what the server sends until it closes the connection or `wait`
/// passes; `None` when nothing came and the connection is still open.
async fn read_for(stream: &mut tokio::net::TcpStream, wait: Duration) -> (String, bool) {
    use tokio::io::AsyncReadExt;
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&got).into_owned(), true),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
            Err(_) => return (String::from_utf8_lossy(&got).into_owned(), false),
        }
    }
}

fn short_timeouts() -> leads::Config {
    leads::Config {
        body_deadline: Duration::from_millis(400),
        header_read_timeout: Duration::from_millis(400),
        ..leads::Config::default()
    }
}

const POST_HEAD: &str =
    "POST /v1/leads HTTP/1.1\r\nhost: x\r\nauthorization: Bearer key_live_full\r\ncontent-type: application/json\r\n";

#[tokio::test]
async fn an_oversized_declared_body_is_refused_before_100_continue() {
    use tokio::io::AsyncWriteExt;
    let base = start(short_timeouts()).await;
    let mut stream = connect(&base).await;
    let head = format!("{POST_HEAD}content-length: 1000000000\r\nexpect: 100-continue\r\n\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    let (got, _) = read_for(&mut stream, Duration::from_millis(300)).await;
    assert!(got.starts_with("HTTP/1.1 413 "), "{got}");
    assert!(!got.contains("100 Continue"), "{got}");
    assert!(got.contains("\"PAYLOAD_TOO_LARGE\""), "{got}");
}

#[tokio::test]
async fn a_body_that_never_arrives_or_trickles_is_a_request_timeout() {
    use tokio::io::AsyncWriteExt;
    let base = start(short_timeouts()).await;
    // Never arrives: 2 of 40 bytes, then nothing.
    let mut stream = connect(&base).await;
    stream.write_all(format!("{POST_HEAD}content-length: 40\r\n\r\n{{\"").as_bytes()).await.unwrap();
    let (got, _) = read_for(&mut stream, Duration::from_secs(3)).await;
    assert!(got.starts_with("HTTP/1.1 408 "), "{got}");
    assert!(got.contains("\"REQUEST_TIMEOUT\""), "{got}");

    // Trickles: a byte every 100 ms, each well within any idle timeout.
    let mut stream = connect(&base).await;
    stream.write_all(format!("{POST_HEAD}content-length: 40\r\n\r\n").as_bytes()).await.unwrap();
    let trickle = async {
        for _ in 0..40 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if stream.write_all(b" ").await.is_err() {
                break;
            }
        }
    };
    tokio::time::timeout(Duration::from_millis(1500), trickle).await.ok();
    let (got, _) = read_for(&mut stream, Duration::from_secs(3)).await;
    assert!(got.starts_with("HTTP/1.1 408 "), "{got}");
}

#[tokio::test]
async fn slow_headers_and_idle_connections_are_closed() {
    use tokio::io::AsyncWriteExt;
    let base = start(short_timeouts()).await;
    // Headers that never end.
    let mut slow = connect(&base).await;
    slow.write_all(b"GET /v1/leads/lead_1 HTTP/1.1\r\nhost: x\r\n").await.unwrap();
    // An idle keep-alive connection after one answered request.
    let mut idle = connect(&base).await;
    idle.write_all(b"GET /v1/leads/lead_1 HTTP/1.1\r\nhost: x\r\nauthorization: Bearer key_live_full\r\n\r\n")
        .await
        .unwrap();
    for stream in [&mut slow, &mut idle] {
        let (_, closed) = read_for(stream, Duration::from_secs(3)).await;
        assert!(closed, "the server kept the connection open");
    }
}

#[tokio::test]
async fn connections_beyond_the_cap_wait() {
    use tokio::io::AsyncWriteExt;
    let base = start(leads::Config { max_connections: 2, ..leads::Config::default() }).await;
    let (mut first, _second) = (connect(&base).await, connect(&base).await);
    // Both slots are held (the server accepted both, waiting for headers).
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut third = connect(&base).await;
    third
        .write_all(b"GET /v1/leads/lead_1 HTTP/1.1\r\nhost: x\r\nauthorization: Bearer key_live_full\r\n\r\n")
        .await
        .unwrap();
    let (got, _) = read_for(&mut third, Duration::from_millis(300)).await;
    assert!(got.is_empty(), "served beyond the cap: {got}");
    first.shutdown().await.unwrap();
    drop(first);
    let (got, _) = read_for(&mut third, Duration::from_secs(3)).await;
    assert!(got.starts_with("HTTP/1.1 404 "), "{got}");
}

#[tokio::test]
async fn echoes_stay_bounded() {
    use error_model::limits::{MAX_ECHO_BYTES, MAX_FIELD_VIOLATIONS};
    let base = start_in(Dialect::Canonical).await;
    // An 8 KB id in the path comes back cut.
    let id = "x".repeat(8 << 10);
    let got = get(&base, &format!("/v1/leads/{id}")).await;
    assert_eq!(got.status, 404);
    let echoed = got.json()["error"]["details"]["resource"]["id"].as_str().unwrap().to_owned();
    assert!(echoed.ends_with('…') && echoed.len() <= MAX_ECHO_BYTES + 3, "{} bytes", echoed.len());
    assert!(got.body.len() < 2048, "{} bytes", got.body.len());

    // 100 leads with 550-byte emails, and 100 empty leads: the answer is
    // bounded, whatever the request.
    let long = json!({"leads": vec![json!({"name": "Ada", "email": "e".repeat(550), "phone": "+1"}); 100]});
    let empty = json!({"leads": vec![json!({}); 100]});
    for body in [long, empty] {
        let sent = serde_json::to_vec(&body).unwrap().len();
        let got = post(&base, "/v1/leads/bulk", &body).await;
        assert!(got.status == 400 || got.status == 422, "{}", got.text());
        let fields = got.json()["error"]["details"]["fields"].as_array().map_or(0, Vec::len);
        assert!(fields <= MAX_FIELD_VIOLATIONS);
        let bound = MAX_FIELD_VIOLATIONS * (4 * MAX_ECHO_BYTES + 200) + 2048;
        assert!(got.body.len() < bound, "{} bytes answering {sent}", got.body.len());
        assert!(!got.text().contains(&"e".repeat(MAX_ECHO_BYTES + 1)), "an email echoed whole");
    }
}
