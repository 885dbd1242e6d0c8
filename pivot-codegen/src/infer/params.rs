//! The parts of a call that are not the JSON body: the query parameters, the
//! request headers and, for a page with a Pivot URL, the call itself.
//!
//! Each becomes a plain struct of the module (origin `query`, `headers`,
//! `call`), so docs, enums, `validate()` and the builders come from the same
//! code as the bodies' types; the emit stage adds the query string, the
//! header pairs and the `Endpoint` impl on top.
//!
//! Presence: a row marked mandatory is a required field; optional,
//! conditional or unmarked rows are `Option`s. A query parameter the URL line
//! shows (`?startDate={startDate}`) is sent on every call the page
//! describes, so one that no table documents is required.
//!
//! A header or query parameter that carries a credential (`X-MERCHANT-SECRET`,
//! `Authorization`, `X-SIGNATURE`; the rule of [`super::secrets`]) is a
//! `Secret`, like a body's member.

use super::names::variants;
use super::secrets;
use crate::model::{
    Enum, Field, FieldDoc, Item, Module, Origin, ParamKind, Presence, Row, Side, Struct, Ty,
    fixed_header_value,
};
use crate::naming::{self, Names};
use crate::parse::describe;
use crate::parse::page::Page;
use crate::parse::table::DocType;

/// Adds `Query`, `Headers` and `Call` to `module` where the page has them.
pub fn apply(page: &Page, module: &mut Module) {
    let mut types = Names::new();
    for item in &module.items {
        types.reserve(item.name());
    }
    let mut enums = Vec::new();
    let query = query_struct(page, &mut types, &mut enums);
    let headers = headers_struct(page, &mut types);
    let is_endpoint = page.method.is_some() && page.url.as_ref().is_some_and(|u| u.path.is_some());
    let mut call_fields = Vec::new();
    if is_endpoint {
        let mut names = Names::new();
        for param in page.url.iter().flat_map(|u| &u.path_params) {
            call_fields.push(Field {
                ident: names.claim(&naming::field_ident(param)),
                key: param.clone(),
                ty: Ty::String,
                optional: false,
                boxed: false,
                doc: FieldDoc {
                    row: path_row(page, param),
                    ..FieldDoc::default()
                },
            });
        }
        let part = |ident: &str, s: &Struct, names: &mut Names| Field {
            ident: names.claim(ident),
            key: ident.to_string(),
            ty: Ty::Named(s.name.clone()),
            // A part with nothing required in it may be left out.
            optional: s.all_optional(),
            boxed: false,
            doc: FieldDoc::default(),
        };
        if let Some(q) = &query {
            call_fields.push(part("query", q, &mut names));
        }
        if let Some(h) = &headers {
            call_fields.push(part("headers", h, &mut names));
        }
        if module.item(Side::Request.name()).is_some() {
            call_fields.push(Field {
                ident: names.claim("body"),
                key: "body".to_string(),
                ty: Ty::Named(Side::Request.name().to_string()),
                optional: false,
                boxed: false,
                doc: FieldDoc::default(),
            });
        }
    }
    if let Some(q) = query {
        module.items.push(Item::Struct(q));
    }
    if let Some(h) = headers {
        module.items.push(Item::Struct(h));
    }
    module.items.extend(enums.into_iter().map(Item::Enum));
    if is_endpoint {
        module.items.push(Item::Struct(Struct {
            at_least_one: Vec::new(),
            name: types.claim("Call"),
            origins: vec![Origin::Call],
            fields: call_fields,
        }));
    }
}

fn tables(page: &Page, kind: ParamKind) -> impl Iterator<Item = &Row> {
    page.params
        .iter()
        .filter(move |t| t.kind == kind && t.side == Side::Request)
        .flat_map(|t| &t.rows)
}

fn path_row(page: &Page, param: &str) -> Option<Row> {
    tables(page, ParamKind::Path)
        .find(|r| r.name.eq_ignore_ascii_case(param))
        .cloned()
}

/// The query struct; the enums its parameters' documented values make go to `enums`.
fn query_struct(page: &Page, types: &mut Names, enums: &mut Vec<Enum>) -> Option<Struct> {
    let mut rows: Vec<Row> = Vec::new();
    for row in tables(page, ParamKind::Query) {
        if !rows.iter().any(|r| r.name == row.name) {
            rows.push(row.clone());
        }
    }
    let from_url: Vec<&String> = page
        .url
        .iter()
        .flat_map(|u| &u.query_params)
        .filter(|name| !rows.iter().any(|r| &r.name == *name))
        .collect();
    if rows.is_empty() && from_url.is_empty() {
        return None;
    }
    let mut fields = Vec::new();
    let mut names = Names::new();
    for row in &rows {
        let mut ty = match row.doc_type() {
            Some(DocType::Integer) => Ty::I64,
            Some(DocType::Boolean) => Ty::Bool,
            _ => Ty::String,
        };
        let values = describe::enum_values(&row.description);
        if ty == Ty::String && !values.is_empty() {
            let name = types.claim(&naming::type_ident(&row.name));
            enums.push(Enum {
                name: name.clone(),
                origins: vec![Origin::QueryParam(row.name.clone())],
                variants: variants(&values),
            });
            ty = Ty::Named(name);
        }
        if ty == Ty::String && secrets::classify(&row.name, &row.description).is_some() {
            ty = Ty::Secret;
        }
        fields.push(Field {
            ident: names.claim(&naming::field_ident(&row.name)),
            key: row.name.clone(),
            ty,
            optional: row.presence != Some(Presence::Mandatory),
            boxed: false,
            doc: FieldDoc {
                row: Some(row.clone()),
                default: describe::default_value(&row.description),
                ..FieldDoc::default()
            },
        });
    }
    for name in from_url {
        fields.push(Field {
            ident: names.claim(&naming::field_ident(name)),
            key: name.clone(),
            ty: Ty::String,
            optional: false,
            boxed: false,
            doc: FieldDoc {
                note: Some("shown in the URL line; no table documents it".to_string()),
                ..FieldDoc::default()
            },
        });
    }
    Some(Struct {
        at_least_one: Vec::new(),
        name: types.claim("Query"),
        origins: vec![Origin::Query],
        fields,
    })
}

fn headers_struct(page: &Page, types: &mut Names) -> Option<Struct> {
    let rows: Vec<&Row> = tables(page, ParamKind::Header).collect();
    if rows.is_empty() {
        return None;
    }
    let mut names = Names::new();
    let mut fields: Vec<Field> = Vec::new();
    for row in rows {
        let seen = fields.iter().any(|f| f.key.eq_ignore_ascii_case(&row.name));
        if seen || fixed_header_value(row).is_some() {
            continue;
        }
        let ty = match secrets::classify(&row.name, &row.description) {
            Some(_) => Ty::Secret,
            None => Ty::String,
        };
        fields.push(Field {
            ident: names.claim(&naming::field_ident(&row.name)),
            key: row.name.clone(),
            ty,
            optional: row.presence != Some(Presence::Mandatory)
                // A `Key` / `Value` table has no presence column: every
                // header it lists is sent.
                && row.presence_text.is_some(),
            boxed: false,
            doc: FieldDoc {
                row: Some(row.clone()),
                ..FieldDoc::default()
            },
        });
    }
    Some(Struct {
        at_least_one: Vec::new(),
        name: types.claim("Headers"),
        origins: vec![Origin::Headers],
        fields,
    })
}
