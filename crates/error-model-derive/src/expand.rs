//! The `From<YourError> for ApiError` impl the derive writes.
//!
//! It reads the value twice: once by reference, to build the error (code,
//! message, resource, details), then by value, to move the source in.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Fields, Index, LitStr, Member, Type};

use crate::attrs::{self, Errors, Message};

/// Extension names the details write as typed members: a detail of that
/// name would never be sent.
const RESERVED: &[&str] = &["fields", "retry_after", "resource"];

/// One way the value can be: a variant of the enum, or the struct.
struct Shape<'a> {
    /// The path a pattern starts with: `Enum::Variant` or `Struct`.
    path: TokenStream,
    attrs: &'a [Attribute],
    fields: &'a Fields,
    /// Where a missing code is reported.
    span: proc_macro2::Span,
}

/// The arms of one shape: the one that builds the error, and the one that
/// moves its source in (if it has one).
struct Arms {
    build: TokenStream,
    source: Option<TokenStream>,
}

pub fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    let name = &input.ident;
    let shapes: Vec<Shape<'_>> = match &input.data {
        Data::Enum(data) => {
            if let Some(attr) = input.attrs.iter().find(|a| a.path().is_ident("api")) {
                errors.push(syn::Error::new_spanned(attr, "`#[api(...)]` goes on each variant, not on the enum"));
            }
            data.variants
                .iter()
                .map(|v| {
                    let ident = &v.ident;
                    Shape { path: quote!(#name::#ident), attrs: &v.attrs, fields: &v.fields, span: ident.span() }
                })
                .collect()
        }
        Data::Struct(data) => {
            vec![Shape { path: quote!(#name), attrs: &input.attrs, fields: &data.fields, span: name.span() }]
        }
        Data::Union(data) => {
            return Err(syn::Error::new(
                data.union_token.span,
                "IntoApiError derives on enums and structs, not unions",
            ));
        }
    };

    let arms: Vec<Arms> = shapes.iter().filter_map(|shape| arms(shape, &mut errors)).collect();
    errors.finish()?;

    let body = if shapes.is_empty() {
        quote!(match __error {})
    } else {
        let build = arms.iter().map(|a| &a.build);
        let source = arms.iter().filter_map(|a| a.source.as_ref());
        quote! {
            let __api = match &__error {
                #(#build)*
            };
            match __error {
                #(#source)*
                #[allow(unreachable_patterns)]
                _ => __api,
            }
        }
    };
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    Ok(quote! {
        #[automatically_derived]
        impl #impl_generics ::core::convert::From<#name #ty_generics> for ::error_model::ApiError #where_clause {
            fn from(__error: #name #ty_generics) -> ::error_model::ApiError {
                #body
            }
        }
    })
}

fn arms(shape: &Shape<'_>, errors: &mut Errors) -> Option<Arms> {
    let variant = attrs::variant(shape.attrs, errors);
    let path = &shape.path;

    let mut bindings = Vec::new();
    let mut steps = Vec::new();
    let mut resource_seen = false;
    // Marked sources (`#[source]`, `#[from]`, `#[api(source)]`) win over a
    // field named `source`, as in thiserror.
    let mut marked = Vec::new();
    let mut named = None;
    for (i, field) in shape.fields.iter().enumerate() {
        let marks = attrs::field(field, errors);
        let member = match &field.ident {
            Some(ident) => Member::Named(ident.clone()),
            None => Member::Unnamed(Index::from(i)),
        };
        let binding = format_ident!("__field_{}", i);
        let mut used = false;
        if let Some(kind) = &marks.resource {
            if resource_seen {
                errors.push(syn::Error::new(kind.span(), "only one field of a variant is its resource"));
            }
            resource_seen = true;
            steps.push(quote! {
                let __api = __api.with_resource(::error_model::ResourceRef::new(
                    #kind,
                    ::error_model::__private::display(#binding),
                ));
            });
            used = true;
        }
        if let Some(rename) = &marks.detail {
            let key = match (rename, &field.ident) {
                (Some(lit), _) => Some(LitStr::clone(lit)),
                (None, Some(ident)) => Some(LitStr::new(&ident.unraw().to_string(), ident.span())),
                (None, None) => {
                    errors.push(syn::Error::new(
                        field.span(),
                        "a tuple field's detail needs a name: `#[api(detail = \"name\")]`",
                    ));
                    None
                }
            };
            if let Some(key) = key {
                if RESERVED.contains(&key.value().as_str()) {
                    errors.push(syn::Error::new(
                        key.span(),
                        format!("`{}` is a typed member of the details; name this detail otherwise", key.value()),
                    ));
                }
                steps.push(quote! {
                    let __api = __api.with_extension(#key, ::error_model::__private::detail(#binding));
                });
            }
            used = true;
        }
        if used {
            bindings.push(quote!(#member: #binding));
        }
        match marks.source {
            attrs::Source::Marked => marked.push((member, field)),
            attrs::Source::Named => named = Some((member, field)),
            attrs::Source::None => {}
        }
    }
    if let Some((_, extra)) = marked.get(1) {
        errors.push(syn::Error::new(extra.span(), "only one field of a variant is its source"));
    }
    let source = marked.into_iter().next().or(named).map(|(member, field)| {
        let keep = if is_option(&field.ty) {
            quote! {
                match __source {
                    ::core::option::Option::Some(__source) => __api.with_source(__source),
                    ::core::option::Option::None => __api,
                }
            }
        } else {
            quote_spanned!(field.ty.span()=> __api.with_source(__source))
        };
        quote!(#path { #member: __source, .. } => #keep,)
    });

    let Some(code) = &variant.code else {
        if variant.code_written {
            return None;
        }
        errors.push(syn::Error::new(shape.span, "missing `#[api(code = ...)]`: the code this error is sent with"));
        return None;
    };
    let code = quote_spanned!(code.span()=> ::error_model::__private::code(#code));
    let message = match &variant.message {
        Message::Code => quote!(),
        Message::Display => quote!(let __api = __api.with_message(::error_model::__private::display(&__error));),
        Message::Text(text) => quote!(let __api = __api.with_message(#text);),
    };
    let build = quote! {
        #path { #(#bindings,)* .. } => {
            let __api = ::error_model::ApiError::new(#code);
            #message
            #(#steps)*
            __api
        }
    };
    Some(Arms { build, source })
}

/// Whether a field's type is spelled `Option<...>` (a source that may be absent).
fn is_option(ty: &Type) -> bool {
    match ty {
        Type::Path(p) => p.qself.is_none() && p.path.segments.last().is_some_and(|s| s.ident == "Option"),
        _ => false,
    }
}
