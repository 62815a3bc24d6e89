//! The two ways a type here gets its JSON Schema without a derive: written
//! by hand where serde's output is computed ([`hand_schema!`]), or taken
//! from the view type that serialises it ([`schema_as!`]).

/// Implements `schemars::JsonSchema` with a schema written by hand, inlined
/// where the type is used.
macro_rules! hand_schema {
    ($($Ty:ty => $name:literal, |$generator:ident| $schema:expr;)*) => {$(
        #[cfg(feature = "schema")]
        #[cfg_attr(docsrs, doc(cfg(feature = "schema")))]
        impl schemars::JsonSchema for $Ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }
            fn inline_schema() -> bool {
                true
            }
            fn json_schema($generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $schema
            }
        }
    )*};
}

/// Implements `schemars::JsonSchema` as that of the view type the value is
/// serialised through, so that the schema is derived from what is written.
macro_rules! schema_as {
    ($($Ty:ty => $View:ty;)*) => {$(
        #[cfg(feature = "schema")]
        #[cfg_attr(docsrs, doc(cfg(feature = "schema")))]
        impl schemars::JsonSchema for $Ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                <$View as schemars::JsonSchema>::schema_name()
            }
            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                <$View as schemars::JsonSchema>::json_schema(generator)
            }
        }
    )*};
}
