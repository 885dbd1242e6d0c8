//! What a client calls on the models, whatever pages they come from: reading
//! a body (naming the JSON path of what does not fit, and, on request, the
//! members the models do not know) and writing a call's request target.
//!
//! Written once for every models crate: `pivot-models` and the test crate of
//! the pinned pages (`pivot-pinned`) compile this same file.

use std::fmt;

/// Reads `json` into a model, naming the path of the offending member on failure.
///
/// Members the model does not know are skipped, as serde does, at no cost:
/// [`from_json_with_unknown`] also lists them.
pub fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, JsonError> {
    read(json, |deserializer| {
        serde_path_to_error::deserialize(deserializer)
    })
}

/// Reads `json` as [`from_json`] does, and lists the members it holds that
/// the model does not know, with their JSON paths: what an API sends that
/// its pages do not (yet) say, such as a renamed or a new member.
///
/// ```
/// # // Written on the pinned page's types too, which have this `Customer`.
/// # #[derive(serde::Deserialize)] #[serde(rename_all = "camelCase")]
/// # struct Customer { sure_name: Option<String> }
/// let body = r#"{"surname": "Geotama", "sureName": null}"#;
/// let (customer, unknown) = pivot_models::from_json_with_unknown::<Customer>(body)?;
/// assert_eq!(customer.sure_name, None);
/// assert_eq!(unknown.paths(), ["surname"]);
/// # Ok::<(), pivot_models::JsonError>(())
/// ```
///
/// A member inside a free-form object (`serde_json::Map`, `Value`) is part
/// of what the model keeps, never unknown. A body read as
/// `serde::de::IgnoredAny` (a page that documents no response body) is
/// ignored whole by design, and lists nothing.
pub fn from_json_with_unknown<T: serde::de::DeserializeOwned>(
    json: &str,
) -> Result<(T, UnknownMembers), JsonError> {
    let mut paths = Vec::new();
    let value = read(json, |deserializer| {
        let mut note = |path: serde_ignored::Path<'_>| {
            let path = json_path(&path);
            if !path.is_empty() {
                paths.push(path);
            }
        };
        serde_path_to_error::deserialize(serde_ignored::Deserializer::new(deserializer, &mut note))
    })?;
    Ok((value, UnknownMembers { paths }))
}

/// Runs `deserialize` on a JSON reader of `json`, then checks that nothing
/// but white space follows the value.
fn read<'de, T>(
    json: &'de str,
    deserialize: impl FnOnce(
        &mut serde_json::Deserializer<serde_json::de::StrRead<'de>>,
    ) -> Result<T, serde_path_to_error::Error<serde_json::Error>>,
) -> Result<T, JsonError> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let value = deserialize(&mut deserializer).map_err(|e| JsonError {
        path: e.path().to_string(),
        source: e.into_inner(),
    })?;
    deserializer.end().map_err(|source| JsonError {
        path: ".".to_string(),
        source,
    })?;
    Ok(value)
}

/// `data.chargeDetails[0].newMember`, as [`JsonError::path`] writes paths;
/// empty for the body itself.
fn json_path(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", json_path(parent)),
        Path::Map { parent, key } => match json_path(parent) {
            parent if parent.is_empty() => key.clone(),
            parent => format!("{parent}.{key}"),
        },
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => json_path(parent),
    }
}

/// The members of a body that the models do not know, from
/// [`from_json_with_unknown`]: each one's JSON path, in body order
/// (`data.customer.surname`, `data.paymentType`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnknownMembers {
    paths: Vec<String>,
}

impl UnknownMembers {
    /// The JSON paths, in the order the body holds them.
    pub fn paths(&self) -> &[String] {
        &self.paths
    }

    /// Whether the body held nothing the models do not know.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }
}

impl fmt::Display for UnknownMembers {
    /// `members the models do not know: `data.customer.surname`, `data.paymentType``.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("members the models do not know: ")?;
        for (i, path) in self.paths.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{path}`")?;
        }
        Ok(())
    }
}

/// Why a JSON body does not fit a model, and where.
#[derive(Debug)]
pub struct JsonError {
    pub(crate) path: String,
    pub(crate) source: serde_json::Error,
}

impl JsonError {
    /// The member's path, as in `data.amount.currency` (`.` for the whole body).
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at `{}`: {}", self.path, self.source)
    }
}

impl std::error::Error for JsonError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// The path of a call with its query string: `/v1/balance-histories?startDate=2025-05-01&endDate=...`.
/// The query is encoded by `serde_urlencoded` (`application/x-www-form-urlencoded`,
/// as browsers send forms); optional parameters left `None` are not sent, and no
/// `?` is added when nothing is.
pub fn path_and_query<E: crate::Endpoint>(
    call: &E,
) -> Result<String, serde_urlencoded::ser::Error> {
    let mut target = call.path();
    if let Some(query) = call.query() {
        let encoded = serde_urlencoded::to_string(query)?;
        if !encoded.is_empty() {
            target.push('?');
            target.push_str(&encoded);
        }
    }
    Ok(target)
}
