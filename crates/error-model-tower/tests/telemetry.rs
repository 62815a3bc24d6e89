//! OpenTelemetry through the `ErrorLayer`, seen by the SDK's in-memory
//! exporters: one `error.type` on the request's span and one count per
//! error response, the span's status an error on 5xx only, nothing on a
//! success.
#![cfg(feature = "opentelemetry")]

use error_model::wire::Dialect;
use error_model::{ApiError, ErrorCode};
use error_model_tower::telemetry::{ERRORS_METRIC, ErrorMetrics};
use error_model_tower::{ErrorConfig, ErrorLayer};
use http::{Request, Response};
use opentelemetry::metrics::MeterProvider;
use opentelemetry::trace::{FutureExt, Status, TraceContextExt, Tracer, TracerProvider};
use opentelemetry::{Context, KeyValue, Value};
use opentelemetry_sdk::metrics::data::{AggregatedMetrics, MetricData};
use opentelemetry_sdk::metrics::{InMemoryMetricExporter, PeriodicReader, SdkMeterProvider};
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider, SpanData};
use tower::{Layer, ServiceExt, service_fn};

/// The route template, as a router would put it in the extensions.
#[derive(Clone)]
struct Route(&'static str);

fn route_of(extensions: &http::Extensions) -> Option<&str> {
    extensions.get::<Route>().map(|r| r.0)
}

async fn handler(req: Request<String>) -> Result<Response<String>, ApiError> {
    match req.uri().path() {
        "/v1/leads/lead_1" => Ok(Response::new("{}".to_owned())),
        "/v1/leads/lead_2" => Err(ApiError::new(ErrorCode::NotFound)),
        _ => Err(ApiError::internal(std::io::Error::other("db down"))),
    }
}

struct Telemetry {
    spans: InMemorySpanExporter,
    tracer: SdkTracerProvider,
    metrics: InMemoryMetricExporter,
    meter: SdkMeterProvider,
}

impl Telemetry {
    fn new() -> Telemetry {
        let spans = InMemorySpanExporter::default();
        let tracer = SdkTracerProvider::builder().with_simple_exporter(spans.clone()).build();
        let metrics = InMemoryMetricExporter::default();
        let meter = SdkMeterProvider::builder().with_reader(PeriodicReader::builder(metrics.clone()).build()).build();
        Telemetry { spans, tracer, metrics, meter }
    }

    /// Sends `path` through the layer inside a server span, as an
    /// instrumentation of the service would.
    async fn send(&self, path: &str, route: &'static str) -> u16 {
        let config =
            ErrorConfig::new(Dialect::Canonical).metrics(ErrorMetrics::new(&self.meter.meter("test"))).route(route_of);
        let service = ErrorLayer::new(config).layer(service_fn(handler));
        let span = self.tracer.tracer("test").start(format!("GET {route}"));
        let cx = Context::current_with_span(span);
        let mut req = Request::get(path).body(String::new()).unwrap();
        req.extensions_mut().insert(Route(route));
        let status = service.oneshot(req).with_context(cx.clone()).await.unwrap().status().as_u16();
        cx.span().end();
        status
    }

    fn span(&self, name: &str) -> SpanData {
        self.tracer.force_flush().unwrap();
        let spans = self.spans.get_finished_spans().unwrap();
        spans.into_iter().find(|s| s.name == name).unwrap()
    }

    /// (error.type, status, route) -> count.
    fn counts(&self) -> Vec<(String, i64, String, u64)> {
        self.meter.force_flush().unwrap();
        let mut out = Vec::new();
        for resource in self.metrics.get_finished_metrics().unwrap() {
            for scope in resource.scope_metrics() {
                for metric in scope.metrics().filter(|m| m.name() == ERRORS_METRIC) {
                    let AggregatedMetrics::U64(MetricData::Sum(sum)) = metric.data() else { panic!("a u64 sum") };
                    for point in sum.data_points() {
                        let get =
                            |key: &str| point.attributes().find(|kv| kv.key.as_str() == key).map(|kv| kv.value.clone());
                        let Some(Value::String(code)) = get("error.type") else { panic!("error.type") };
                        let Some(Value::I64(status)) = get("http.response.status_code") else { panic!("status") };
                        let route = get("http.route").map(|v| v.to_string()).unwrap_or_default();
                        out.push((code.to_string(), status, route, point.value()));
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

fn attribute<'a>(span: &'a SpanData, key: &str) -> Vec<&'a KeyValue> {
    span.attributes.iter().filter(|kv| kv.key.as_str() == key).collect()
}

#[tokio::test]
async fn one_error_type_per_error_response_and_one_count() {
    let t = Telemetry::new();
    assert_eq!(t.send("/v1/leads/lead_2", "/v1/leads/{id}").await, 404);
    let span = t.span("GET /v1/leads/{id}");
    let types = attribute(&span, "error.type");
    assert_eq!(types.len(), 1);
    assert_eq!(types[0].value.as_str(), "NOT_FOUND");
    assert_eq!(attribute(&span, "http.response.status_code")[0].value, Value::I64(404));
    // A server span's status stays unset on a 4xx.
    assert_eq!(span.status, Status::Unset);
    assert_eq!(t.counts(), vec![("NOT_FOUND".to_owned(), 404, "/v1/leads/{id}".to_owned(), 1)]);
}

#[tokio::test]
async fn a_server_error_marks_the_span_as_an_error() {
    let t = Telemetry::new();
    assert_eq!(t.send("/v1/leads/export", "/v1/leads/export").await, 500);
    assert_eq!(t.send("/v1/leads/export", "/v1/leads/export").await, 500);
    let span = t.span("GET /v1/leads/export");
    assert_eq!(attribute(&span, "error.type")[0].value.as_str(), "INTERNAL_ERROR");
    assert!(matches!(span.status, Status::Error { .. }));
    assert_eq!(t.counts(), vec![("INTERNAL_ERROR".to_owned(), 500, "/v1/leads/export".to_owned(), 2)]);
}

#[tokio::test]
async fn a_success_records_nothing() {
    let t = Telemetry::new();
    assert_eq!(t.send("/v1/leads/lead_1", "/v1/leads/{id}").await, 200);
    let span = t.span("GET /v1/leads/{id}");
    assert!(attribute(&span, "error.type").is_empty());
    assert_eq!(span.status, Status::Unset);
    assert!(t.counts().is_empty());
}
