//! `cargo xtask decode` and `cargo xtask convert`: look at an error payload.
//!
//! ```text
//! cargo xtask decode [--status N] [--header 'Name: value']... FILE|-
//! cargo xtask convert --to DIALECT [--status N] [--header 'Name: value']... FILE|-
//! ```
//!
//! `decode` prints `{"dialect", "status", "canonical"}`; `convert` prints the
//! body in the target dialect, and its status and headers on stderr. Both
//! print members in the order the crate writes them.
//! Undecodable input exits non-zero with a one-line reason.

use std::io::Read;

use error_model::wire::{self, Dialect};
use error_model_publish::pretty;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::json;

use crate::Result;

/// The parsed command line of `decode` and `convert`.
#[derive(Debug, Default)]
pub struct Args {
    pub input: Option<String>,
    pub status: Option<StatusCode>,
    pub headers: HeaderMap,
    pub to: Option<Dialect>,
}

impl Args {
    /// Parses the arguments after the command name.
    pub fn parse(args: &[String]) -> Result<Args> {
        let mut out = Args::default();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = |flag: &str| it.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
            match arg.as_str() {
                "--status" => {
                    let v = value("--status")?;
                    let n: u16 = v.parse().map_err(|_| format!("--status takes a number, not `{v}`"))?;
                    out.status = Some(StatusCode::from_u16(n).map_err(|_| format!("{n} is not an HTTP status"))?);
                }
                "--header" | "-H" => {
                    let v = value("--header")?;
                    let (name, val) =
                        v.split_once(':').ok_or_else(|| format!("--header takes `Name: value`, not `{v}`"))?;
                    let name = HeaderName::from_bytes(name.trim().as_bytes())
                        .map_err(|_| format!("bad header name in `{v}`"))?;
                    let val = HeaderValue::from_str(val.trim()).map_err(|_| format!("bad header value in `{v}`"))?;
                    out.headers.append(name, val);
                }
                "--to" => {
                    let v = value("--to")?;
                    let names: Vec<&str> = Dialect::ALL.iter().map(|d| d.name()).collect();
                    out.to = Some(
                        Dialect::from_name(&v)
                            .ok_or_else(|| format!("unknown dialect `{v}`; one of {}", names.join(", ")))?,
                    );
                }
                flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
                input if out.input.is_none() => out.input = Some(input.to_owned()),
                extra => return Err(format!("unexpected argument `{extra}`")),
            }
        }
        Ok(out)
    }

    fn read_input(&self) -> Result<Vec<u8>> {
        let input = self.input.as_deref().ok_or("give a FILE, or - for standard input")?;
        // Read at most one byte past the decoder's limit: a larger body is refused anyway.
        let limit = error_model::Limits::DEFAULT_MAX_BODY_BYTES as u64 + 1;
        let mut body = Vec::new();
        let result = if input == "-" {
            std::io::stdin().lock().take(limit).read_to_end(&mut body)
        } else {
            std::fs::File::open(input).and_then(|f| f.take(limit).read_to_end(&mut body))
        };
        result.map_err(|e| format!("cannot read {input}: {e}"))?;
        Ok(body)
    }
}

/// `cargo xtask decode`: the shape the body was read as, whether the lenient
/// reader read it, the codes as sent, the status on the wire and the
/// canonical one, and the canonical error, its members in the order the
/// crate writes them.
pub fn decode(args: &Args) -> Result<String> {
    let body = args.read_input()?;
    let (shape, err) = wire::decode(args.status, &args.headers, &body).map_err(|e| format!("cannot decode: {e}"))?;
    let upstream = err.upstream();
    let codes = upstream.map(|u| u.codes.clone()).unwrap_or_default();
    // Written member by member, not through a `serde_json::Value`, whose map
    // sorts keys: the output keeps this order, and the canonical error the
    // encoder's.
    let members = [
        ("dialect", json!(shape.name()).to_string()),
        ("lenient", json!(shape.is_lenient()).to_string()),
        ("upstream_codes", json!(codes).to_string()),
        ("wire_status", json!(args.status.map(|s| s.as_u16())).to_string()),
        ("status", json!(err.status().as_u16()).to_string()),
        ("canonical", serde_json::to_string(&err.envelope()).expect("json values serialise")),
    ];
    let members: Vec<String> = members.iter().map(|(name, value)| format!("\"{name}\":{value}")).collect();
    let compact = format!("{{{}}}", members.join(","));
    Ok(pretty(compact.as_bytes()))
}

/// `cargo xtask convert`: the body in another dialect, with its status and headers.
pub fn convert(args: &Args) -> Result<(String, String)> {
    let to = args.to.ok_or("convert needs --to DIALECT")?;
    let body = args.read_input()?;
    let res = wire::convert(args.status, &args.headers, &body, to).map_err(|e| format!("cannot decode: {e}"))?;
    let mut head = format!("status: {}", res.status().as_u16());
    for (name, value) in res.headers() {
        head.push_str(&format!("\n{name}: {}", value.to_str().unwrap_or("")));
    }
    // Indented as written: the members keep the order the encoder wrote them
    // in (`type` first in RFC 9457), which a `serde_json::Value` would sort.
    serde_json::from_slice::<serde_json::Value>(res.body()).map_err(|e| format!("encoder wrote bad json: {e}"))?;
    Ok((head, pretty(res.body())))
}
