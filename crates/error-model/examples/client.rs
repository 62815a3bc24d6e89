//! A reqwest client that calls an API with the retry policy.
//!
//! ```sh
//! cargo run -p error-model --features axum --example client -- http://127.0.0.1:3000/flaky/503/demo
//! ```

use std::time::Duration;

use error_model::client::ClientError;
use error_model::retry::{Decision, RetryPolicy, SplitMix64};
use error_model::{BoundedBody, Limits};

/// The result of a call: the body of the success, or the last error, and how many attempts it took.
pub struct Called {
    pub result: Result<String, ClientError>,
    pub attempts: u32,
    pub waited: Duration,
}

/// GETs `url`, retrying as `policy` decides.
pub async fn get_with_retry(client: &reqwest::Client, url: &str, policy: &RetryPolicy, rng: &mut SplitMix64) -> Called {
    let mut attempts = 0;
    let mut waited = Duration::ZERO;
    loop {
        attempts += 1;
        let err = match client.get(url).send().await {
            Ok(res) if res.status().is_success() => {
                let result = res.text().await.map_err(ClientError::network);
                return Called { result, attempts, waited };
            }
            Ok(res) => {
                let (status, headers) = (res.status(), res.headers().clone());
                match read_error_body(res).await {
                    Ok(Ok(body)) => ClientError::from_parts(status, &headers, &body),
                    // Past the limit: the error is what the status and headers say.
                    Ok(Err(too_large)) => {
                        let error = error_model::wire::decode_or_status(status, &headers, b"").0;
                        ClientError::Undecodable { status, reason: too_large, error }
                    }
                    Err(e) => ClientError::network(e),
                }
            }
            Err(e) => ClientError::network(e),
        };
        match policy.decide(attempts, err.outcome(), waited, rng.next_u64()) {
            Decision::RetryAfter(delay) => {
                tokio::time::sleep(delay).await;
                waited += delay;
            }
            Decision::Stop(_) => return Called { result: Err(err), attempts, waited },
        }
    }
}

/// Reads an error body chunk by chunk, at most `Limits::max_body_bytes` of it:
/// a server (or a proxy) may send anything, of any size.
async fn read_error_body(
    mut res: reqwest::Response,
) -> Result<Result<Vec<u8>, error_model::DecodeError>, reqwest::Error> {
    let mut body = BoundedBody::new(&Limits::default());
    while let Some(chunk) = res.chunk().await? {
        if let Err(too_large) = body.push(&chunk) {
            return Ok(Err(too_large));
        }
    }
    Ok(Ok(body.into_bytes()))
}

#[allow(dead_code)]
#[tokio::main]
async fn main() {
    let url = std::env::args().nth(1).unwrap_or_else(|| "http://127.0.0.1:3000/flaky/503/demo".to_owned());
    let client = reqwest::Client::new();
    let called = get_with_retry(&client, &url, &RetryPolicy::default(), &mut SplitMix64::from_entropy()).await;
    match called.result {
        Ok(body) => println!("{body} ({} attempts, waited {:?})", called.attempts, called.waited),
        Err(err) => {
            let request_id = err.api_error().and_then(|e| e.request_id()).unwrap_or("-");
            eprintln!("{err} after {} attempts (request id {request_id})", called.attempts);
            std::process::exit(1);
        }
    }
}
