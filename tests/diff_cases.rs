//! `pivot diff` on page pairs made for the purpose. Each directory of
//! `tests/diff/` is one case: an old and a new version (two pages, `old.txt`
//! and `new.txt`, or two spec directories, `old/` and `new/`) and the expected
//! report, `expected.snap`. The directory's name gives the verdict the change
//! must get (`breaking_*`, `additive_*`, `unchanged_*`), so a report cannot be
//! accepted with the wrong one. A new case needs no new code.
//!
//! After a deliberate change to the reports: `cargo insta review`, or
//! `INSTA_UPDATE=always cargo test -p pivot-cli --test diff_cases`, then
//! read the diff of the `expected.snap` files.

use std::path::{Path, PathBuf};

use pivot_cli::{diff, pages};
use pivot_codegen::diff::{self as compare, Change, Impact};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/diff");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", root.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

fn name(case: &Path) -> String {
    case.file_name()
        .expect("case directory name")
        .to_string_lossy()
        .into_owned()
}

/// The case's changes; page pairs are read as module `widget` so that the
/// report does not name the files `old` and `new`.
fn run(case: &Path) -> Result<Vec<Change>, Vec<String>> {
    let (old, new) = (case.join("old.txt"), case.join("new.txt"));
    if old.is_file() {
        let read = |path: &Path, shown: &str| {
            let mut source =
                pivot_codegen::Source::read(path, shown).map_err(|d| vec![d.to_string()])?;
            source.stem = "widget".to_string();
            Ok::<_, Vec<String>>(source)
        };
        diff::sources(read(&old, "old.txt")?, &read(&new, "new.txt")?)
    } else {
        diff::directories(&case.join("old"), &case.join("new"))
    }
}

fn report(changes: &[Change]) -> String {
    let mut lines: Vec<String> = changes.iter().map(Change::to_string).collect();
    lines.push(compare::summary(changes));
    lines.join("\n")
}

/// What the case's name promises, checked against the report.
fn verdict_problem(name: &str, changes: &[Change]) -> Option<String> {
    let any = |impact| changes.iter().any(|c| c.impact == impact);
    let breaking = any(Impact::Breaking);
    let agrees = if name.starts_with("breaking_") {
        breaking
    } else if name.starts_with("additive_") {
        !breaking && any(Impact::Additive)
    } else if name.starts_with("docs_") {
        // The API is the same: only docs or examples changed.
        !changes.is_empty() && changes.iter().all(|c| c.impact == Impact::Docs)
    } else if name.starts_with("unchanged_") {
        changes.is_empty()
    } else {
        return Some(format!(
            "{name}: name the case breaking_*, additive_*, docs_* or unchanged_*"
        ));
    };
    (!agrees).then(|| format!("{name}: wrong verdict:\n{}", report(changes)))
}

#[test]
fn every_case_gets_the_verdict_its_name_promises() {
    let cases = cases();
    assert!(
        cases.len() >= 10,
        "tests/diff has only {} cases",
        cases.len()
    );
    let problems: Vec<String> = cases
        .iter()
        .filter_map(|case| match run(case) {
            Ok(changes) => verdict_problem(&name(case), &changes),
            Err(errors) => Some(format!("{}: {}", name(case), errors.join("\n"))),
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn every_case_reports_what_it_expects() {
    for case in cases() {
        let changes = run(&case).unwrap_or_else(|e| panic!("{}: {}", name(&case), e.join("\n")));
        insta::with_settings!({
            snapshot_path => case.clone(),
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => name(&case),
        }, {
            insta::assert_snapshot!("expected", report(&changes));
        });
    }
}

#[test]
fn a_page_with_errors_is_not_compared() {
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/diff/unchanged_same_page");
    let broken = pivot_codegen::Source {
        display_path: "broken.txt".to_string(),
        stem: "widget".to_string(),
        text: "Broken\nPOST\n[BASE_URL]/v1/x\nRequest\nRequest Body\n{\n\"a\": \n}\n".to_string(),
    };
    let good = pages::read(&case.join("new.txt")).expect("readable page");
    let errors = diff::sources(broken, &good).expect_err("a broken page must not be compared");
    assert!(
        errors.iter().all(|e| e.starts_with("broken.txt:")),
        "errors must name the broken page: {errors:?}"
    );
}

#[path = "support/required_dir.rs"]
mod required_dir;

/// The real API change between the reference page (as pinned in
/// `tests/pinned/`) and its later version; the README's example lines are
/// taken from this report, verbatim.
#[test]
#[ignore = "needs PIVOT_PAGES_DIR (a folder of pages); .ci/run sets it: PIVOT_PAGES_DIR=<dir> cargo test -p pivot-cli --test diff_cases -- --ignored"]
fn the_published_update_of_create_payment_session_is_breaking() {
    let dir = required_dir::required_dir(
        "PIVOT_PAGES_DIR",
        "documentation pages (*.txt), among them create_payment_session.txt",
        "cargo test -p pivot-cli --test diff_cases -- --ignored",
    );
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let old = workspace.join("tests/pinned/create_payment_session.txt");
    let new = dir.join("create_payment_session.txt");
    let changes = diff::page_pair(&old, &new).unwrap_or_else(|e| panic!("{}", e.join("\n")));
    let text = report(&changes);
    let expected = [
        "breaking: request.customer.sureName (create_payment_session::Customer::sure_name): key renamed to `surname`",
        "breaking: request.orderInformation.billingInfo.sureName (create_payment_session::BillingInfo::sure_name): key renamed to `surname`",
        "breaking: request.orderInformation.shippingInfo.sureName (create_payment_session::ShippingInfo::sure_name): key renamed to `surname`",
        "breaking: response.data.customer.sureName (create_payment_session::Customer::sure_name): key renamed to `surname`",
        "breaking: response.data.cancelledAt (create_payment_session::Data::cancelled_at): member removed",
        "breaking: response.data.chargeDetails (create_payment_session::Data::charge_details): type changed",
        "breaking: response.data.customer.storedPaymentMethods[] (create_payment_session::StoredPaymentMethod): type removed",
        "additive: request.paymentType (create_payment_session::Request::payment_type): new optional member",
        "additive: request.bypassStatusPage (create_payment_session::Request::bypass_status_page): new optional member",
        "additive: response.data.paymentType (create_payment_session::Data::payment_type): new member",
        "additive: response.data.bypassStatusPage (create_payment_session::Data::bypass_status_page): new member",
        "additive: request.paymentType (create_payment_session::PaymentType): new type",
        // Documented rows the new example leaves out are members all the same.
        "additive: request.saveForFutureUse (create_payment_session::Request::save_for_future_use): new optional member",
        "additive: request.expirationMode (create_payment_session::ExpirationMode): new type",
    ];
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|line| !text.lines().any(|l| l.starts_with(line)))
        .collect();
    assert!(
        missing.is_empty(),
        "not reported:\n{}\n\nreport:\n{text}",
        missing.join("\n")
    );
    assert!(
        !text.contains("surname (") && !text.contains(".surname"),
        "the renamed key must not also show as removed and added:\n{text}"
    );
    // The new page still documents them; only its example leaves them out.
    for kept in ["request.customerId ", "request.paymentMethod "] {
        assert!(
            !text
                .lines()
                .any(|l| l.contains(kept) && l.contains("member removed")),
            "{kept}reported as removed:\n{text}"
        );
    }
    assert!(
        changes.iter().any(|c| c.impact == Impact::Breaking),
        "the rename of sureName is breaking"
    );
    let readme = std::fs::read_to_string(workspace.join("README.md")).expect("README.md");
    let shown: Vec<&str> = readme
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("breaking: request.") || l.starts_with("additive: request."))
        .collect();
    assert!(shown.len() >= 3, "the README's diff example is missing");
    for line in shown {
        assert!(
            text.lines().any(|l| l == line),
            "the README shows a line `pivot diff` does not print: {line}\n\nreport:\n{text}"
        );
    }
}

/// A scratch copy of the pages of `dir`, each repaired as `pivot fix` would
/// (7 of the real pages need it), with `replace` (a file name and a page)
/// written over its namesake.
fn repaired_copy(dir: &Path, into: &Path, replace: Option<(&str, &Path)>) {
    let _ = std::fs::remove_dir_all(into);
    std::fs::create_dir_all(into).expect("scratch folder");
    let (sources, problems) = pivot_codegen::read_pages(dir, "pages").expect("pages");
    assert!(problems.is_empty(), "{problems:?}");
    for source in sources {
        let name = format!("{}.txt", source.stem);
        let text = match replace {
            Some((file, page)) if file == name => std::fs::read_to_string(page).expect("page"),
            _ => pivot_codegen::fix::repair(&source).text,
        };
        std::fs::write(into.join(name), text).expect("write a page");
    }
}

/// The same change seen by a team that keeps the whole API in `spec/`: it
/// breaks the updated page, and no other page's types.
#[test]
#[ignore = "needs PIVOT_PAGES_DIR (a folder of pages); .ci/run sets it: PIVOT_PAGES_DIR=<dir> cargo test -p pivot-cli --test diff_cases -- --ignored"]
fn in_the_whole_api_the_update_breaks_only_its_own_page() {
    let dir = required_dir::required_dir(
        "PIVOT_PAGES_DIR",
        "documentation pages (*.txt), among them create_payment_session.txt",
        "cargo test -p pivot-cli --test diff_cases -- --ignored",
    );
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("whole_api_diff");
    let (old, new) = (scratch.join("old"), scratch.join("new"));
    let reference = workspace.join("tests/pinned/create_payment_session.txt");
    repaired_copy(&dir, &old, Some(("create_payment_session.txt", &reference)));
    repaired_copy(&dir, &new, None);
    let changes = diff::directories(&old, &new).unwrap_or_else(|e| panic!("{}", e.join("\n")));
    let text = report(&changes);
    for renamed in [
        "breaking: request.customer.sureName (create_payment_session::Customer::sure_name): key renamed to `surname`",
        "breaking: response.data.customer.sureName (create_payment_session::Customer::sure_name): key renamed to `surname`",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(renamed)),
            "not reported: {renamed}\n\n{text}"
        );
    }
    let elsewhere: Vec<&str> = text
        .lines()
        .filter(|l| {
            !l.contains("(create_payment_session::") && !l.contains("(create_payment_session)")
        })
        .filter(|l| l.starts_with("breaking") || l.starts_with("additive"))
        .collect();
    assert!(
        elsewhere.is_empty(),
        "other pages changed:\n{}",
        elsewhere.join("\n")
    );
}
