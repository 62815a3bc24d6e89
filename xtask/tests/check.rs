//! Every failure mode of `cargo xtask check`, and the generated markdown read
//! back with a CommonMark/GFM parser.
#![allow(clippy::enum_variant_names)]

use std::fs;
use std::path::Path;

use error_model::{CodeSet, ErrorCode, error_codes};
use serde_json::json;
use xtask::codegen::{self, Mode, SITE_BASE};
use xtask::contract::{Break, Lock};

/// A copy of the workspace's generated files and fixtures in a temporary directory.
fn workspace_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = xtask::project_root();
    for file in codegen::generated_files(&root).unwrap() {
        let path = dir.path().join(&file.path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, file.contents).unwrap();
    }
    copy_dir(&root.join("fixtures"), &dir.path().join("fixtures"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn a_fresh_copy_passes() {
    let dir = workspace_copy();
    xtask::check(dir.path()).unwrap();
}

#[test]
fn stale_file_fails_with_diff_and_command() {
    let dir = workspace_copy();
    let path = dir.path().join("docs/codes.md");
    let text = fs::read_to_string(&path).unwrap().replace("Verify that the ID is correct", "Check the ID");
    fs::write(&path, text).unwrap();
    let err = xtask::check(dir.path()).unwrap_err();
    assert!(err.starts_with("docs/codes.md is stale:"), "{err}");
    assert!(err.contains("- - **`NOT_FOUND`** (Not found): Check the ID"), "{err}");
    assert!(err.contains("+ - **`NOT_FOUND`** (Not found): Verify that the ID is correct"), "{err}");
    assert!(err.ends_with("run `cargo xtask codegen` and commit the result"), "{err}");
    // codegen repairs it, and says what it wrote.
    let summary = codegen::run(dir.path(), Mode::Write).unwrap();
    assert_eq!(summary.written, [Path::new("docs/codes.md")]);
    assert!(summary.to_string().starts_with("codegen: wrote 1 file, removed 0, "), "{summary}");
    xtask::check(dir.path()).unwrap();
    // Run again, it says nothing changed.
    let summary = codegen::run(dir.path(), Mode::Write).unwrap();
    assert!(summary.written.is_empty() && summary.removed.is_empty(), "{summary:?}");
    assert!(summary.to_string().starts_with("codegen: nothing changed"), "{summary}");
}

#[test]
fn missing_generated_file_is_stale() {
    let dir = workspace_copy();
    fs::remove_file(dir.path().join("schemas/openapi.json")).unwrap();
    let err = xtask::check(dir.path()).unwrap_err();
    assert!(err.starts_with("schemas/openapi.json is stale:"), "{err}");
}

#[test]
fn a_file_no_longer_generated_is_stale_and_codegen_removes_it() {
    let dir = workspace_copy();
    // The page and example of a code that left the registry.
    for orphan in ["docs/codes/RETIRED_CODE.md", "fixtures/canonical/retired-code.json"] {
        fs::write(dir.path().join(orphan), "left behind\n").unwrap();
        let err = xtask::check(dir.path()).unwrap_err();
        assert!(err.starts_with(&format!("{orphan} is no longer generated")), "{err}");
        let summary = codegen::run(dir.path(), Mode::Write).unwrap();
        assert_eq!(summary.removed, [Path::new(orphan)]);
        assert!(!dir.path().join(orphan).exists(), "{orphan}");
        xtask::check(dir.path()).unwrap();
    }
}

#[test]
fn invalid_fixture_fails() {
    let dir = workspace_copy();
    fs::write(dir.path().join("fixtures/nested/broken.json"), r#"{"success": false, "error": {"message": "no code"}}"#)
        .unwrap();
    fs::write(dir.path().join("fixtures/flat/also-broken.json"), r#"{"success": true, "error": "x", "code": "X"}"#)
        .unwrap();
    let err = xtask::check(dir.path()).unwrap_err();
    assert!(err.starts_with("fixtures break their dialect's schema:"), "{err}");
    assert!(err.contains("fixtures/nested/broken.json: \"code\" is a required property"), "{err}");
    assert!(err.contains("fixtures/flat/also-broken.json: false was expected"), "{err}");
}

error_codes! {
    /// The registry with `LEAD_NOT_FOUND` removed.
    enum Removed {
        NotFound { wire: "NOT_FOUND", category: NotFound, status: 404, retryable: false, title: "t", description: "d", remediation: "r" },
    }
}

error_codes! {
    /// `NOT_FOUND` moved to 410 and `LEAD_NOT_FOUND` to another category.
    enum Changed {
        NotFound { wire: "NOT_FOUND", category: NotFound, status: 410, retryable: false, title: "t", description: "d", remediation: "r" },
        LeadNotFound { wire: "LEAD_NOT_FOUND", category: InvalidArgument, status: 404, retryable: false, title: "t", description: "d", remediation: "r" },
    }
}

error_codes! {
    /// Both published codes, and a new one.
    enum Added {
        NotFound { wire: "NOT_FOUND", category: NotFound, status: 404, retryable: false, title: "t", description: "d", remediation: "r" },
        LeadNotFound { wire: "LEAD_NOT_FOUND", category: NotFound, status: 404, retryable: false, title: "t", description: "d", remediation: "r" },
        ContactNotFound { wire: "CONTACT_NOT_FOUND", category: NotFound, status: 404, retryable: false, title: "t", description: "d", remediation: "r" },
    }
}

fn published() -> Lock {
    // `Added` without its new code: the two codes published in 1.0.0.
    let lock = Lock::from_registry(Added::infos(), Some(&SITE_BASE), "1.0.0");
    Lock { codes: lock.codes.into_iter().filter(|(c, _)| c == "NOT_FOUND" || c == "LEAD_NOT_FOUND").collect(), ..lock }
}

#[test]
fn removed_code_fails_unless_deprecated() {
    let lock = published();
    assert_eq!(lock.breaks(Removed::infos(), Some(&SITE_BASE)), vec![Break::Removed { code: "LEAD_NOT_FOUND".into() }]);
    let err = xtask::contract::check(&lock, Removed::infos(), Some(&SITE_BASE), "contract.lock.json").unwrap_err();
    assert!(err.contains("`LEAD_NOT_FOUND` was removed or renamed"), "{err}");
    assert!(err.contains("record the change as a deprecation in contract.lock.json"), "{err}");

    let deprecated = Lock {
        deprecations: vec![json!({"code": "LEAD_NOT_FOUND", "change": "removed", "note": "use NOT_FOUND"})],
        ..lock
    };
    assert_eq!(deprecated.breaks(Removed::infos(), Some(&SITE_BASE)), vec![]);
}

#[test]
fn changed_status_or_category_fails_unless_deprecated() {
    let lock = published();
    assert_eq!(
        lock.breaks(Changed::infos(), Some(&SITE_BASE)),
        vec![
            Break::CategoryChanged {
                code: "LEAD_NOT_FOUND".into(),
                from: "not_found".into(),
                to: "invalid_argument".into()
            },
            Break::StatusChanged { code: "NOT_FOUND".into(), from: 404, to: 410 },
        ]
    );
    // A deprecation records one exact change: to another status it does not cover.
    let wrong =
        Lock { deprecations: vec![json!({"code": "NOT_FOUND", "change": "status", "to": 400})], ..lock.clone() };
    assert_eq!(wrong.breaks(Changed::infos(), Some(&SITE_BASE)).len(), 2);
    let recorded = Lock {
        deprecations: vec![
            json!({"code": "NOT_FOUND", "change": "status", "to": 410, "note": "gone for good"}),
            json!({"code": "LEAD_NOT_FOUND", "change": "category", "to": "invalid_argument"}),
        ],
        ..lock
    };
    assert_eq!(recorded.breaks(Changed::infos(), Some(&SITE_BASE)), vec![]);
}

#[test]
fn adding_a_code_passes_and_codegen_locks_it() {
    let lock = published();
    assert_eq!(lock.breaks(Added::infos(), Some(&SITE_BASE)), vec![]);
    let updated = lock.updated(Added::infos(), Some(&SITE_BASE), "1.1.0");
    assert_eq!(updated.version.as_deref(), Some("1.1.0"));
    // Published codes keep the version they were added in; the new one is added in this one.
    assert_eq!(updated.codes["NOT_FOUND"].since.as_deref(), Some("1.0.0"));
    assert_eq!(updated.codes["CONTACT_NOT_FOUND"].since.as_deref(), Some("1.1.0"));
    assert_eq!(
        updated.codes["CONTACT_NOT_FOUND"].docs_url.as_deref(),
        Some("https://error-contract.dev/docs/codes/CONTACT_NOT_FOUND.html")
    );
    assert_eq!(Lock::parse(&updated.render("generated")).unwrap(), updated);

    let changelog = xtask::contract::changelog(&updated);
    assert!(changelog.starts_with("\n## 1.1.0\n\n- Added: `CONTACT_NOT_FOUND` (404).\n"), "{changelog}");
    assert!(changelog.contains("\n## 1.0.0\n\n- Added: `LEAD_NOT_FOUND` (404), `NOT_FOUND` (404).\n"), "{changelog}");
}

error_codes! {
    #![docs = "https://docs.example.com/"]
    /// The published codes, their pages under another base.
    enum Moved {
        NotFound { wire: "NOT_FOUND", category: NotFound, status: 404, retryable: false, title: "t", description: "d", remediation: "r" },
        LeadNotFound { wire: "LEAD_NOT_FOUND", category: NotFound, status: 404, retryable: false, title: "t", description: "d", remediation: "r" },
    }
}

#[test]
fn moved_documentation_fails_unless_recorded() {
    let lock = published();
    let breaks = lock.breaks(Moved::infos(), Some(&SITE_BASE));
    assert_eq!(breaks.len(), 2);
    assert_eq!(
        breaks[1].to_string(),
        "`NOT_FOUND` changed its documentation URL from https://error-contract.dev/docs/codes/NOT_FOUND.html \
         to https://docs.example.com/codes/NOT_FOUND.html"
    );
    let recorded = Lock {
        deprecations: ["NOT_FOUND", "LEAD_NOT_FOUND"]
            .map(|code| {
                let to = format!("https://docs.example.com/codes/{code}.html");
                json!({"code": code, "change": "docs_url", "to": to, "note": "the docs moved"})
            })
            .to_vec(),
        ..lock
    };
    assert_eq!(recorded.breaks(Moved::infos(), Some(&SITE_BASE)), vec![]);
    // The changelog says so, in the version codegen stamps on the deprecation.
    let changelog = xtask::contract::changelog(&recorded.updated(Moved::infos(), Some(&SITE_BASE), "2.0.0"));
    assert!(
        changelog.contains("- Changed: `NOT_FOUND` documentation URL to https://docs.example.com/codes/NOT_FOUND.html (the docs moved).\n"),
        "{changelog}"
    );
}

#[test]
fn a_deprecated_code_shows_on_its_page_and_in_the_changelog() {
    let lock = Lock {
        deprecations: vec![json!({"code": "LEAD_NOT_FOUND", "change": "deprecated", "note": "one code for every resource", "replacement": "NOT_FOUND"})],
        ..published()
    }
    .updated(Added::infos(), Some(&SITE_BASE), "1.1.0");
    assert_eq!(lock.deprecations[0]["since"], "1.1.0");
    let changelog = xtask::contract::changelog(&lock);
    assert!(
        changelog.contains("- Deprecated: `LEAD_NOT_FOUND`; use `NOT_FOUND` instead (one code for every resource).\n"),
        "{changelog}"
    );
    let page = error_model_publish::site::code_page(
        leads_contract::LeadCode::LeadNotFound.info(),
        ErrorCode::infos(),
        Some(&SITE_BASE),
        &lock.history(),
    );
    assert!(page.contains("| Added in | 1.0.0 |"), "{page}");
    assert!(
        page.contains(
            "| Deprecated | yes since 1.1.0: one code for every resource; use [`NOT_FOUND`](NOT_FOUND.md) instead |"
        ),
        "{page}"
    );
}

#[test]
fn a_deprecation_needs_a_known_change() {
    let err = Lock::parse(r#"{"codes": {}, "deprecations": [{"code": "X", "change": "renamed"}]}"#).unwrap_err();
    assert!(err.contains("a deprecation needs a `code` and a `change`"), "{err}");
}

#[test]
fn codegen_refuses_to_lock_a_break() {
    let dir = workspace_copy();
    let lock_path = dir.path().join("contract.lock.json");
    let text = fs::read_to_string(&lock_path).unwrap();
    // Pretend NOT_FOUND was published as 410: the registry's 404 is then a change.
    let mut lock: serde_json::Value = serde_json::from_str(&text).unwrap();
    lock["codes"]["NOT_FOUND"]["status"] = json!(410);
    fs::write(&lock_path, serde_json::to_string_pretty(&lock).unwrap()).unwrap();
    let err = codegen::run(dir.path(), Mode::Write).unwrap_err();
    assert!(err.contains("changed status from 410 to 404"), "{err}");
    assert!(fs::read_to_string(&lock_path).unwrap().contains("\"status\": 410"), "codegen wrote nothing");
}

// ---- two contracts, two locks ----

const LEADS_LOCK: &str = "crates/leads-contract/contract.lock.json";

#[test]
fn each_contract_has_its_own_lock_and_version() {
    let files = codegen::generated_files(&xtask::project_root()).unwrap();
    let lock_of = |path: &str| {
        let file = files.iter().find(|f| f.path == Path::new(path)).unwrap_or_else(|| panic!("{path} not generated"));
        Lock::parse(&file.contents).unwrap()
    };
    let core = lock_of("contract.lock.json");
    assert_eq!(core.version.as_deref(), Some("0.2.0"));
    let leads = lock_of(LEADS_LOCK);
    assert_eq!(leads.version.as_deref(), Some("0.1.0"));
    for code in leads_contract::LeadCode::ALL {
        let name = code.as_str();
        // Published in the core contract 0.1.0, removed from it in 0.2.0 by a recorded change...
        assert_eq!(core.codes[name].since.as_deref(), Some("0.1.0"), "{name}");
        let removal = core.deprecations.iter().find(|d| d["code"] == name).unwrap();
        assert_eq!((removal["change"].as_str(), removal["since"].as_str()), (Some("removed"), Some("0.2.0")));
        // ...and guarded by the lead API's lock, with the same status and page.
        assert_eq!(leads.codes[name].status, core.codes[name].status, "{name}");
        assert_eq!(leads.codes[name].docs_url, core.codes[name].docs_url, "{name}");
    }
    assert_eq!(leads.codes.len(), leads_contract::LeadCode::ALL.len());
}

#[test]
fn the_core_lock_refuses_the_move_unless_recorded() {
    let dir = workspace_copy();
    let path = dir.path().join("contract.lock.json");
    let mut lock: serde_json::Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    lock["deprecations"] = json!([]);
    fs::write(&path, serde_json::to_string_pretty(&lock).unwrap()).unwrap();
    let err = xtask::check(dir.path()).unwrap_err();
    assert!(err.contains("`LEAD_NOT_FOUND` was removed or renamed"), "{err}");
    assert!(err.contains("record the change as a deprecation in contract.lock.json"), "{err}");
}

#[test]
fn the_leads_lock_refuses_an_incompatible_change() {
    let dir = workspace_copy();
    let path = dir.path().join(LEADS_LOCK);
    let text = fs::read_to_string(&path).unwrap();
    // Pretend LEAD_NOT_FOUND was published as 410, and a code the table no longer has.
    let mut lock: serde_json::Value =
        serde_json::from_str(&text.replacen("\"status\": 404", "\"status\": 410", 1)).unwrap();
    lock["codes"]["LEAD_ARCHIVED"] = json!({"status": 410, "category": "not_found", "since": "0.1.0"});
    fs::write(&path, serde_json::to_string_pretty(&lock).unwrap()).unwrap();
    let err = xtask::check(dir.path()).unwrap_err();
    assert!(err.contains("`LEAD_ARCHIVED` was removed or renamed"), "{err}");
    assert!(err.contains("`LEAD_NOT_FOUND` changed status from 410 to 404"), "{err}");
    assert!(err.contains(&format!("record the change as a deprecation in {LEADS_LOCK}")), "{err}");
    // codegen refuses too, and writes nothing.
    let before = fs::read_to_string(&path).unwrap();
    assert!(codegen::run(dir.path(), Mode::Write).is_err());
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn a_stale_leads_file_fails() {
    for stale in [LEADS_LOCK, "crates/leads-contract/README.md", "crates/leads-contract/CHANGELOG.md"] {
        let dir = workspace_copy();
        let path = dir.path().join(stale);
        let text = fs::read_to_string(&path).unwrap();
        // The last mention: in the generated part of each file.
        let at = text.rfind("LEAD_NOT_FOUND").unwrap_or_else(|| panic!("{stale} names LEAD_NOT_FOUND"));
        let edited = format!("{}LEAD_MISSING{}", &text[..at], &text[at + "LEAD_NOT_FOUND".len()..]);
        fs::write(&path, edited).unwrap();
        let err = xtask::check(dir.path()).unwrap_err();
        assert!(err.contains(stale), "{stale}: {err}");
    }
}

// ---- the generated markdown, parsed ----

/// Every GFM table of a markdown text, as rows of cell texts (header first).
fn tables(markdown: &str) -> Vec<Vec<Vec<String>>> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let (mut table, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => table = Vec::new(),
            Event::Start(Tag::TableHead | Tag::TableRow) => row = Vec::new(),
            Event::Start(Tag::TableCell) => cell = String::new(),
            Event::Text(t) | Event::Code(t) => cell.push_str(&t),
            Event::End(TagEnd::TableCell) => row.push(std::mem::take(&mut cell)),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => table.push(std::mem::take(&mut row)),
            Event::End(TagEnd::Table) => out.push(std::mem::take(&mut table)),
            _ => {}
        }
    }
    out
}

#[test]
fn code_reference_parses_into_the_registry_tables() {
    let page = fs::read_to_string(xtask::project_root().join("docs/codes.md")).unwrap();
    let tables = tables(&page);
    let published = codegen::published_infos();
    let categories = error_model_publish::docs::categories_of(published);
    assert_eq!(tables.len(), categories.len());
    let mut rows = Vec::new();
    for table in &tables {
        assert_eq!(table[0], ["Code", "Status", "Retryable", "Description"]);
        for row in &table[1..] {
            assert_eq!(row.len(), 4, "{row:?}");
            rows.push(row.clone());
        }
    }
    let mut expected: Vec<Vec<String>> = Vec::new();
    for category in categories {
        for info in published.iter().filter(|i| i.category() == category) {
            let retryable = if info.is_retryable() { "yes" } else { "no" };
            expected.push(vec![
                info.name().into(),
                info.status().as_u16().to_string(),
                retryable.into(),
                info.description().into(),
            ]);
        }
    }
    assert_eq!(rows, expected);
}

#[test]
fn status_table_parses_and_covers_200_to_503() {
    let page = fs::read_to_string(xtask::project_root().join("docs/statuses.md")).unwrap();
    let tables = tables(&page);
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0][0], ["Status", "Meaning", "When it occurs"]);
    let statuses: Vec<&str> = tables[0][1..].iter().map(|r| r[0].as_str()).collect();
    // Every status any seed document lists.
    for s in ["200", "201", "204", "302", "400", "401", "403", "404", "409", "422", "429", "500", "502", "503"] {
        assert!(statuses.contains(&s), "{s} missing from {statuses:?}");
    }
    assert!(tables[0][1..].iter().all(|r| r.len() == 3 && !r[2].is_empty()));
    // 422 is for well-formed content, as the registry says; not the category's "malformed".
    let row_422 = tables[0][1..].iter().find(|r| r[0] == "422").unwrap();
    assert_eq!(
        row_422[2],
        "The request is well-formed but its content cannot be processed. Codes: UNPROCESSABLE_ENTITY."
    );
}

/// Every relative link of every page under `docs/` names a page that is there.
#[test]
fn site_links_resolve() {
    use pulldown_cmark::{Event, Parser, Tag};
    let files = codegen::generated_files(&xtask::project_root()).unwrap();
    let pages: std::collections::BTreeSet<String> =
        files.iter().map(|f| f.path.to_string_lossy().replace('\\', "/")).filter(|p| p.starts_with("docs/")).collect();
    let mut broken = Vec::new();
    let mut count = 0;
    for page in pages.iter().filter(|p| p.ends_with(".md")) {
        let text = &files.iter().find(|f| f.path.to_string_lossy().replace('\\', "/") == *page).unwrap().contents;
        let dir = Path::new(page).parent().unwrap();
        for event in Parser::new(text) {
            let Event::Start(Tag::Link { dest_url, .. }) = event else { continue };
            if dest_url.contains("://") || dest_url.starts_with('#') {
                continue;
            }
            count += 1;
            let target = dest_url.split('#').next().unwrap();
            let mut path = dir.to_path_buf();
            for part in target.split('/') {
                match part {
                    ".." => _ = path.pop(),
                    "." | "" => {}
                    part => path.push(part),
                }
            }
            if !pages.contains(&path.to_string_lossy().replace('\\', "/")) {
                broken.push(format!("{page}: {dest_url}"));
            }
        }
    }
    assert!(count > 500, "only {count} links");
    assert!(broken.is_empty(), "links to no page:\n{}", broken.join("\n"));
}

/// The site has a page for every code where its errors' links point, and
/// SUMMARY.md lists every page.
#[test]
fn every_code_has_its_page_in_the_site() {
    let files = codegen::generated_files(&xtask::project_root()).unwrap();
    let find = |path: &str| files.iter().find(|f| f.path == Path::new(path)).map(|f| f.contents.as_str());
    let summary = find("docs/SUMMARY.md").unwrap();
    for info in codegen::published_infos() {
        let url = SITE_BASE.url_of(info);
        let page = url.strip_prefix(SITE_BASE.as_str()).unwrap().replace(".html", ".md");
        let text = find(&format!("docs/{page}")).unwrap_or_else(|| panic!("no page for {url}"));
        assert!(text.contains(&format!("\n# {}\n", info.name())), "{page}");
        assert!(summary.contains(&format!("]({page})")), "{page} missing from SUMMARY.md");
    }
    for file in files.iter().filter(|f| f.path.starts_with("docs") && f.path.extension().is_some_and(|e| e == "md")) {
        let page = file.path.strip_prefix("docs").unwrap().to_string_lossy().replace('\\', "/");
        if page != "SUMMARY.md" {
            assert!(summary.contains(&format!("]({page})")), "{page} missing from SUMMARY.md");
            assert!(file.contents.starts_with(&codegen::markdown_remark()), "{page} lacks the generated remark");
        }
    }
}

#[test]
fn pipes_in_cells_do_not_break_rows() {
    error_codes! {
        enum Piped {
            Odd { wire: "ODD", category: Conflict, status: 409, retryable: false, title: "a | b", description: "x | y\nz", remediation: "use `a|b`" },
        }
    }
    let page = error_model_publish::docs::code_reference("Piped", Piped::infos());
    let tables = tables(&page);
    assert_eq!(tables[0][1], ["ODD", "409", "no", "x | y z"]);
    let readme_table = error_model_publish::docs::code_table(Piped::infos());
    assert_eq!(self::tables(&readme_table)[0][1].len(), 5);
}

#[test]
fn readme_code_table_matches_the_registry() {
    let readme = fs::read_to_string(xtask::project_root().join("README.md")).unwrap();
    let table = tables(&readme).into_iter().find(|t| t[0][0] == "Code").expect("the code table");
    assert_eq!(table.len() - 1, ErrorCode::ALL.len());
    for (row, code) in table[1..].iter().zip(ErrorCode::ALL) {
        assert_eq!(row[0], code.as_str());
        assert_eq!(row[1], code.status().as_u16().to_string());
    }
}

// ---- the published schemas, as their consumers check them ----

#[test]
fn strict_validators_refusals_are_caught() {
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "count": { "type": "integer", "format": "uint64" },
            "id": { "type": ["string", "integer"] },
            "note": { "type": ["string", "null"], "format": "uri" },
        },
    });
    let problems = xtask::validate::strict_problems(&schema, "s.json");
    assert_eq!(
        problems,
        [
            "s.json: `format: uint64` at `/properties/count` is not a JSON Schema format",
            "s.json: a union `type` at `/properties/id`; use `anyOf`",
        ]
    );
}

#[test]
fn openapi_problems_are_caught() {
    let root = xtask::project_root();
    let text = fs::read_to_string(root.join("schemas/openapi.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(xtask::validate::openapi_problems("openapi.json", &doc), Vec::<String>::new());

    let mut broken = doc.clone();
    broken["$comment"] = "generated".into();
    broken["components"]["responses"]["NotFound"]["content"]["application/json"]["schema"]["$ref"] =
        "#/components/schemas/Nope".into();
    let problems = xtask::validate::openapi_problems("openapi.json", &broken);
    assert!(problems.iter().any(|p| p.contains("$comment")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("`#/components/schemas/Nope` points nowhere")), "{problems:?}");
}

#[test]
fn a_generated_schema_strict_validators_refuse_fails_the_check() {
    let dir = workspace_copy();
    let path = dir.path().join("schemas/dialects/flat.schema.json");
    let text = fs::read_to_string(&path).unwrap().replacen(
        "\"type\": \"integer\"",
        "\"type\": \"integer\", \"format\": \"uint16\"",
        1,
    );
    fs::write(&path, text).unwrap();
    // A stale file is reported first; the schema check reads the files as they are.
    let err = xtask::validate::check(dir.path()).unwrap_err();
    assert!(err.contains("schemas/dialects/flat.schema.json: `format: uint16`"), "{err}");
}

error_codes! {
    /// `LEAD_NOT_FOUND` sent with another gRPC code.
    enum Regrpc {
        NotFound { wire: "NOT_FOUND", category: NotFound, status: 404, retryable: false, title: "t", description: "d", remediation: "r" },
        LeadNotFound { wire: "LEAD_NOT_FOUND", category: NotFound, status: 404, retryable: false, grpc: FailedPrecondition, title: "t", description: "d", remediation: "r" },
    }
}

#[test]
fn changed_grpc_code_fails_unless_deprecated() {
    let lock = published();
    assert_eq!(lock.codes["LEAD_NOT_FOUND"].grpc.as_deref(), Some("NOT_FOUND"));
    let change = Break::GrpcChanged {
        code: "LEAD_NOT_FOUND".into(),
        from: "NOT_FOUND".into(),
        to: "FAILED_PRECONDITION".into(),
    };
    assert_eq!(lock.breaks(Regrpc::infos(), Some(&SITE_BASE)), vec![change.clone()]);
    assert_eq!(change.to_string(), "`LEAD_NOT_FOUND` changed its gRPC code from NOT_FOUND to FAILED_PRECONDITION");
    let recorded = Lock {
        deprecations: vec![json!({"code": "LEAD_NOT_FOUND", "change": "grpc", "to": "FAILED_PRECONDITION"})],
        ..lock.clone()
    };
    assert_eq!(recorded.breaks(Regrpc::infos(), Some(&SITE_BASE)), vec![]);
    let changelog = xtask::contract::changelog(&recorded.updated(Regrpc::infos(), Some(&SITE_BASE), "1.1.0"));
    assert!(changelog.contains("- Changed: `LEAD_NOT_FOUND` gRPC code to FAILED_PRECONDITION."), "{changelog}");
    // A lock written before gRPC codes were locked has none to compare.
    let mut older = lock;
    older.codes.values_mut().for_each(|e| e.grpc = None);
    assert_eq!(older.breaks(Regrpc::infos(), Some(&SITE_BASE)), vec![]);
}
