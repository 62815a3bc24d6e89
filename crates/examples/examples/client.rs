//! A reqwest client that retries by itself, as the retry policy decides.
//!
//! ```sh
//! cargo run -p error-model-examples --example client -- http://127.0.0.1:3000/flaky/503/demo
//! ```

use error_model::retry::RetryPolicy;
use error_model_reqwest::send;

#[tokio::main]
async fn main() {
    let url = std::env::args().nth(1).unwrap_or_else(|| "http://127.0.0.1:3000/flaky/503/demo".to_owned());
    let called = send(reqwest::Client::new().get(&url), &RetryPolicy::default()).await;
    match called.result {
        Ok(res) => println!("{} after {} attempts (waited {:?})", res.status(), called.attempts, called.waited),
        Err(err) => {
            let request_id = err.api_error().and_then(|e| e.request_id()).unwrap_or("-");
            eprintln!("{err} after {} attempts (request id {request_id})", called.attempts);
            std::process::exit(1);
        }
    }
}
