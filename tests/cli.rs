//! The `pivot` binary as a user and a CI job meet it: what it prints where,
//! and the exit codes a pull-request gate relies on.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "support/required_dir.rs"]
mod required_dir;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn pivot(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pivot"))
        .args(args)
        .current_dir(workspace())
        .output()
        .expect("the pivot binary runs")
}

/// The reference page as these tests were written against it: `spec/` holds
/// the page as the API is now, which an update changes.
const REFERENCE: &str = "tests/pinned/create_payment_session.txt";

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scratch directory of this test process, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("pivot-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch directory");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The reference page with line 9 (`"amount": {`) missing its colon.
fn broken_reference_page(scratch: &Scratch) -> PathBuf {
    let text = std::fs::read_to_string(workspace().join(REFERENCE)).expect("reference page");
    let mut lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(lines[8], "\"amount\": {", "the reference page changed");
    lines[8] = "\"amount\" {";
    let path = scratch.0.join("create_payment_session.txt");
    std::fs::write(&path, lines.join("\n")).expect("write the broken page");
    path
}

#[test]
fn check_finds_nothing_wrong_with_the_reference_page() {
    // What needs action, and nothing else: the page has only notes, so the
    // summary alone, counting them.
    let out = pivot(&["check", REFERENCE]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let summary = stderr(&out);
    let count: usize = summary
        .strip_prefix("checked 1 page: 0 errors, 0 warnings, ")
        .and_then(|rest| rest.strip_suffix(" notes (`--notes` lists them)\n"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not the summary alone: {summary}"));

    // `--notes` lists them: the members only the example shows, one line
    // each, then the same count.
    let out = pivot(&["check", "--notes", REFERENCE]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed = stderr(&out);
    let (notes, summary) = printed.trim_end().rsplit_once('\n').expect("lines");
    assert!(notes.lines().all(|l| l.contains(": note: ")), "{printed}");
    assert_eq!(notes.lines().count(), count, "{printed}");
    assert_eq!(
        summary,
        format!("checked 1 page: 0 errors, 0 warnings, {count} notes")
    );
    assert!(
        notes.contains(&format!(
            "{REFERENCE}:9:1: note: request.amount (`Request::amount`, `Option<Amount>`) is documented nowhere"
        )),
        "{printed}"
    );
    // The response's customer is the request's type; its line is the response's.
    assert!(
        notes.contains(&format!(
            "{REFERENCE}:217:1: note: response.data.customer.storedPaymentMethods (`Customer::stored_payment_methods`"
        )),
        "{printed}"
    );
    assert!(
        !notes.contains("request.clientReferenceId"),
        "a documented member is contract: {printed}"
    );
}

#[test]
fn check_notes_every_field_classified_as_a_secret() {
    let out = pivot(&["check", "--notes", REFERENCE]);
    // A note is for the reviewer: it does not fail the check.
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed = stderr(&out);
    let secrets: Vec<&str> = printed
        .lines()
        .filter(|l| l.contains(": note: secret: "))
        .collect();
    assert_eq!(
        secrets,
        [
            format!(
                "{REFERENCE}:172:1: note: secret: \
                 response.data.paymentUrl (`Data::payment_url`, `Option<SecretString>`): \
                 the example URL carries a credential in its query; `Debug` hides it"
            ),
            format!(
                "{REFERENCE}:219:1: note: secret: \
                 response.data.customer.storedPaymentMethods[].token \
                 (`StoredPaymentMethod::token`, `Option<SecretString>`): \
                 the key names a credential; `Debug` hides it"
            )
        ],
        "{printed}"
    );

    // JSON lists every note, without being asked.
    let json = pivot(&["check", "--format", "json", REFERENCE]);
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let list: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON output");
    let secret = list
        .as_array()
        .expect("a list")
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("secret: "))
        })
        .expect("the secret's note");
    assert_eq!(secret["severity"], "note", "{list}");
    assert_eq!(secret["line"], 172, "{list}");

    // Headers are classified by the same rule.
    let out = pivot(&["check", "--notes", "tests/endpoint/token.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed = stderr(&out);
    assert!(
        printed.contains(
            "tests/endpoint/token.txt:11:1: note: secret: headers.X-MERCHANT-SECRET \
             (`Headers::x_merchant_secret`, `SecretString`)"
        ),
        "{printed}"
    );
    assert!(!printed.contains("X-MERCHANT-ID ("), "{printed}");
}

#[test]
fn check_names_the_line_and_column_of_a_broken_page() {
    let scratch = Scratch::new("check");
    let page = broken_reference_page(&scratch);
    let page = page.to_string_lossy();
    let out = pivot(&["check", &page]);
    assert_eq!(out.status.code(), Some(1));
    let printed = stderr(&out);
    let first = printed
        .lines()
        .find(|l| !l.contains(": note: "))
        .unwrap_or_default()
        .to_string();
    assert!(
        first.starts_with(&format!("{page}:9:10: ")),
        "expected the error at 9:10, got: {first}"
    );
    assert_eq!(stdout(&out), "", "text diagnostics go to stderr");
}

#[test]
fn check_json_carries_the_same_positions() {
    let scratch = Scratch::new("check-json");
    let page = broken_reference_page(&scratch);
    let out = pivot(&["check", "--format", "json", &page.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    let errors = |list: &serde_json::Value| -> Vec<serde_json::Value> {
        let all = list.as_array().expect("a list").iter();
        all.filter(|d| d["severity"] == "error").cloned().collect()
    };
    let first = &errors(&list)[0];
    assert_eq!(first["line"], 9);
    assert_eq!(first["column"], 10);
    assert_eq!(first["severity"], "error");
    assert_eq!(first["file"], page.to_string_lossy().as_ref());
    assert_eq!(
        first["repair"],
        serde_json::json!([]),
        "a missing colon has no known repair"
    );

    let damaged = damaged_page(&scratch);
    let out = pivot(&["check", "--format", "json", &damaged.to_string_lossy()]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    assert_eq!(
        errors(&list)[0]["repair"],
        serde_json::json!([
            {"line": 8, "column": 1, "remove": "\u{201C}", "insert": "\""},
            {"line": 8, "column": 8, "remove": "\u{201D}", "insert": "\""},
        ])
    );
}

#[test]
fn check_notes_table_rows_no_example_shows() {
    let scratch = Scratch::new("check-row");
    let text = std::fs::read_to_string(workspace().join(REFERENCE)).expect("reference page");
    let extra = text.replace(
        "metadata\nObject\nO\n",
        "giftWrap\nBoolean\nO\nWrap it\nmetadata\nObject\nO\n",
    );
    let page = scratch.0.join("page.txt");
    std::fs::write(&page, extra).expect("write page");
    let out = pivot(&["check", "--notes", &page.to_string_lossy()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings do not fail: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains(
            "note: request.giftWrap (`Request::gift_wrap`, `Option<bool>`) is documented, but no example shows it"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_on_a_missing_path_is_a_usage_error() {
    let out = pivot(&["check", "no/such/page.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn diff_exit_codes_gate_a_pull_request() {
    let case = |name: &str| format!("tests/diff/{name}");
    let additive = case("additive_new_response_member");
    let out = pivot(&[
        "diff",
        &format!("{additive}/old.txt"),
        &format!("{additive}/new.txt"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let breaking = case("breaking_member_removed");
    let out = pivot(&[
        "diff",
        &format!("{breaking}/old.txt"),
        &format!("{breaking}/new.txt"),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).starts_with("breaking: response.data.createdAt (new::Data::created_at)"));
    let dirs = case("breaking_page_removed");
    let out = pivot(&["diff", &format!("{dirs}/old"), &format!("{dirs}/new")]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let out = pivot(&["diff", &format!("{additive}/old.txt"), "no/such/page.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let out = pivot(&[
        "diff",
        &format!("{dirs}/old"),
        &format!("{additive}/new.txt"),
    ]);
    assert_eq!(out.status.code(), Some(2), "a page against a directory");
}

#[test]
fn diff_of_a_broken_page_is_an_error_naming_it() {
    let scratch = Scratch::new("diff");
    let page = broken_reference_page(&scratch);
    let out = pivot(&["diff", REFERENCE, &page.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with(&format!("{}:9:10: ", page.to_string_lossy())));
}

#[test]
fn progress_stays_out_of_piped_output() {
    let out = pivot(&["check", "tests/diff/breaking_page_removed/old"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains('\r'), "{:?}", stderr(&out));
}

#[test]
fn show_prints_the_module_of_each_page() {
    let out = pivot(&["show", REFERENCE]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("pub mod create_payment_session {"));
    // The page has notes (see check), but nothing wrong: show is quiet.
    assert_eq!(stderr(&out), "");
}

#[test]
fn unknown_commands_print_the_usage() {
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["show"][..],
        &["diff", "a"][..],
        &["check", "--format", "xml", "spec"][..],
        &["fix"][..],
    ] {
        let out = pivot(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        // clap's usage line, or its pointer to `--help`.
        assert!(
            err.contains("Usage") || err.contains("--help"),
            "{args:?}: {err}"
        );
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
    let out = pivot(&["frobnicate"]);
    assert!(stderr(&out).starts_with("error: "), "{}", stderr(&out));
}

#[test]
fn every_subcommand_has_help_and_version() {
    let version = format!("pivot {}\n", env!("CARGO_PKG_VERSION"));
    for sub in ["show", "check", "fix", "diff", "mock"] {
        let out = pivot(&[sub, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{sub} --help");
        let help = stdout(&out);
        assert!(
            help.contains(&format!("Usage: pivot {sub}")),
            "{sub}: {help}"
        );
        assert!(help.contains("Exit status: 0"), "{sub}: {help}");
        assert!(stderr(&out).is_empty(), "{sub}");

        let out = pivot(&[sub, "--version"]);
        assert_eq!(out.status.code(), Some(0), "{sub} --version");
        assert_eq!(
            stdout(&out),
            format!("pivot-{sub} {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
    let out = pivot(&["--version"]);
    assert_eq!(stdout(&out), version);
    let out = pivot(&["--help"]);
    for sub in ["show", "check", "fix", "diff", "mock"] {
        assert!(stdout(&out).contains(sub), "{}", stdout(&out));
    }
}

#[test]
fn a_missing_page_is_an_error_labelled_as_one() {
    let out = pivot(&["show", "no/such/page.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: no/such/page.txt: no such file or directory\n"
    );
}

#[test]
fn show_prints_the_models_and_all_of_it_with_all() {
    let page = REFERENCE;
    let models = pivot(&["show", page]);
    let all = pivot(&["show", "--all", page]);
    let no_builders = pivot(&["show", "--no-builders", page]);
    for out in [&models, &all, &no_builders] {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    }
    let (models, all, no_builders) = (stdout(&models), stdout(&all), stdout(&no_builders));
    let support = "pub use ::pivot_runtime::{\n    CallbackError, Callbacks, Endpoint, Rule, SecretString, ValidationErrors, Violation,\n};";
    // For reading: the types and their checks, nothing else.
    assert!(models.contains("pub struct Amount {"));
    assert!(
        models.contains("fn validate("),
        "validation is part of the models"
    );
    assert!(!models.contains("Builder"), "builders in the default view");
    assert!(
        !models.contains(support),
        "crate-wide items in the default view"
    );
    // Everything the macro emits.
    assert!(all.contains("pub struct AmountBuilder"));
    assert!(all.contains(support));
    assert!(all.contains("pub struct Amount {"));
    // Everything but the builders.
    assert!(
        !no_builders.contains("Builder"),
        "builders left in --no-builders output"
    );
    assert!(no_builders.contains(support));
    assert!(pivot(&["show", "--no-builders"]).status.code() == Some(2));
    assert!(pivot(&["show", "--everything", page]).status.code() == Some(2));
}

#[test]
fn show_prints_the_builders_of_response_types_only_when_asked() {
    let page = REFERENCE;
    let all = pivot(&["show", "--all", page]);
    let responses = pivot(&["show", "--response-builders", page]);
    for out in [&all, &responses] {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    }
    let (all, responses) = (stdout(&all), stdout(&responses));
    // The request's types are sent; the stored payment method only comes back.
    for shown in [&all, &responses] {
        assert!(shown.contains("pub struct RequestBuilder"));
        assert!(shown.contains("pub struct AmountBuilder"));
    }
    assert!(!all.contains("StoredPaymentMethodBuilder"));
    assert!(!all.contains("pub struct ResponseBuilder"));
    assert!(responses.contains("pub struct StoredPaymentMethodBuilder"));
    assert!(responses.contains("pub struct ResponseBuilder"));
    // Everything the macro emits with that feature, crate-wide items too.
    assert!(responses.contains("pub mod __fields"));
    let both = pivot(&["show", "--no-builders", "--response-builders", page]);
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
}

/// A copy of a page with a typographic quote, a missing comma and a note
/// after a value, in `scratch`.
fn damaged_page(scratch: &Scratch) -> PathBuf {
    let text = std::fs::read_to_string(workspace().join("tests/ui/pages/json_error/refund.txt"))
        .expect("damaged page");
    let text = text.replace(
        "\"currency\": \"IDR\"",
        "\"currency\": \"IDR\" \u{2192} for now",
    );
    let path = scratch.0.join("refund.txt");
    std::fs::write(&path, text).expect("write the damaged page");
    path
}

#[test]
fn check_ends_a_repairable_error_with_the_command() {
    let scratch = Scratch::new("check-fixable");
    let page = damaged_page(&scratch);
    let page = page.to_string_lossy();
    let out = pivot(&["check", &page]);
    assert_eq!(out.status.code(), Some(1));
    let printed = stderr(&out);
    let errors: Vec<&str> = printed
        .lines()
        .filter(|l| !l.contains("warning:") && !l.contains("note:") && !l.starts_with("checked "))
        .collect();
    assert_eq!(
        printed.lines().last(),
        Some("checked 1 page: 3 errors, 0 warnings, 5 notes (`--notes` lists them)")
    );
    // Run by cargo (as `cargo run -p pivot-cli -- check` would be), the
    // hint is the same cargo command.
    let fix = format!("; `cargo run -p pivot-cli -- fix {page}` repairs it");
    assert_eq!(
        errors,
        [
            format!(
                "{page}:8:1: error: invalid JSON: expected `\"`, found typographic quote `\u{201C}` (U+201C){fix}"
            ),
            // Where the comma belongs, not where the next member starts.
            format!(
                "{page}:10:15: error: invalid JSON: expected `,` between object members (the next one starts on line 11){fix}"
            ),
            format!(
                "{page}:11:19: error: invalid JSON: expected `,` or `}}` after an object member, found `\u{2192}`, a note pasted after the value{fix}"
            ),
        ]
    );
}

#[test]
fn the_repair_hint_runs_as_printed() {
    let scratch = Scratch::new("check-hint");
    let page = damaged_page(&scratch);
    let page = page.to_string_lossy();
    // Run as an installed program: no `cargo run` around it.
    let out = Command::new(env!("CARGO_BIN_EXE_pivot"))
        .args(["check", &page])
        .current_dir(workspace())
        .env_remove("CARGO")
        .env_remove("CARGO_PKG_NAME")
        .output()
        .expect("the pivot binary runs");
    assert_eq!(out.status.code(), Some(1));
    let printed = stderr(&out);
    let hint = printed
        .lines()
        .find_map(|l| l.strip_suffix("` repairs it"))
        .and_then(|l| l.rsplit_once("; `"))
        .map(|(_, command)| command.to_string())
        .unwrap_or_else(|| panic!("no repair hint: {printed}"));
    assert_eq!(hint, format!("{} fix {page}", env!("CARGO_BIN_EXE_pivot")));
    let ran = Command::new("sh")
        .args(["-c", &hint])
        .current_dir(workspace())
        .output()
        .expect("sh runs");
    assert_eq!(ran.status.code(), Some(0), "{}", stderr(&ran));
    let check = pivot(&["check", &page]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn fix_repairs_known_damage_in_place_once() {
    let scratch = Scratch::new("fix");
    let page = damaged_page(&scratch);
    let before = std::fs::read_to_string(&page).expect("page");
    let shown = page.to_string_lossy();

    let out = pivot(&["fix", "--check", &shown]);
    assert_eq!(out.status.code(), Some(1), "--check reports work to do");
    assert_eq!(
        std::fs::read_to_string(&page).expect("page"),
        before,
        "--check writes nothing"
    );
    assert!(
        stdout(&out).contains(&format!("{shown}:10:15: would insert `,`")),
        "{}",
        stdout(&out)
    );

    let out = pivot(&["fix", &shown]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().collect::<Vec<_>>(),
        [
            format!("{shown}:8:1: replace `\u{201C}` with `\"`"),
            format!("{shown}:8:8: replace `\u{201D}` with `\"`"),
            format!("{shown}:10:15: insert `,`"),
            format!("{shown}:11:19: replace `\u{2192}` with `//`"),
        ]
    );
    let after = std::fs::read_to_string(&page).expect("page");
    assert!(
        after.contains("\"reason\": \"customer asked\",\n\"amount\""),
        "{after}"
    );
    assert!(
        after.contains("\"value\": 10000,\n\"currency\": \"IDR\" // for now\n"),
        "{after}"
    );
    let check = pivot(&["check", &shown]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    let again = pivot(&["fix", "--check", &shown]);
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
    assert_eq!(stdout(&again), "");
    assert_eq!(std::fs::read_to_string(&page).expect("page"), after);
}

#[test]
fn fix_never_touches_a_page_that_parses() {
    let scratch = Scratch::new("fix-valid");
    let text = std::fs::read_to_string(workspace().join(REFERENCE)).expect("reference page");
    let page = scratch.0.join("page.txt");
    std::fs::write(&page, &text).expect("write page");
    let out = pivot(&["fix", &page.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(std::fs::read_to_string(&page).expect("page"), text);
}

#[test]
fn fix_fails_on_damage_it_cannot_repair() {
    let scratch = Scratch::new("fix-broken");
    let page = broken_reference_page(&scratch);
    let out = pivot(&["fix", &page.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(":9:10: "), "{}", stderr(&out));
}

#[test]
fn diff_lists_docs_changes_only_when_asked() {
    let case = "tests/diff/docs_only_description";
    let (old, new) = (format!("{case}/old.txt"), format!("{case}/new.txt"));
    let out = pivot(&["diff", &old, &new]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "no API changes; 1 docs or example changes\n");
    let out = pivot(&["diff", "--docs", &old, &new]);
    assert_eq!(out.status.code(), Some(0), "docs never fail the gate");
    assert!(
        stdout(&out).starts_with("docs: request.name (new::Request::name): docs changed"),
        "{}",
        stdout(&out)
    );
}

/// The summary line the README shows for Pivot's 98 pages, and the counts
/// in it (pages, then errors, warnings and notes).
fn readme_summary() -> (String, usize, [usize; 3]) {
    let readme = std::fs::read_to_string(workspace().join("README.md")).expect("README.md");
    let start = readme
        .find("``checked ")
        .expect("README.md shows check's summary line")
        + 2;
    let line = readme[start..]
        .split("``")
        .next()
        .expect("a closed quote")
        .to_string();
    let count = |word: &str| -> usize {
        let words: Vec<&str> = line.split([' ', ',', ':']).collect();
        let at = words
            .iter()
            .position(|w| w.starts_with(word))
            .unwrap_or_else(|| panic!("README's summary `{line}` counts {word}s"));
        words[at - 1].parse().expect("a count")
    };
    let counts = [count("error"), count("warning"), count("note")];
    let pages = count("page");
    (line, pages, counts)
}

/// The README's example of the summary is in the form `check` prints.
#[test]
fn the_readme_shows_the_summary_check_prints() {
    let (line, pages, counts) = readme_summary();
    assert_eq!(line, pivot_cli::check::summary(pages, counts, false));
}

/// The README's counts are those of Pivot's pages, once repaired: a change
/// of what `check` reports shows here, and the README follows it.
#[test]
#[ignore = "needs PIVOT_PAGES_DIR (a folder of pages); .ci/run sets it: PIVOT_PAGES_DIR=<dir> cargo test -p pivot-cli --test cli -- --ignored"]
fn the_readme_summary_is_what_check_prints_on_the_real_pages() {
    let dir = required_dir::required_dir(
        "PIVOT_PAGES_DIR",
        "documentation pages (*.txt)",
        "cargo test -p pivot-cli --test cli -- --ignored",
    );
    let scratch = Scratch::new("readme-summary");
    let mut copied = 0;
    for entry in std::fs::read_dir(&dir).expect("the pages folder reads") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, scratch.0.join(path.file_name().unwrap())).expect("copied");
            copied += 1;
        }
    }
    let folder = scratch.0.to_string_lossy().into_owned();
    let pages: Vec<String> = std::fs::read_dir(&scratch.0)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .collect();
    let mut fix = vec!["fix"];
    fix.extend(pages.iter().map(String::as_str));
    let fixed = pivot(&fix);
    assert!(fixed.status.success(), "{}", stderr(&fixed));
    let checked = pivot(&["check", &folder]);
    let printed = stderr(&checked);
    let last = printed.lines().last().unwrap_or_default();
    let (line, pages, _) = readme_summary();
    assert_eq!(pages, copied, "the README counts every page of the folder");
    assert_eq!(last, line, "README.md's summary of the real pages");
}

/// `pivot mock` serving the mock's made-up pages, stopped (killed) when
/// dropped; `addr` is what it printed.
struct Mock {
    child: std::process::Child,
    addr: String,
}

impl Mock {
    fn start(envs: &[(&str, &str)]) -> Mock {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_pivot"))
            .args(["mock", "pivot-mock/tests/pages", "--listen", "127.0.0.1:0"])
            .args(["--credentials-from-env"])
            .envs(envs.iter().copied())
            .current_dir(workspace())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the pivot binary runs");
        let stdout = child.stdout.take().expect("piped");
        let mut line = String::new();
        // Blocks until the server answers, or the process ends (an empty line).
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("its output");
        // Owned before anything can panic, so the process is killed then too.
        let mut mock = Mock {
            child,
            addr: String::new(),
        };
        mock.addr = line
            .strip_prefix("listening ")
            .unwrap_or_else(|| panic!("not `listening <addr>`: {line:?}"))
            .trim()
            .to_string();
        mock
    }

    fn call(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> u16 {
        let agent = ureq::Agent::new_with_config(
            ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build(),
        );
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(format!("http://{}{path}", self.addr));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(body.as_bytes().to_vec()).expect("a request");
        agent
            .run(request)
            .expect("the mock answers")
            .status()
            .as_u16()
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn mock_serves_the_pages_on_the_address_it_prints() {
    let mock = Mock::start(&[
        ("PIVOT_MERCHANT_ID", "merchant-1"),
        ("PIVOT_MERCHANT_SECRET", "secret-1"),
    ]);
    assert!(mock.addr.starts_with("127.0.0.1:"), "{}", mock.addr);
    assert!(!mock.addr.ends_with(":0"), "port 0 picks a free port");
    assert_eq!(mock.call("GET", "/xb/sender/list", &[], ""), 401);
    let token_call = |secret| {
        mock.call(
            "POST",
            "/v1/access-token",
            &[
                ("X-MERCHANT-ID", "merchant-1"),
                ("X-MERCHANT-SECRET", secret),
            ],
            r#"{"grantType":"client_credentials"}"#,
        )
    };
    assert_eq!(
        token_call("secret-2"),
        401,
        "the credentials of the environment"
    );
    assert_eq!(token_call("secret-1"), 200);
    assert_eq!(mock.call("GET", "/no/such/path", &[], ""), 404);
}

#[test]
fn mock_needs_the_credentials_it_is_told_to_read() {
    let out = Command::new(env!("CARGO_BIN_EXE_pivot"))
        .args(["mock", "pivot-mock/tests/pages", "--credentials-from-env"])
        .env_remove("PIVOT_MERCHANT_ID")
        .env_remove("PIVOT_MERCHANT_SECRET")
        .current_dir(workspace())
        .output()
        .expect("the pivot binary runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("PIVOT_MERCHANT_SECRET"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn mock_refuses_a_damaged_page_naming_where() {
    let scratch = Scratch::new("mock-damaged");
    let page = broken_reference_page(&scratch);
    let out = pivot(&["mock", &page.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("create_payment_session.txt:9:"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}
