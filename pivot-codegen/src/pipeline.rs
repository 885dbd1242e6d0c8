//! The stages run in order: each page's text to a [`Module`] of its own
//! types, the links to object pages (which also read the constraints of the
//! final types), then what `pivot check` says; a set of pages to their
//! models' tokens.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use crate::diag::{self, Diagnostic, Pos, Severity};
use crate::emit::{self, Options};
use crate::model::Module;
use crate::source::Source;
use crate::{check, infer, link, naming, parse};

/// One page after analysis: its module (a best effort when there were errors)
/// and everything found wrong with it.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The generated API (a best effort when there are errors): the
    /// engine's own model, which its tests look into.
    #[doc(hidden)]
    pub module: Module,
    /// Every problem found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    /// The page's module name (`create_payment_session`).
    pub fn name(&self) -> &str {
        &self.module.ident
    }

    /// The page's file, as messages name it.
    pub fn file(&self) -> &str {
        &self.module.file
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Parses and types one page on its own: an object page's type is its
/// own, and links lead nowhere.
pub fn analyze(source: &Source) -> Analysis {
    let mut generated = generate(std::slice::from_ref(source));
    let mut analysis = generated.analyses.pop().unwrap_or_else(|| Analysis {
        module: Module::empty(&naming::module_ident(&source.stem)),
        diagnostics: Vec::new(),
    });
    analysis.diagnostics.append(&mut generated.diagnostics);
    analysis.diagnostics.sort();
    analysis
}

/// Everything generated from a set of pages.
#[derive(Debug, Clone)]
pub struct Generated {
    /// One analysis per page, in page order.
    pub analyses: Vec<Analysis>,
    /// Problems that belong to no single page's text (two pages claiming
    /// one module).
    pub diagnostics: Vec<Diagnostic>,
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

    /// The models: one module per page, the object pages' types at the
    /// root, the items every crate holds once, then the crate-wide example
    /// table.
    pub fn tokens_with(&self, options: &Options) -> TokenStream {
        let modules: Vec<&Module> = self.analyses.iter().map(|a| &a.module).collect();
        emit::crate_tokens(&modules, options)
    }
}

/// Generates the models of `sources`, which must be in a deterministic order
/// (the macro sorts by file name).
pub fn generate(sources: &[Source]) -> Generated {
    let mut claimed: BTreeMap<String, &str> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let mut modules = Vec::new();
    let mut cxs = Vec::new();
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
        claimed.insert(ident.clone(), &source.display_path);
        let mut cx = diag::Ctxt::new(source.display_path.clone());
        modules.push(read(source, &ident, &mut cx));
        cxs.push(cx);
    }
    link::link(&mut modules, &mut cxs);
    let analyses = modules
        .into_iter()
        .zip(cxs)
        .map(|(module, mut cx)| {
            check::lints(&module, &mut cx);
            check::contract(&module, &mut cx);
            Analysis {
                module,
                diagnostics: cx.finish(),
            }
        })
        .collect();
    diagnostics.sort();
    Generated {
        analyses,
        diagnostics,
    }
}

/// A page's text into its own types, before any link.
fn read(source: &Source, module_ident: &str, cx: &mut diag::Ctxt) -> Module {
    let page = parse::page::parse(&source.text, cx);
    if page.request.is_none() && page.response.is_none() && !cx.has_errors() {
        cx.error(
            Pos::new(1, 1),
            "no `Request Body` or `Response Body` section: expected at least one example body or field table",
        );
    }
    infer::infer(&page, module_ident, &source.display_path)
}
