//! [`Page`]: one analysed page, as a server made from the pages asks about
//! it. The engine's model stays behind it, so a server depends on these
//! questions, not on the model's shape.

use super::reader::{MAX_DEPTH, Reader};
use super::{Parts, Place, Problem, Reading};
use crate::model::{Module, ParamKind, Side, Ty};
use crate::parse::page::segments;
use crate::pipeline::Analysis;

pub use crate::parse::page::Segment;

/// One page, analysed: its call, its examples, and how a request to it
/// reads ([`Page::read`]).
#[derive(Debug, Clone)]
pub struct Page {
    module: Module,
}

impl From<Analysis> for Page {
    fn from(analysis: Analysis) -> Self {
        Page {
            module: analysis.module,
        }
    }
}

impl Page {
    /// The page's module name (`create_payment_session`).
    pub fn name(&self) -> &str {
        &self.module.ident
    }

    /// The HTTP method as the page writes it (`POST`), when it gives one.
    pub fn method(&self) -> Option<&str> {
        self.module.method.as_deref()
    }

    /// The URL line as the page writes it (`[BASE_URL]/v2/payments`,
    /// `[Merchant Callback URL]`).
    pub fn url(&self) -> Option<&str> {
        self.module.url.as_ref().map(|u| u.raw.as_str())
    }

    /// The path as the page writes it, parameters unfilled
    /// (`/v2/payments/{id}`).
    pub fn path_template(&self) -> Option<&str> {
        self.module.url.as_ref()?.path.as_deref()
    }

    /// Whether the page's call sends a JSON body (it has a `Request` type).
    pub fn has_request_body(&self) -> bool {
        self.module.item(Side::Request.name()).is_some()
    }

    /// The request example, as the page shows it (repaired JSON).
    pub fn request_example(&self) -> Option<&str> {
        self.example(Side::Request)
    }

    /// The response example, as the page shows it (repaired JSON).
    pub fn response_example(&self) -> Option<&str> {
        self.example(Side::Response)
    }

    fn example(&self, side: Side) -> Option<&str> {
        self.module
            .examples
            .iter()
            .find(|e| e.side == side)
            .map(|e| e.json.as_str())
    }

    /// Whether a request header table of the page lists `name` (in any
    /// case): `X-SIGNATURE` marks a wallet (SNAP) call, `X-MERCHANT-SECRET`
    /// the Access Token call.
    pub fn documents_request_header(&self, name: &str) -> bool {
        self.module
            .params
            .iter()
            .filter(|t| t.kind == ParamKind::Header && t.side == Side::Request)
            .flat_map(|t| &t.rows)
            .any(|row| row.name.trim().eq_ignore_ascii_case(name))
    }

    /// Reads a whole request: its headers, query parameters and JSON body.
    ///
    /// - Every header the page marks mandatory (or lists in a `Key` /
    ///   `Value` table) must be there, in any case; a `Content-Type` the
    ///   page fixes (`application/json`) must be the one sent with a body.
    /// - Every mandatory query parameter must be there; an integer or
    ///   boolean one must read as one.
    /// - The body, as [`Page::read_body`], when the page's call has one. A
    ///   page without a `Request` type ignores any body.
    ///
    /// The documented constraints of headers and query parameters are
    /// checked on their values, as `Call::validate()` does.
    pub fn read(&self, parts: &Parts<'_>) -> Reading {
        let mut reader = Reader::new(&self.module);
        reader.headers(parts);
        reader.query(parts.query);
        let body = parts.body.filter(|b| !b.is_empty());
        if self.has_request_body() {
            match body {
                Some(body) => reader.body(body),
                None => reader.fail(Place::Body(String::new()), Problem::NoBody),
            }
        }
        reader.finish()
    }

    /// Reads `body` as the page's `Request`: serde's reading, then
    /// `validate()`. A page without a request body type accepts nothing.
    pub fn read_body(&self, body: &[u8]) -> Reading {
        let mut reader = Reader::new(&self.module);
        if self.has_request_body() {
            reader.body(body);
        } else {
            reader.fail(
                Place::Body(String::new()),
                Problem::Type {
                    expected: "no body: the page documents none".to_string(),
                    found: "a body".to_string(),
                },
            );
        }
        reader.finish()
    }

    /// The segments of the page's path after its leading `/`, as the
    /// generated `path()` fills them in; `None` for a page without a path
    /// (an object page, a callback).
    pub fn path_segments(&self) -> Option<Vec<Segment<'_>>> {
        Some(segments(self.path_template()?).collect())
    }

    /// The names of the page's request headers and query parameters that
    /// carry a credential (typed `SecretString`), which a log must not show.
    pub fn secret_params(&self) -> Vec<&str> {
        [self.module.headers(), self.module.query()]
            .into_iter()
            .flatten()
            .flat_map(|s| &s.fields)
            .filter(|f| f.ty == Ty::Secret)
            .map(|f| f.key.as_str())
            .collect()
    }

    /// Replaces, in a request body of the page, the value of every member
    /// typed `SecretString` with `"[REDACTED]"`, so that the body can be
    /// shown. Members the types do not know are left as they are.
    pub fn redact_request(&self, body: &mut serde_json::Value) {
        redact(&self.module, Side::Request, body);
    }

    /// The engine's model of the page, for the engine's own tests: not API.
    #[doc(hidden)]
    pub fn module(&self) -> &Module {
        &self.module
    }
}

fn redact(module: &Module, side: Side, body: &mut serde_json::Value) {
    fn walk(module: &Module, ty: &Ty, value: &mut serde_json::Value, depth: usize) {
        use serde_json::Value;
        if depth > MAX_DEPTH {
            return;
        }
        match (module.resolve(ty), value) {
            (Ty::Secret, value @ Value::String(_)) => {
                *value = Value::String("[REDACTED]".to_string());
            }
            (Ty::Option(inner) | Ty::Box(inner), value) => walk(module, inner, value, depth),
            (Ty::Vec(inner), Value::Array(items)) => {
                for item in items {
                    walk(module, inner, item, depth + 1);
                }
            }
            (Ty::Dict(inner), Value::Object(members)) => {
                for item in members.values_mut() {
                    walk(module, inner, item, depth + 1);
                }
            }
            (named @ (Ty::Named(_) | Ty::Linked(_)), Value::Object(members)) => {
                let Some(s) = module.struct_of(named) else {
                    return;
                };
                for field in &s.fields {
                    if let Some(member) = members.get_mut(&field.key) {
                        walk(module, &field.ty, member, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }
    walk(module, &Ty::Named(side.name().to_string()), body, 0);
}
