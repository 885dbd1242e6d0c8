//! The stages run in order: a page's text to a [`Module`] and its
//! diagnostics, a set of pages to their models' tokens.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use crate::diag::{self, Diagnostic, Pos, Severity};
use crate::emit::{self, Options};
use crate::model::Module;
use crate::source::Source;
use crate::{check, infer, naming, parse, share};

/// One page after analysis: its module (a best effort when there were errors)
/// and everything found wrong with it.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The generated API (a best effort when there are errors).
    pub module: Module,
    /// Every problem found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The line the page's response section starts on: a position before
    /// it is in the request, one from it on in the response.
    response_from: Option<u32>,
}

impl Analysis {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Parses and types one page.
pub fn analyze(source: &Source) -> Analysis {
    let mut analysis = analyze_as(source, &naming::module_ident(&source.stem));
    add_contract_notes(&mut analysis);
    analysis
}

/// What of the page is contract and what is guessed, on its final types.
fn add_contract_notes(analysis: &mut Analysis) {
    let mut cx = diag::Ctxt::new(analysis.module.file.clone());
    check::contract(&analysis.module, analysis.response_from, &mut cx);
    analysis.diagnostics.extend(cx.finish());
    analysis.diagnostics.sort();
}

fn analyze_as(source: &Source, module_ident: &str) -> Analysis {
    let mut cx = diag::Ctxt::new(source.display_path.clone());
    let page = parse::page::parse(&source.text, &mut cx);
    if page.request.is_none() && page.response.is_none() && !cx.has_errors() {
        cx.error(
            Pos::new(1, 1),
            "no `Request Body` or `Response Body` section: expected at least one example body or field table",
        );
    }
    let module = infer::infer(&page, module_ident, &source.display_path);
    let response_from = page.response.as_ref().map(|body| body.pos.line);
    check::lints(&module, response_from, &mut cx);
    Analysis {
        module,
        diagnostics: cx.finish(),
        response_from,
    }
}

/// Everything generated from a set of pages.
#[derive(Debug, Clone)]
pub struct Generated {
    /// One analysis per page, in page order.
    pub analyses: Vec<Analysis>,
    /// Problems that belong to no single page (two pages claiming one
    /// module), or to how pages share types (a link that cannot be applied).
    pub diagnostics: Vec<Diagnostic>,
    /// The types several pages share (`None` when nothing is shared); each
    /// page module re-exports those it uses.
    pub shared: Option<Shared>,
}

/// The types several pages share.
#[derive(Debug, Clone)]
pub struct Shared {
    /// The `shared` module's items.
    pub module: Module,
    /// The object pages' types, re-exported at the crate root as well
    /// (`pivot_models::PaymentSession`).
    pub objects: Vec<String>,
}

impl Generated {
    /// Every diagnostic, in page order.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .chain(self.analyses.iter().flat_map(|a| &a.diagnostics))
    }

    /// The errors among [`Generated::diagnostics`].
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics().filter(|d| d.severity == Severity::Error)
    }

    /// The models with the default [`Options`].
    pub fn tokens(&self) -> TokenStream {
        self.tokens_with(&Options::default())
    }

    /// The models: one module per page, the items every crate holds once,
    /// then the crate-wide example table.
    pub fn tokens_with(&self, options: &Options) -> TokenStream {
        let modules: Vec<&Module> = self.analyses.iter().map(|a| &a.module).collect();
        let shared = self
            .shared
            .as_ref()
            .map(|s| (&s.module, s.objects.as_slice()));
        emit::crate_tokens(shared, &modules, options)
    }
}

/// Generates the models of `sources`, which must be in a deterministic order
/// (the macro sorts by file name).
pub fn generate(sources: &[Source]) -> Generated {
    let mut claimed: BTreeMap<String, &str> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let mut analyses = Vec::new();
    for source in sources {
        let ident = naming::module_ident(&source.stem);
        if let Some(first) = claimed.get(&ident) {
            diagnostics.push(Diagnostic::new(
                source.display_path.clone(),
                Pos::new(1, 1),
                Severity::Error,
                format!(
                    "this page would be module `{ident}`, which `{first}` already is: rename one of the files"
                ),
            ));
            continue;
        }
        if ident == share::SHARED_MODULE {
            diagnostics.push(Diagnostic::new(
                source.display_path.clone(),
                Pos::new(1, 1),
                Severity::Error,
                format!("`{ident}` is the module of the types pages share: rename the file"),
            ));
            continue;
        }
        claimed.insert(ident.clone(), &source.display_path);
        analyses.push(analyze_as(source, &ident));
    }
    let mut modules: Vec<Module> = analyses.iter().map(|a| a.module.clone()).collect();
    let shared = share::share(&mut modules, &mut diagnostics)
        .map(|(module, objects)| Shared { module, objects });
    for (analysis, module) in analyses.iter_mut().zip(modules) {
        analysis.module = module;
        add_contract_notes(analysis);
    }
    diagnostics.sort();
    Generated {
        analyses,
        diagnostics,
        shared,
    }
}
