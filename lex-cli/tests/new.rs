//! `lex new` end to end: every kind passes `lex check`, has no lint errors (only its
//! placeholder warnings) and is already formatted; bad NSIDs, existing files and links
//! on the way are refused.

mod common;

use std::fs;

use common::{assert_exit, lex, text, TempDir};

const KINDS: [(&str, &str); 7] = [
    ("record", "com.example.blog.post"),
    ("query", "com.example.blog.getPost"),
    ("query-list", "com.example.blog.listPosts"),
    ("procedure", "com.example.blog.createPost"),
    ("subscription", "com.example.blog.subscribePosts"),
    ("permission-set", "com.example.blog.authWrite"),
    ("object", "com.example.blog.draft"),
];

#[test]
fn every_kind_checks_lints_and_is_formatted() {
    for (kind, nsid) in KINDS {
        let dir = TempDir::new(kind);
        let out = lex(&dir.0, &["new", kind, nsid]);
        assert_eq!(out.status.code(), Some(0), "{kind}: {}", text(&out.stderr));
        let rel = format!("lexicons/{}.json", nsid.replace('.', "/"));
        assert_eq!(text(&out.stdout).trim(), format!("created {rel}"));
        let written = fs::read_to_string(dir.0.join(&rel)).unwrap_or_default();
        insta::assert_snapshot!(format!("template_{kind}"), written);

        let check = lex(&dir.0, &["check"]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "{kind}: {}",
            text(&check.stderr)
        );
        assert!(
            text(&check.stdout).contains("0 errors, 0 warnings"),
            "{kind}"
        );

        // Every rule on: no errors, and the only warnings are the placeholders.
        fs::write(dir.0.join("lex.toml"), "[lint]\nuse = [\"all\"]\n").unwrap_or_default();
        let lint = lex(&dir.0, &["lint", "--format", "json", "--fail-on", "error"]);
        assert_eq!(
            lint.status.code(),
            Some(0),
            "{kind}: {}",
            text(&lint.stdout)
        );
        let findings: serde_json::Value = serde_json::from_slice(&lint.stdout).unwrap_or_default();
        let findings = findings.as_array().cloned().unwrap_or_default();
        assert!(!findings.is_empty(), "{kind}: placeholders are reported");
        for f in &findings {
            assert_eq!(
                f["code"], "lex::lint::placeholder-description",
                "{kind}: {f}"
            );
            assert_eq!(f["level"], "warn", "{kind}: {f}");
        }

        let fmt = lex(&dir.0, &["fmt", "--check"]);
        assert_eq!(fmt.status.code(), Some(0), "{kind}: {}", text(&fmt.stdout));
    }
}

#[test]
fn out_folder_and_force() {
    let dir = TempDir::new("force");
    let out = lex(
        &dir.0,
        &["new", "record", "com.example.post", "--out", "schemas/"],
    );
    assert_exit(&out, 0);
    let path = dir.0.join("schemas/com/example/post.json");
    assert!(path.is_file());

    fs::write(&path, "mine").unwrap_or_default();
    let again = lex(
        &dir.0,
        &["new", "object", "com.example.post", "--out", "schemas"],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(fs::read_to_string(&path).unwrap_or_default(), "mine");

    let forced = lex(
        &dir.0,
        &[
            "new",
            "object",
            "com.example.post",
            "--out",
            "schemas",
            "--force",
        ],
    );
    assert_exit(&forced, 0);
    assert!(fs::read_to_string(&path)
        .unwrap_or_default()
        .contains("\"type\": \"object\""));
    // No temporary file is left behind.
    let names: Vec<_> = fs::read_dir(dir.0.join("schemas/com/example"))
        .map(|r| r.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert_eq!(names, ["post.json"]);
}

#[test]
fn refuses_bad_nsids_and_names() {
    let dir = TempDir::new("bad");
    for (kind, nsid, says) in [
        ("record", "not an nsid", "not a valid NSID"),
        ("record", "com.example", "not a valid NSID"),
        ("query", "com.example.blog.", "not a valid NSID"),
        ("record", "com..example.post", "not a valid NSID"),
        (
            "permission-set",
            "com.example.blog.write",
            "com.example.blog.authWrite",
        ),
    ] {
        let out = lex(&dir.0, &["new", kind, nsid]);
        assert_eq!(out.status.code(), Some(2), "{nsid}");
        assert!(
            text(&out.stderr).contains(says),
            "{nsid}: {}",
            text(&out.stderr)
        );
    }
    assert!(!dir.0.join("lexicons").exists(), "nothing written");
    let usage = lex(&dir.0, &["new", "table", "com.example.post"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn never_writes_through_links() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new("links");
    let elsewhere = dir.0.join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap_or_default();
    fs::create_dir_all(dir.0.join("lexicons/com")).unwrap_or_default();
    symlink(&elsewhere, dir.0.join("lexicons/com/example")).unwrap_or_default();
    let out = lex(&dir.0, &["new", "record", "com.example.post"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("symbolic link"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        fs::read_dir(&elsewhere).map(Iterator::count).unwrap_or(1),
        0
    );

    // A link at the file itself is refused even with --force.
    fs::create_dir_all(dir.0.join("lexicons/org/example")).unwrap_or_default();
    let victim = dir.0.join("victim.json");
    fs::write(&victim, "keep").unwrap_or_default();
    symlink(&victim, dir.0.join("lexicons/org/example/post.json")).unwrap_or_default();
    let out = lex(&dir.0, &["new", "record", "org.example.post", "--force"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&victim).unwrap_or_default(), "keep");
}
