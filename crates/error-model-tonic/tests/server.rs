//! A real tonic server behind the `GrpcErrorLayer`, called over 127.0.0.1
//! by a real tonic client: request ids in and out, contract errors with
//! their details, and statuses that are not contract errors or panics sent
//! as contract errors with nothing of their text.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use error_model::client::call_with_retry;
use error_model::retry::{Replay, RetryPolicy, SplitMix64};
use error_model::{ApiError, ErrorCode, ResourceRef};
use error_model_tonic::{Config, GrpcErrorLayer, RequestId, client_error, from_status, to_status};
use tonic::codegen::http;
use tonic::transport::{Channel, Server};
use tonic_types::StatusExt;

#[derive(Clone, PartialEq, prost::Message)]
struct Call {
    #[prost(string, tag = "1")]
    mode: String,
}

#[derive(Clone, PartialEq, prost::Message)]
struct Answer {
    #[prost(string, tag = "1")]
    request_id: String,
}

static FLAKY: AtomicU32 = AtomicU32::new(0);
static LIMITED: AtomicU32 = AtomicU32::new(0);

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

fn config() -> Config {
    Config::new().with_domain("test.example.com")
}

async fn handle(req: tonic::Request<Call>) -> Result<tonic::Response<Answer>, tonic::Status> {
    let id = req.extensions().get::<RequestId>().map(|id| id.as_str().to_owned()).unwrap_or_default();
    match req.get_ref().mode.as_str() {
        "ok" => Ok(tonic::Response::new(Answer { request_id: id })),
        "api" => {
            let err = ApiError::new(ErrorCode::NotFound).with_resource(ResourceRef::new("lead", "lead_404"));
            Err(to_status(&err, &config()))
        }
        // An upstream service's error, passed on with `?`.
        "upstream" => {
            let err = ApiError::new(ErrorCode::NotFound)
                .with_message("no invoice in db.internal/billing")
                .with_extension("shard", "billing-7")
                .with_request_id("req_of_the_upstream");
            Err(to_status(&err, &Config::new().with_domain("billing.internal")))
        }
        "raw" => Err(tonic::Status::internal("connect to postgres://app:hunter2@db failed: SELECT * FROM leads")),
        "panic" => panic!("secret panic text sk_live_1"),
        // Fails twice, then answers: UNAVAILABLE without a hint, or
        // RESOURCE_EXHAUSTED with RetryInfo.
        "flaky" if FLAKY.fetch_add(1, Ordering::SeqCst) < 2 => Err(to_status(&ApiError::unavailable(None), &config())),
        "limited" if LIMITED.fetch_add(1, Ordering::SeqCst) < 1 => {
            Err(to_status(&ApiError::rate_limited(1), &config()))
        }
        "flaky" | "limited" => Ok(tonic::Response::new(Answer { request_id: id })),
        other => Err(tonic::Status::invalid_argument(format!("mode {other}"))),
    }
}

/// What tonic's code generator writes for one unary method, by hand.
#[derive(Clone)]
struct Errors;

impl tonic::server::NamedService for Errors {
    const NAME: &'static str = "test.Errors";
}

impl tower_service::Service<http::Request<tonic::body::Body>> for Errors {
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: http::Request<tonic::body::Body>) -> Self::Future {
        struct Unary;
        impl tonic::server::UnaryService<Call> for Unary {
            type Response = Answer;
            type Future = BoxFuture<Result<tonic::Response<Answer>, tonic::Status>>;
            fn call(&mut self, req: tonic::Request<Call>) -> Self::Future {
                Box::pin(handle(req))
            }
        }
        Box::pin(async move {
            let mut grpc = tonic::server::Grpc::new(tonic_prost::ProstCodec::<Answer, Call>::default());
            Ok(grpc.unary(Unary, req).await)
        })
    }
}

async fn serve() -> Channel {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(
        Server::builder()
            .layer(GrpcErrorLayer::new(config()))
            .add_service(Errors)
            .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener)),
    );
    Channel::from_shared(format!("http://{addr}")).unwrap().connect().await.unwrap()
}

async fn call(
    channel: &Channel,
    path: &'static str,
    mode: &str,
    request_id: Option<&str>,
) -> Result<tonic::Response<Answer>, tonic::Status> {
    let mut client = tonic::client::Grpc::new(channel.clone());
    client.ready().await.unwrap();
    let mut req = tonic::Request::new(Call { mode: mode.to_owned() });
    if let Some(id) = request_id {
        req.metadata_mut().insert("x-request-id", id.parse().unwrap());
    }
    let codec = tonic_prost::ProstCodec::<Call, Answer>::default();
    client.unary(req, http::uri::PathAndQuery::from_static(path), codec).await
}

fn metadata_id(metadata: &tonic::metadata::MetadataMap) -> String {
    metadata.get("x-request-id").unwrap().to_str().unwrap().to_owned()
}

#[tokio::test]
async fn request_ids_travel_in_metadata() {
    let channel = serve().await;
    let answer = call(&channel, "/test.Errors/Call", "ok", Some("req_from_client_1")).await.unwrap();
    assert_eq!(answer.get_ref().request_id, "req_from_client_1");
    assert_eq!(metadata_id(answer.metadata()), "req_from_client_1");
    // Without one, or with one that is not a valid id, the layer makes one.
    let answer = call(&channel, "/test.Errors/Call", "ok", Some("bad id with spaces")).await.unwrap();
    assert_ne!(answer.get_ref().request_id, "bad id with spaces");
    assert!(!answer.get_ref().request_id.is_empty());
    assert_eq!(metadata_id(answer.metadata()), answer.get_ref().request_id);
}

#[tokio::test]
async fn a_contract_error_arrives_with_its_details_and_the_request_id() {
    let channel = serve().await;
    let status = call(&channel, "/test.Errors/Call", "api", Some("req_api_1")).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::NotFound);
    let details = status.get_error_details();
    let info = details.error_info().unwrap();
    assert_eq!((info.reason.as_str(), info.domain.as_str()), ("NOT_FOUND", "test.example.com"));
    assert_eq!(details.resource_info().unwrap().resource_name, "lead_404");
    assert_eq!(details.request_info().unwrap().request_id, "req_api_1");
    let err = from_status(&status, &config());
    assert_eq!(err.code(), &ErrorCode::NotFound);
    assert_eq!(err.request_id(), Some("req_api_1"));
}

fn assert_nothing_leaks(status: &tonic::Status, secrets: &[&str]) {
    let seen = format!("{} {:?} {:?}", status.message(), status.get_error_details(), status.metadata());
    for secret in secrets {
        assert!(!seen.contains(secret), "{secret} reached the client: {seen}");
    }
}

#[tokio::test]
async fn a_status_that_is_not_a_contract_error_keeps_its_code_and_none_of_its_text() {
    let channel = serve().await;
    let status = call(&channel, "/test.Errors/Call", "raw", None).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::Internal);
    assert_eq!(status.get_details_error_info().unwrap().reason, "INTERNAL_ERROR");
    assert_eq!(status.message(), ErrorCode::InternalError.info().description());
    assert_eq!(status.get_details_request_info().unwrap().request_id, metadata_id(status.metadata()));
    assert_nothing_leaks(&status, &["hunter2", "SELECT", "postgres"]);

    let status = call(&channel, "/test.Errors/Call", "other", None).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::InvalidArgument);
    assert_eq!(status.get_details_error_info().unwrap().reason, "MALFORMED_REQUEST");
    assert_nothing_leaks(&status, &["mode other"]);

    // tonic's own answer to a method no service has.
    let status = call(&channel, "/test.Nothing/Call", "ok", None).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::Unimplemented);
    assert_eq!(status.get_details_error_info().unwrap().reason, "NOT_IMPLEMENTED");
}

#[tokio::test]
async fn a_panic_is_internal_with_nothing_of_it_on_the_wire() {
    let channel = serve().await;
    let status = call(&channel, "/test.Errors/Call", "panic", Some("req_panic_1")).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::Internal);
    assert_eq!(status.get_details_error_info().unwrap().reason, "INTERNAL_ERROR");
    assert_eq!(status.get_details_request_info().unwrap().request_id, "req_panic_1");
    assert_nothing_leaks(&status, &["secret panic", "sk_live_1"]);
    // The server still answers.
    assert!(call(&channel, "/test.Errors/Call", "ok", None).await.is_ok());
}

#[tokio::test]
async fn the_retry_policy_reads_grpc_outcomes() {
    let channel = serve().await;
    let policy = RetryPolicy { base_delay: Duration::from_millis(5), ..RetryPolicy::default() };
    let attempt = |_n: u32, mode: &'static str| {
        let channel = channel.clone();
        async move {
            call(&channel, "/test.Errors/Call", mode, None).await.map_err(|status| client_error(&status, &config()))
        }
    };
    // UNAVAILABLE without RetryInfo: a call that is not idempotent may have
    // been processed, so it is not sent again...
    let called = call_with_retry(
        &policy,
        Replay::NotIdempotent,
        &mut SplitMix64::new(1),
        |n| attempt(n, "flaky"),
        tokio::time::sleep,
    )
    .await;
    assert_eq!(called.attempts, 1);
    assert_eq!(called.result.unwrap_err().api_error().unwrap().code(), &ErrorCode::ServiceUnavailable);
    // ...an idempotent one is, until it succeeds.
    let called = call_with_retry(
        &policy,
        Replay::Idempotent,
        &mut SplitMix64::new(1),
        |n| attempt(n, "flaky"),
        tokio::time::sleep,
    )
    .await;
    assert!(called.result.is_ok());
    assert_eq!(called.attempts, 2, "the third call overall, the second of this one");
    // RESOURCE_EXHAUSTED with RetryInfo proves the call was refused: sent
    // again even though not idempotent, after the server's hint.
    let called = call_with_retry(
        &policy,
        Replay::NotIdempotent,
        &mut SplitMix64::new(1),
        |n| attempt(n, "limited"),
        tokio::time::sleep,
    )
    .await;
    assert!(called.result.is_ok());
    assert_eq!((called.attempts, called.waited), (2, Duration::from_secs(1)));
}

#[tokio::test]
async fn an_upstream_services_error_is_not_sent_on_as_ours() {
    let channel = serve().await;
    let status = call(&channel, "/test.Errors/Call", "upstream", Some("req_ours_1")).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::NotFound, "its gRPC code stays");
    let info = status.get_details_error_info().unwrap();
    assert_eq!((info.reason.as_str(), info.domain.as_str()), ("NOT_FOUND", "test.example.com"));
    assert_eq!(status.message(), ErrorCode::NotFound.info().description());
    assert_eq!(status.get_details_request_info().unwrap().request_id, "req_ours_1");
    assert_nothing_leaks(&status, &["db.internal", "billing", "req_of_the_upstream"]);
}
