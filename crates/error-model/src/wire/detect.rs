//! Detection: which dialect a parsed body is in, from the members that came
//! (and `Content-Type: application/problem+json`).
//!
//! The rules, in order: problem+json by media type; an `error` object is
//! Google (integer `code`, string `status` or typed `@type` details), Stripe
//! (`type`, `param`, `doc_url`), Azure (`target`, `innererror`), detail-list
//! (a `details` list), nested (`success`, or no `status`) or canonical; an
//! `error` string is flat; `type`, `title` or an integer `status` is a
//! problem; an `errors` list is GraphQL, GitHub or JSON:API by its items; an
//! `errors` map is field-map; then GitHub, bare, field-map and DRF by their
//! remaining members.

use http::HeaderMap;
use http::header::CONTENT_TYPE;

use super::Dialect;
use super::any::{AnyBody, DetailsMember, ErrorMember, ErrorsMember, Scalar};
use super::free_form::is_message_list;
use crate::headers::is_problem_json_media_type;

pub(crate) fn detect_any(any: &AnyBody, headers: &HeaderMap) -> Option<Dialect> {
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if is_problem_json_media_type(content_type) {
        return Some(Dialect::Problem);
    }
    if let Some(ErrorMember::Object) = &any.error {
        let obj = &any.error_object;
        let int_code = matches!(obj.code, Some(Scalar::Int(_)));
        let str_status = matches!(obj.status, Some(Scalar::Str(_)));
        let list = match &obj.details {
            Some(DetailsMember::List(items)) => Some(items),
            _ => None,
        };
        return Some(if int_code || str_status || list.is_some_and(|l| l.iter().any(|i| i.type_url().is_some())) {
            Dialect::Google
        } else if obj.more.as_ref().is_some_and(|m| m.type_.is_some() || m.param.is_some())
            || obj.other.iter().any(|(k, _)| k == "doc_url")
        {
            Dialect::Stripe
        } else if obj.more.as_ref().is_some_and(|m| m.target.is_some() || m.innererror.is_some())
            || list.is_some_and(|l| l.iter().any(|i| i.rare.as_ref().is_some_and(|r| r.target.is_some())))
        {
            Dialect::Azure
        } else if list.is_some() {
            Dialect::DetailList
        } else if any.success.is_some() || obj.status.is_none() {
            Dialect::Nested
        } else {
            Dialect::Canonical
        });
    }
    if let Some(ErrorMember::Message(_)) = &any.error {
        return Some(Dialect::Flat);
    }
    if any.type_.is_some() || any.title.is_some() || matches!(any.status, Some(Scalar::Int(_))) {
        return Some(Dialect::Problem);
    }
    match &any.errors {
        Some(ErrorsMember::List(items)) => {
            return Some(if any.has_data || items.iter().any(|i| i.extensions.is_some() || i.locations.is_some()) {
                Dialect::GraphQl
            } else if any.documentation_url.is_some() || items.iter().any(|i| i.resource.is_some() || i.field.is_some())
            {
                Dialect::GitHub
            } else if items.iter().any(|i| i.message.is_some()) && any.message.is_none() {
                Dialect::GraphQl
            } else if any.message.is_some() {
                Dialect::GitHub
            } else {
                Dialect::JsonApi
            });
        }
        Some(ErrorsMember::FieldMap(_)) => return Some(Dialect::FieldMap),
        None => {}
    }
    if any.documentation_url.is_some() && any.message.is_some() {
        return Some(Dialect::GitHub);
    }
    if any.code.is_some() && (any.message.is_some() || any.details.is_some()) {
        return Some(Dialect::Bare);
    }
    // A lone message is the field-map dialect's 401 or 403; with members no shape
    // here knows, it is another API's body (the lenient reader's).
    if any.message.is_some() && any.other.is_empty() {
        return Some(Dialect::FieldMap);
    }
    // DRF's field errors are lists of messages (or objects of them); a body
    // of bare strings is some other API's.
    if any.detail.is_some() || (!any.other.is_empty() && any.other.iter().all(|(_, v)| is_message_list(v))) {
        return Some(Dialect::Drf);
    }
    None
}

#[cfg(test)]
mod tests {
    use http::{HeaderMap, HeaderValue};

    use crate::wire::{self, Dialect};

    /// A body DRF's shape fits by its members reads as a problem when the
    /// media type says so, however the media type is spelled.
    #[test]
    fn problem_json_is_detected_whatever_its_case_and_parameters() {
        let body = br#"{"detail": "Lead not found."}"#;
        assert_eq!(wire::detect(&HeaderMap::new(), body).unwrap(), Dialect::Drf);
        for content_type in [
            "application/problem+json",
            "Application/Problem+JSON; charset=utf-8",
            "APPLICATION/PROBLEM+JSON;charset=UTF-8",
            " application/problem+json ",
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(http::header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            assert_eq!(wire::detect(&headers, body).unwrap(), Dialect::Problem, "{content_type}");
            let (shape, err) = wire::decode(Some(http::StatusCode::NOT_FOUND), &headers, body).unwrap();
            assert_eq!(shape, Dialect::Problem, "{content_type}");
            assert_eq!(err.message(), "Lead not found.");
        }
        let mut headers = HeaderMap::new();
        headers.insert(http::header::CONTENT_TYPE, HeaderValue::from_static("application/problem+xml"));
        assert_eq!(wire::detect(&headers, body).unwrap(), Dialect::Drf);
    }
}
