#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct DetailList { error: E }
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct E { code: String, message: String, #[serde(default)] details: Vec<F> }
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct F { field: String, message: String }
fn main() {
    let body = std::fs::read("fixtures/detail-list/structure.json").unwrap();
    let h = http::HeaderMap::new();
    let mode = std::env::args().nth(1).unwrap_or_default();
    for _ in 0..20000 {
        match mode.as_str() {
            "hand" => { std::hint::black_box(serde_json::from_slice::<DetailList>(std::hint::black_box(&body)).unwrap()); }
            "floor" => {
                let d = serde_json::from_slice::<DetailList>(std::hint::black_box(&body)).unwrap();
                let mut err = error_model::ApiError::with_status(error_model::Code::from_string(d.error.code), http::StatusCode::INTERNAL_SERVER_ERROR).with_message(d.error.message);
                for f in d.error.details { err = err.with_field(error_model::FieldViolation::new(f.field, f.message)); }
                std::hint::black_box(err);
            }
            _ => { std::hint::black_box(error_model::wire::decode(None, &h, std::hint::black_box(&body)).unwrap()); }
        }
    }
}
