//! The `#[api(...)]` attributes of a variant (or struct) and of its fields,
//! read and checked.

use syn::spanned::Spanned;
use syn::{Attribute, Field, LitStr, Path, Token};

/// Where a variant's message comes from.
pub enum Message {
    /// The code's own description (the default).
    Code,
    /// The value's `Display` (`#[api(message)]`).
    Display,
    /// A fixed text (`#[api(message = "...")]`).
    Text(LitStr),
}

/// The attributes of a variant, or of a struct.
pub struct VariantAttrs {
    /// The code path, `None` when missing or unreadable.
    pub code: Option<Path>,
    /// Whether a `code` was written (an unreadable one is reported once).
    pub code_written: bool,
    pub message: Message,
}

/// What a field is used for.
#[derive(Default)]
pub struct FieldAttrs {
    /// `#[api(resource = "kind")]`.
    pub resource: Option<LitStr>,
    /// `#[api(detail)]` (`Some(None)`) or `#[api(detail = "name")]`.
    pub detail: Option<Option<LitStr>>,
    /// Whether the field is the source.
    pub source: Source,
}

/// Whether a field is the variant's source.
#[derive(Default, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Not the source.
    #[default]
    None,
    /// Named `source`: the source unless another field is marked.
    Named,
    /// Marked `#[source]`, `#[from]` or `#[api(source)]`.
    Marked,
}

/// Collects errors so that one expansion reports all of them.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    pub fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub fn finish(self) -> syn::Result<()> {
        self.0.map_or(Ok(()), Err)
    }
}

fn is_api(attr: &Attribute) -> bool {
    attr.path().is_ident("api")
}

/// Reads the `#[api(...)]` attributes of a variant or struct.
pub fn variant(attrs: &[Attribute], errors: &mut Errors) -> VariantAttrs {
    let mut out = VariantAttrs { code: None, code_written: false, message: Message::Code };
    let mut message_seen = false;
    for attr in attrs.iter().filter(|a| is_api(a)) {
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("code") {
                out.code_written = true;
                let value = meta.value()?;
                if value.peek(LitStr) {
                    let lit: LitStr = value.parse()?;
                    return Err(syn::Error::new(
                        lit.span(),
                        "the code is a path to a variant of an error_codes! table, such as `ErrorCode::NotFound`",
                    ));
                }
                let path: Path = value.parse()?;
                if out.code.is_some() {
                    return Err(syn::Error::new(path.span(), "duplicate `code`"));
                }
                out.code = Some(path);
                Ok(())
            } else if meta.path.is_ident("message") {
                if message_seen {
                    return Err(meta.error("duplicate `message`"));
                }
                message_seen = true;
                out.message =
                    if meta.input.peek(Token![=]) { Message::Text(meta.value()?.parse()?) } else { Message::Display };
                Ok(())
            } else if is_field_key(&meta.path) {
                Err(meta.error("this attribute goes on a field, not on a variant"))
            } else {
                Err(meta.error("unknown attribute; a variant takes `code = ...` and `message`"))
            }
        });
        if let Err(e) = parsed {
            errors.push(e);
        }
    }
    out
}

fn is_field_key(path: &Path) -> bool {
    ["resource", "detail", "source"].iter().any(|key| path.is_ident(key))
}

/// Reads what a field is used for: its `#[api(...)]` attributes and
/// thiserror's `#[source]` and `#[from]`.
pub fn field(field: &Field, errors: &mut Errors) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    if field.ident.as_ref().is_some_and(|name| name == "source") {
        out.source = Source::Named;
    }
    for attr in &field.attrs {
        if attr.path().is_ident("source") || attr.path().is_ident("from") {
            out.source = Source::Marked;
        }
    }
    for attr in field.attrs.iter().filter(|a| is_api(a)) {
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("resource") {
                if out.resource.is_some() {
                    return Err(meta.error("duplicate `resource`"));
                }
                out.resource = Some(meta.value()?.parse()?);
                Ok(())
            } else if meta.path.is_ident("detail") {
                if out.detail.is_some() {
                    return Err(meta.error("duplicate `detail`"));
                }
                let name = if meta.input.peek(Token![=]) { Some(meta.value()?.parse()?) } else { None };
                out.detail = Some(name);
                Ok(())
            } else if meta.path.is_ident("source") {
                out.source = Source::Marked;
                Ok(())
            } else if meta.path.is_ident("code") || meta.path.is_ident("message") {
                Err(meta.error("this attribute goes on a variant, not on a field"))
            } else {
                Err(meta.error("unknown attribute; a field takes `resource = \"kind\"`, `detail` and `source`"))
            }
        });
        if let Err(e) = parsed {
            errors.push(e);
        }
    }
    out
}
