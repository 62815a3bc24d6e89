//! OpenTelemetry through the `GrpcErrorLayer`, seen by the SDK's in-memory
//! exporters: one `error.type` per error status, the span an error only for
//! server-side codes, one count per error by code, nothing on a success.
#![cfg(feature = "opentelemetry")]

use error_model::{ApiError, ErrorCode};
use error_model_tonic::{Config, GrpcErrorLayer, to_status};
use error_model_tower::telemetry::ErrorMetrics;
use opentelemetry::metrics::MeterProvider;
use opentelemetry::trace::{FutureExt, Status, TraceContextExt, Tracer, TracerProvider};
use opentelemetry::{Context, Value};
use opentelemetry_sdk::metrics::data::{AggregatedMetrics, MetricData};
use opentelemetry_sdk::metrics::{InMemoryMetricExporter, PeriodicReader, SdkMeterProvider};
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider};
use tonic::codegen::http;
use tower_layer::Layer;
use tower_service::Service;

/// A gRPC service answering each method with a fixed status, as tonic
/// writes one (trailers-only).
#[derive(Clone)]
struct Fixed;

impl Service<http::Request<()>> for Fixed {
    type Response = http::Response<tonic::body::Body>;
    type Error = std::convert::Infallible;
    type Future = std::future::Ready<Result<Self::Response, Self::Error>>;

    fn poll_ready(&mut self, _: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), Self::Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: http::Request<()>) -> Self::Future {
        let status = match req.uri().path() {
            "/leads.Leads/Get" => to_status(&ApiError::new(ErrorCode::NotFound), &Config::new()),
            "/leads.Leads/Export" => tonic::Status::internal("db down"),
            "/leads.Leads/Create" => {
                let mut ok = http::Response::new(tonic::body::Body::default());
                ok.headers_mut().insert("grpc-status", "0".parse().unwrap());
                return std::future::ready(Ok(ok));
            }
            // What tonic answers for a method no service has.
            _ => tonic::Status::unimplemented(""),
        };
        std::future::ready(Ok(status.into_http()))
    }
}

#[tokio::test]
async fn one_error_type_per_error_status_and_one_count() {
    let spans = InMemorySpanExporter::default();
    let tracer = SdkTracerProvider::builder().with_simple_exporter(spans.clone()).build();
    let exporter = InMemoryMetricExporter::default();
    let meter = SdkMeterProvider::builder().with_reader(PeriodicReader::builder(exporter.clone()).build()).build();
    let layer =
        GrpcErrorLayer::new(Config::new()).metrics(ErrorMetrics::named(&meter.meter("test"), "rpc.server.errors"));
    for method in ["/leads.Leads/Get", "/leads.Leads/Export", "/leads.Leads/Create", "/made.Up/a1b2c3"] {
        let span = tracer.tracer("test").start(method);
        let cx = Context::current_with_span(span);
        let req = http::Request::post(method).body(()).unwrap();
        layer.layer(Fixed).call(req).with_context(cx.clone()).await.unwrap();
        cx.span().end();
    }
    tracer.force_flush().unwrap();
    let spans = spans.get_finished_spans().unwrap();
    let span = |name: &str| spans.iter().find(|s| s.name == name).unwrap();
    let error_types = |name: &str| -> Vec<String> {
        span(name)
            .attributes
            .iter()
            .filter(|kv| kv.key.as_str() == "error.type")
            .map(|kv| kv.value.to_string())
            .collect()
    };
    assert_eq!(error_types("/leads.Leads/Get"), ["NOT_FOUND"]);
    assert_eq!(span("/leads.Leads/Get").status, Status::Unset);
    assert_eq!(error_types("/leads.Leads/Export"), ["INTERNAL_ERROR"]);
    assert!(matches!(span("/leads.Leads/Export").status, Status::Error { .. }));
    assert!(error_types("/leads.Leads/Create").is_empty());

    meter.force_flush().unwrap();
    let mut counts = Vec::new();
    for resource in exporter.get_finished_metrics().unwrap() {
        for scope in resource.scope_metrics() {
            for metric in scope.metrics().filter(|m| m.name() == "rpc.server.errors") {
                let AggregatedMetrics::U64(MetricData::Sum(sum)) = metric.data() else { panic!("a u64 sum") };
                for point in sum.data_points() {
                    let get = |key: &str| point.attributes().find(|kv| kv.key.as_str() == key).unwrap().value.clone();
                    counts.push((
                        get("error.type").to_string(),
                        get("rpc.grpc.status_code"),
                        get("rpc.method").to_string(),
                        point.value(),
                    ));
                }
            }
        }
    }
    counts.sort_by(|a, b| a.0.cmp(&b.0));
    counts.dedup();
    assert_eq!(
        counts,
        [
            ("INTERNAL_ERROR".to_owned(), Value::I64(13), "/leads.Leads/Export".to_owned(), 1),
            ("NOT_FOUND".to_owned(), Value::I64(5), "/leads.Leads/Get".to_owned(), 1),
            // A client's made-up method does not become an attribute value.
            ("NOT_IMPLEMENTED".to_owned(), Value::I64(12), "_OTHER".to_owned(), 1),
        ]
    );
}
