//! The `ErrorLayer` around plain tower services: what it rewrites, what it
//! passes through, request ids shared with tower-http, panics, and the logs.

use std::convert::Infallible;

use error_model::wire::Dialect;
use error_model::{ApiError, ErrorCode};
use error_model_tower::{ErrorConfig, ErrorLayer, GenerateRequestId, RequestId};
use http::{Request, Response, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::{Layer, ServiceExt, service_fn};

type Res = Response<String>;

async fn call<S>(service: S, req: Request<String>) -> (Response<()>, Value)
where
    S: tower::Service<Request<String>, Response = Response<error_model_tower::ErrorBody<String>>>,
    S::Error: std::fmt::Debug,
{
    let res = service.oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (Response::from_parts(parts, ()), value)
}

fn request() -> Request<String> {
    Request::new(String::new())
}

fn canonical() -> ErrorLayer {
    ErrorLayer::new(ErrorConfig::new(Dialect::Canonical))
}

#[tokio::test]
async fn api_errors_from_the_service_are_written_in_the_dialect() {
    let svc = service_fn(|_: Request<String>| async { Err::<Res, _>(ApiError::new(ErrorCode::Gone)) });
    let (res, body) = call(ErrorLayer::new(ErrorConfig::new(Dialect::Problem)).layer(svc), request()).await;
    assert_eq!(res.status(), 410);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    assert_eq!(body["code"], "GONE");
    assert_eq!(res.headers()["x-request-id"], body["request_id"].as_str().unwrap());
}

#[tokio::test]
async fn other_service_errors_are_internal_errors() {
    let svc =
        service_fn(|_: Request<String>| async { Err::<Res, _>(std::io::Error::other("disk /var/lib/leads full")) });
    let (res, body) = call(canonical().layer(svc), request()).await;
    assert_eq!(res.status(), 500);
    assert_eq!(body["error"]["code"], "INTERNAL_ERROR");
    assert!(!body.to_string().contains("disk"), "{body}");
}

#[cfg(feature = "catch-panic")]
#[tokio::test]
async fn panics_are_internal_errors() {
    // In the future...
    let svc = service_fn(|req: Request<String>| async move {
        if req.uri().path() == "/boom" {
            panic!("secret sk_live_1 in a panic");
        }
        Ok::<Res, Infallible>(Response::new("ok".into()))
    });
    let req = Request::builder().uri("/boom").body(String::new()).unwrap();
    let (res, body) = call(canonical().layer(svc), req).await;
    assert_eq!(res.status(), 500);
    assert_eq!(body["error"]["code"], "INTERNAL_ERROR");
    assert!(!body.to_string().contains("sk_live"), "{body}");

    // ...and in `call` itself.
    #[derive(Clone)]
    struct PanicsInCall;
    impl tower::Service<Request<String>> for PanicsInCall {
        type Response = Res;
        type Error = Infallible;
        type Future = std::future::Ready<Result<Res, Infallible>>;
        fn poll_ready(&mut self, _: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), Infallible>> {
            std::task::Poll::Ready(Ok(()))
        }
        fn call(&mut self, _: Request<String>) -> Self::Future {
            panic!("in call")
        }
    }
    let (res, _) = call(canonical().layer(PanicsInCall), request()).await;
    assert_eq!(res.status(), 500);
}

#[tokio::test]
async fn framework_answers_become_their_status_code() {
    let svc = service_fn(|_: Request<String>| async {
        let res = Response::builder()
            .status(StatusCode::TOO_MANY_REQUESTS)
            .header("content-type", "text/plain")
            .header("retry-after", "7")
            .header("x-ratelimit-limit", "100")
            .header("content-encoding", "gzip")
            .body("slow down, internal quota bucket 42".to_owned())
            .unwrap();
        Ok::<Res, Infallible>(res)
    });
    let (res, body) = call(canonical().layer(svc), request()).await;
    assert_eq!(res.status(), 429);
    assert_eq!(res.headers()["content-type"], "application/json");
    assert_eq!(res.headers()["retry-after"], "7");
    assert_eq!(res.headers()["x-ratelimit-limit"], "100", "the framework's other headers are kept");
    assert!(res.headers().get("content-encoding").is_none(), "but not those of the replaced body");
    assert_eq!(body["error"]["code"], "RATE_LIMIT_EXCEEDED");
    assert_eq!(body["error"]["details"]["retry_after"], 7);
    assert!(!body.to_string().contains("bucket"), "{body}");

    // A bare 400 is a malformed request, not a validation error without
    // fields (which field-map would send as 422); other headers, Retry-After
    // included, are kept.
    let svc = service_fn(|_: Request<String>| async {
        let res = Response::builder()
            .status(StatusCode::BAD_REQUEST)
            .header("retry-after", "30")
            .body("Failed to parse the request body as JSON".to_owned())
            .unwrap();
        Ok::<Res, Infallible>(res)
    });
    let (res, body) = call(ErrorLayer::new(ErrorConfig::new(Dialect::FieldMap)).layer(svc), request()).await;
    assert_eq!(res.status(), 400);
    assert_eq!(res.headers()["retry-after"], "30");
    assert!(!body.to_string().contains("Failed to parse"), "{body}");

    // A status the registry has no code for keeps its status.
    let svc = service_fn(|_: Request<String>| async {
        Ok::<Res, Infallible>(Response::builder().status(StatusCode::IM_A_TEAPOT).body(String::new()).unwrap())
    });
    let (res, body) = call(canonical().layer(svc), request()).await;
    assert_eq!(res.status(), 418);
    assert_eq!(body["error"]["status"], 418);
}

#[tokio::test]
async fn successes_and_own_json_errors_pass_through() {
    let svc = service_fn(|req: Request<String>| async move {
        let res = match req.uri().path() {
            "/own" => Response::builder()
                .status(StatusCode::BAD_REQUEST)
                .header("content-type", "application/json")
                .body(r#"{"mine": true}"#.to_owned())
                .unwrap(),
            _ => Response::new(r#"{"id": "lead_1"}"#.to_owned()),
        };
        Ok::<Res, Infallible>(res)
    });
    let layer = canonical();
    let (res, body) = call(layer.layer(svc), request()).await;
    assert_eq!((res.status(), body["id"].as_str()), (StatusCode::OK, Some("lead_1")));
    assert!(res.headers()["x-request-id"].to_str().unwrap().starts_with("req_"));
    assert!(res.headers().get("vary").is_none(), "only errors are negotiated");
    let req = Request::builder().uri("/own").body(String::new()).unwrap();
    let (res, body) = call(layer.layer(svc), req).await;
    assert_eq!((res.status(), body["mine"].as_bool()), (StatusCode::BAD_REQUEST, Some(true)));
}

#[tokio::test]
async fn request_ids_are_shared_with_tower_http() {
    use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};

    let svc = service_fn(|req: Request<String>| async move {
        let ours = req.extensions().get::<RequestId>().cloned().unwrap();
        let theirs = req.extensions().get::<tower_http::request_id::RequestId>().cloned().unwrap();
        assert_eq!(theirs.header_value(), ours.header_value());
        Err::<Res, _>(ApiError::not_found(format!("seen {ours}")))
    });
    // tower-http sets the id outside; the error layer uses it.
    let svc = SetRequestIdLayer::x_request_id(GenerateRequestId)
        .layer(PropagateRequestIdLayer::x_request_id().layer(canonical().layer(svc)));
    let (res, body) = call(svc, request()).await;
    let id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(id.starts_with("req_"), "{id}");
    assert_eq!(body["error"]["request_id"], id.as_str());
    assert_eq!(body["error"]["message"], format!("seen {id}"));
}

#[tokio::test]
async fn negotiation_can_be_turned_off() {
    let svc = service_fn(|_: Request<String>| async { Err::<Res, _>(ApiError::not_found("gone")) });
    let layer = ErrorLayer::new(ErrorConfig::new(Dialect::Canonical).negotiate(false));
    let req = Request::builder().header("accept", "application/problem+json").body(String::new()).unwrap();
    let (res, _) = call(layer.layer(svc), req).await;
    assert_eq!(res.headers()["content-type"], "application/json");
    assert!(res.headers().get("vary").is_none());
}

/// Two layers in one process, configured with different sensitive names,
/// redact differently; the layer hands its names to the service through the
/// request's extensions.
#[tokio::test]
async fn each_layer_redacts_with_its_own_sensitive_names() {
    use error_model::FieldViolation;
    use error_model::redact::SensitiveNames;

    let svc = || {
        service_fn(|req: Request<String>| async move {
            let names = req.extensions().get::<SensitiveNames>().cloned().unwrap_or_default();
            Err::<Res, _>(
                ApiError::invalid_argument("Invalid")
                    .with_field(FieldViolation::new("customer.TaxId", "Bad checksum").with_rejected_value("123-45"))
                    .with_extension("profile", serde_json::json!({"deep": [{"tax-id": "678-90"}]}))
                    .with_extension("names_from_layer", names.is_sensitive("tax_id")),
            )
        })
    };
    let tax = ErrorLayer::new(
        ErrorConfig::new(Dialect::Canonical).with_sensitive_names(SensitiveNames::default().with_names(["tax_id"])),
    );
    let (_, body) = call(tax.layer(svc()), request()).await;
    let text = body.to_string();
    assert!(!text.contains("123-45") && !text.contains("678-90"), "{text}");
    assert_eq!(body["error"]["details"]["names_from_layer"], true);

    let plain = ErrorLayer::new(
        ErrorConfig::new(Dialect::Canonical).with_sensitive_names(SensitiveNames::default().with_names(["recovery"])),
    );
    let (_, body) = call(plain.layer(svc()), request()).await;
    let text = body.to_string();
    assert!(text.contains("123-45") && text.contains("678-90"), "{text}");
    assert_eq!(body["error"]["details"]["names_from_layer"], false);
}

/// With `tracing`: every 5xx is logged once, with its source chain; 4xx are not.
#[cfg(feature = "tracing")]
mod logs {
    use std::sync::Mutex;

    use super::*;

    static EVENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

    /// Records each event's fields as `name=value` text.
    struct Recorder;

    struct Fields(String);

    impl tracing::field::Visit for Fields {
        fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
            self.0.push_str(&format!("{}={:?} ", field.name(), value));
        }
    }

    impl tracing::Subscriber for Recorder {
        fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
            tracing::span::Id::from_u64(1)
        }
        fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
        fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
        fn event(&self, event: &tracing::Event<'_>) {
            let mut fields = Fields(format!("{} {} ", event.metadata().level(), event.metadata().target()));
            event.record(&mut fields);
            EVENTS.lock().unwrap().push(fields.0);
        }
        fn enter(&self, _: &tracing::span::Id) {}
        fn exit(&self, _: &tracing::span::Id) {}
    }

    #[tokio::test]
    async fn server_errors_are_logged_once_with_their_source() {
        tracing::subscriber::set_global_default(Recorder).unwrap();
        let svc = service_fn(|req: Request<String>| async move {
            match req.uri().path() {
                "/db" => Err::<Res, _>(ApiError::internal(std::io::Error::other("db-7 refused: password=hunter2"))),
                "/panic" => panic!("index out of bounds in stats"),
                _ => Err(ApiError::not_found("no lead")),
            }
        });
        let layer = canonical();
        for (path, id) in [("/db", "req_db"), ("/panic", "req_panic"), ("/missing", "req_missing")] {
            let req = Request::builder().uri(path).header("x-request-id", id).body(String::new()).unwrap();
            call(layer.layer(svc), req).await;
        }
        let events = EVENTS.lock().unwrap().clone();
        let of = |id: &str| {
            events.iter().filter(|e| e.contains(&format!("request_id=\"{id}\""))).cloned().collect::<Vec<_>>()
        };
        let db = of("req_db");
        assert_eq!(db.len(), 1, "{events:?}");
        for part in ["ERROR error_model", "code=\"INTERNAL_ERROR\"", "status=500", "db-7 refused: password=hunter2"] {
            assert!(db[0].contains(part), "{part}: {}", db[0]);
        }
        let panic = of("req_panic");
        assert_eq!(panic.len(), 1, "{events:?}");
        assert!(panic[0].contains("handler panicked: index out of bounds in stats"), "{}", panic[0]);
        assert!(of("req_missing").is_empty(), "4xx are not logged: {events:?}");
    }
}

#[test]
fn generated_request_ids_are_random_uuids() {
    // Two "replicas" generating at the same instant: every id differs, and
    // each is `req_` + a version-4 UUID (the 13th hex digit is 4).
    let ids: Vec<RequestId> = std::thread::scope(|s| {
        [
            s.spawn(|| (0..5000).map(|_| RequestId::generate()).collect::<Vec<_>>()),
            s.spawn(|| (0..5000).map(|_| RequestId::generate()).collect()),
        ]
        .map(|h| h.join().unwrap())
    })
    .concat();
    let distinct: std::collections::HashSet<&str> = ids.iter().map(RequestId::as_str).collect();
    assert_eq!(distinct.len(), ids.len());
    for id in &ids {
        let hex = id.as_str().strip_prefix("req_").unwrap();
        assert_eq!(hex.len(), 32);
        assert!(hex.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "{id}");
        assert_eq!(&hex[12..13], "4", "{id}");
    }
}

#[test]
fn request_ids_are_validated_once() {
    assert_eq!(RequestId::parse("  abc-1 ").unwrap().as_str(), "abc-1");
    for bad in ["", " ", "a b", "caf\u{e9}", "x\u{7f}"] {
        assert!(RequestId::parse(bad).is_none(), "{bad:?}");
    }
    let longest = "a".repeat(error_model_tower::request_id::MAX_REQUEST_ID_LEN);
    assert!(RequestId::parse(&longest).is_some());
    assert!(RequestId::parse(&format!("{longest}a")).is_none());
}

/// The service's docs base, given once in the layer's configuration, links
/// every built-in error it writes (returned, or a framework's bare status)
/// to the service's own pages, in the configured and the negotiated dialect.
#[tokio::test]
async fn the_docs_base_in_the_config_links_built_in_errors_to_the_service_s_pages() {
    use error_model::code::DocsBase;
    let base = DocsBase::from_static("https://leads.example.com/docs/");
    let config = ErrorConfig::new(Dialect::Canonical).docs_base(base.clone());
    assert_eq!(config.docs(), Some(&base));
    let layer = ErrorLayer::new(config);
    let svc = service_fn(|req: Request<String>| async move {
        match req.uri().path() {
            "/gone" => Err(ApiError::new(ErrorCode::Gone)),
            _ => Ok::<Res, ApiError>(Response::builder().status(404).body(String::new()).unwrap()),
        }
    });
    let gone = Request::builder().uri("/gone").body(String::new()).unwrap();
    let (_, body) = call(layer.layer(svc), gone).await;
    assert_eq!(body["error"]["docs_url"], "https://leads.example.com/docs/codes/GONE.html");

    let unrouted = Request::builder().uri("/nope").header("accept", "application/problem+json").body(String::new());
    let (res, body) = call(layer.layer(svc), unrouted.unwrap()).await;
    assert_eq!(res.status(), 404);
    assert_eq!(body["type"], "https://leads.example.com/docs/codes/NOT_FOUND.html");
    assert_eq!(body["title"], "Not found");
}

/// Without a docs base, the layer's errors carry no link.
#[tokio::test]
async fn without_a_docs_base_errors_carry_no_link() {
    let svc = service_fn(|_: Request<String>| async { Err::<Res, _>(ApiError::new(ErrorCode::Gone)) });
    let (_, body) = call(canonical().layer(svc), request()).await;
    assert_eq!(body["error"].get("docs_url"), None, "{body}");
    let problem = Request::builder().header("accept", "application/problem+json").body(String::new()).unwrap();
    let (_, body) = call(canonical().layer(svc), problem).await;
    assert_eq!(body["type"], "about:blank");
    assert_eq!(body["title"], "Gone");
    assert!(!body.to_string().contains("error-contract.dev"), "{body}");
}

/// A limiter's service: every response carries its quota in the
/// extensions; `/over` is refused with the quota on the error too.
fn limited(req: Request<String>) -> std::future::Ready<Result<Res, ApiError>> {
    use error_model::ratelimit::RateLimit;
    let quota = |remaining| RateLimit::new(10, remaining, 20).with_window(60);
    let res = match req.uri().path() {
        "/over" => Err(ApiError::rate_limited(20).with_rate_limit(quota(0))),
        "/gone" => {
            // An error rendered into a response (axum's way), the quota beside it.
            let mut res = Response::new(String::new());
            *res.status_mut() = StatusCode::GONE;
            res.extensions_mut().insert(ApiError::new(ErrorCode::Gone));
            res.extensions_mut().insert(quota(3));
            Ok(res)
        }
        _ => {
            let mut res = Response::new(r#"{"id": "lead_1"}"#.to_owned());
            res.extensions_mut().insert(quota(9));
            Ok(res)
        }
    };
    std::future::ready(res)
}

#[tokio::test]
async fn quotas_are_written_on_successes_and_errors() {
    use error_model::ratelimit::Fields;
    let svc = service_fn(limited);
    let get = |path: &str| Request::builder().uri(path).body(String::new()).unwrap();

    let (ok, _) = call(canonical().layer(svc), get("/")).await;
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.headers()["ratelimit"], "\"default\";r=9;t=20");
    assert_eq!(ok.headers()["ratelimit-policy"], "\"default\";q=10;w=60");
    assert!(ok.headers().get("x-ratelimit-remaining").is_none(), "the triplet only on request");

    let (over, body) = call(canonical().layer(svc), get("/over")).await;
    assert_eq!(over.status(), 429);
    assert_eq!(over.headers()["retry-after"], "20");
    assert_eq!(body["error"]["details"]["retry_after"], 20);
    assert_eq!(over.headers()["ratelimit"], "\"default\";r=0;t=20");
    assert_eq!(over.headers()["ratelimit-policy"], "\"default\";q=10;w=60");

    let (gone, body) = call(canonical().layer(svc), get("/gone")).await;
    assert_eq!((gone.status(), body["error"]["code"].as_str()), (StatusCode::GONE, Some("GONE")));
    assert_eq!(gone.headers()["ratelimit"], "\"default\";r=3;t=20");

    let legacy = ErrorLayer::new(ErrorConfig::new(Dialect::Problem).rate_limit_fields(Fields::WithLegacy));
    for (path, remaining) in [("/", "9"), ("/over", "0")] {
        let (res, _) = call(legacy.layer(svc), get(path)).await;
        assert_eq!(res.headers()["x-ratelimit-limit"], "10", "{path}");
        assert_eq!(res.headers()["x-ratelimit-remaining"], remaining, "{path}");
        assert_eq!(res.headers()["x-ratelimit-reset"], "20", "{path}");
        assert!(res.headers().contains_key("ratelimit"), "{path}");
    }
}
