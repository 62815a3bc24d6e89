//! JSON Schema, as `schemars` and `error-model-publish` write it, turned into
//! utoipa's schema objects without losing a keyword.
//!
//! utoipa's [`Schema`] models the keywords OpenAPI generators read most
//! (`type`, `properties`, `required`, `items`, `allOf`/`anyOf`/`oneOf`,
//! `enum`, ...); this conversion fills those, each subschema converted in
//! turn, and keeps every other keyword (`const`, `minimum`, `x-...`) as it
//! was, in the schema object's extensions, which utoipa writes back in place.
//! The document utoipa serialises therefore holds the schemas of
//! `schemas/` exactly: one definition, not a second one written by hand.

use serde_json::{Map, Value};
use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::schema::{
    AdditionalProperties, AllOf, AnyOf, Array, Object, OneOf, Schema, SchemaFormat, SchemaType, Type,
};
use utoipa::openapi::{Deprecated, Ref, RefOr};

/// `value` (a JSON Schema) as a utoipa schema: a [`Ref`] for a lone
/// `$ref` (with at most a `description` and a `summary` beside it), an
/// [`AllOf`], [`AnyOf`] or [`OneOf`] for a composition without properties,
/// an [`Array`] for `"type": "array"` with `items`, an [`Object`] for
/// anything else. Whatever keyword the chosen type has no field for is kept
/// in its extensions, so that serialising the result gives `value` back
/// (a boolean schema comes back as its object form: `true` as `{}`, `false`
/// as `{"not": {}}`, which utoipa can write).
///
/// # Examples
///
/// ```
/// use serde_json::json;
///
/// let schema = json!({
///     "type": "object",
///     "required": ["code"],
///     "properties": { "code": { "type": "string", "minLength": 1 }, "retry_after": { "type": "integer", "minimum": 0 } },
/// });
/// let converted = error_model_utoipa::schema::to_utoipa(&schema);
/// assert_eq!(serde_json::to_value(&converted).unwrap(), schema);
/// ```
pub fn to_utoipa(value: &Value) -> RefOr<Schema> {
    let map = match value {
        Value::Object(map) => map,
        // `true` accepts anything: an empty schema.
        // `true` (and any value that is no schema) accepts anything: `{}`;
        // `false` accepts nothing: `{"not": {}}`.
        other => {
            let mut object = Object::new();
            object.schema_type = SchemaType::AnyValue;
            if other == &Value::Bool(false) {
                object.extensions = Some(Extensions::from_iter([("not", Value::Object(Map::new()))]));
            }
            return RefOr::T(Schema::Object(object));
        }
    };
    if let Some(reference) = as_ref(map) {
        return RefOr::Ref(reference);
    }
    let mut rest = map.clone();
    let schema = if !rest.contains_key("properties") && rest.contains_key("allOf") {
        let mut all = AllOf::new();
        all.items = subschemas(rest.remove("allOf"));
        take_common(&mut rest, &mut all.schema_type, &mut all.description, &mut all.examples, &mut all.default);
        all.title = take_string(&mut rest, "title");
        all.extensions = extensions(rest);
        Schema::AllOf(all)
    } else if !rest.contains_key("properties") && rest.contains_key("anyOf") {
        let mut any = AnyOf::new();
        any.items = subschemas(rest.remove("anyOf"));
        take_common(&mut rest, &mut any.schema_type, &mut any.description, &mut any.examples, &mut any.default);
        any.extensions = extensions(rest);
        Schema::AnyOf(any)
    } else if !rest.contains_key("properties") && !rest.contains_key("enum") && rest.contains_key("oneOf") {
        let mut one = OneOf::new();
        one.items = subschemas(rest.remove("oneOf"));
        take_common(&mut rest, &mut one.schema_type, &mut one.description, &mut one.examples, &mut one.default);
        one.title = take_string(&mut rest, "title");
        one.extensions = extensions(rest);
        Schema::OneOf(one)
    } else if rest.get("type") == Some(&Value::from("array")) && rest.get("items").is_some_and(Value::is_object) {
        let mut array = Array::new(to_utoipa(&rest.remove("items").unwrap_or_default()));
        let mut description = None;
        take_common(&mut rest, &mut array.schema_type, &mut description, &mut array.examples, &mut array.default);
        array.description = description;
        array.title = take_string(&mut rest, "title");
        array.deprecated = take_deprecated(&mut rest);
        array.max_items = take_usize(&mut rest, "maxItems");
        array.min_items = take_usize(&mut rest, "minItems");
        array.extensions = extensions(rest);
        Schema::Array(array)
    } else {
        Schema::Object(object(rest))
    };
    RefOr::T(schema)
}

/// An [`Object`] of the keywords in `rest`.
fn object(mut rest: Map<String, Value>) -> Object {
    let mut object = Object::new();
    take_common(&mut rest, &mut object.schema_type, &mut object.description, &mut object.examples, &mut object.default);
    object.title = take_string(&mut rest, "title");
    object.format = take_string(&mut rest, "format").map(SchemaFormat::Custom);
    object.deprecated = take_deprecated(&mut rest);
    if let Some(Value::Array(values)) = rest.get("enum") {
        object.enum_values = Some(values.clone());
        rest.remove("enum");
    }
    if let Some(Value::Array(names)) = rest.get("required") {
        if names.iter().all(Value::is_string) {
            object.required = names.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect();
            rest.remove("required");
        }
    }
    if let Some(Value::Object(properties)) = rest.remove("properties") {
        for (name, schema) in properties {
            object.properties.insert(name, to_utoipa(&schema));
        }
    }
    match rest.remove("additionalProperties") {
        Some(Value::Bool(allowed)) => {
            object.additional_properties = Some(Box::new(AdditionalProperties::FreeForm(allowed)));
        }
        Some(schema @ Value::Object(_)) => {
            object.additional_properties = Some(Box::new(AdditionalProperties::RefOr(to_utoipa(&schema))));
        }
        Some(other) => {
            rest.insert("additionalProperties".to_owned(), other);
        }
        None => {}
    }
    object.max_length = take_usize(&mut rest, "maxLength");
    object.min_length = take_usize(&mut rest, "minLength");
    object.pattern = take_string(&mut rest, "pattern");
    object.extensions = extensions(rest);
    object
}

/// A lone `$ref`, with at most a `description` and a `summary` (strings).
fn as_ref(map: &Map<String, Value>) -> Option<Ref> {
    let location = map.get("$ref")?.as_str()?;
    let mut reference = Ref::new(location);
    for (key, value) in map {
        match (key.as_str(), value) {
            ("$ref", _) => {}
            ("description", Value::String(text)) if !text.is_empty() => reference.description = text.clone(),
            ("summary", Value::String(text)) if !text.is_empty() => reference.summary = text.clone(),
            _ => return None,
        }
    }
    Some(reference)
}

/// The keywords every utoipa schema type has a field for: `type`,
/// `description`, `examples`, `default`.
fn take_common(
    rest: &mut Map<String, Value>,
    schema_type: &mut SchemaType,
    description: &mut Option<String>,
    examples: &mut Vec<Value>,
    default: &mut Option<Value>,
) {
    match rest.get("type").and_then(schema_type_of) {
        Some(of) => {
            *schema_type = of;
            rest.remove("type");
        }
        None => *schema_type = SchemaType::AnyValue,
    }
    *description = take_string(rest, "description");
    if let Some(Value::Array(values)) = rest.get("examples") {
        if !values.is_empty() {
            *examples = values.clone();
            rest.remove("examples");
        }
    }
    *default = rest.remove("default");
}

/// `type` as utoipa's [`SchemaType`], if it names only JSON types.
fn schema_type_of(value: &Value) -> Option<SchemaType> {
    fn one(name: &str) -> Option<Type> {
        Some(match name {
            "object" => Type::Object,
            "string" => Type::String,
            "integer" => Type::Integer,
            "number" => Type::Number,
            "boolean" => Type::Boolean,
            "array" => Type::Array,
            "null" => Type::Null,
            _ => return None,
        })
    }
    match value {
        Value::String(name) => one(name).map(SchemaType::Type),
        Value::Array(names) if !names.is_empty() => {
            names.iter().map(|n| n.as_str().and_then(one)).collect::<Option<Vec<Type>>>().map(SchemaType::Array)
        }
        _ => None,
    }
}

fn take_string(rest: &mut Map<String, Value>, key: &str) -> Option<String> {
    match rest.get(key) {
        Some(Value::String(_)) => rest.remove(key).and_then(|v| v.as_str().map(str::to_owned)),
        _ => None,
    }
}

fn take_usize(rest: &mut Map<String, Value>, key: &str) -> Option<usize> {
    let n = usize::try_from(rest.get(key)?.as_u64()?).ok()?;
    rest.remove(key);
    Some(n)
}

fn take_deprecated(rest: &mut Map<String, Value>) -> Option<Deprecated> {
    let deprecated = rest.get("deprecated")?.as_bool()?;
    rest.remove("deprecated");
    Some(if deprecated { Deprecated::True } else { Deprecated::False })
}

/// A list of subschemas, each converted.
fn subschemas(value: Option<Value>) -> Vec<RefOr<Schema>> {
    match value {
        Some(Value::Array(items)) => items.iter().map(to_utoipa).collect(),
        _ => Vec::new(),
    }
}

/// The keywords left, kept as they are.
fn extensions(rest: Map<String, Value>) -> Option<Extensions> {
    (!rest.is_empty()).then(|| Extensions::from_iter(rest))
}
