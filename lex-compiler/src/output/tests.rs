//! The writer's rules and the journal's rollback, on real folders.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use super::testdir::TestDir;
use super::*;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    File(Vec<u8>),
    Dir,
    Link(PathBuf),
}

/// Everything under `root`, links recorded as links.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Node> {
    fn walk(root: &Path, dir: &Path, into: &mut BTreeMap<PathBuf, Node>) {
        for item in fs::read_dir(dir).unwrap() {
            let path = item.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            let kind = fs::symlink_metadata(&path).unwrap().file_type();
            if kind.is_symlink() {
                into.insert(rel, Node::Link(fs::read_link(&path).unwrap()));
            } else if kind.is_dir() {
                into.insert(rel, Node::Dir);
                walk(root, &path, into);
            } else {
                into.insert(rel, Node::File(fs::read(&path).unwrap()));
            }
        }
    }
    let mut into = BTreeMap::new();
    if root.exists() {
        walk(root, root, &mut into);
    }
    into
}

fn generated(body: &str) -> String {
    format!("{GENERATED_HEADER}\n{body}\n")
}

fn tree(files: &[(&str, &str)]) -> Vec<(PathBuf, String)> {
    files
        .iter()
        .map(|(p, body)| (PathBuf::from(p), generated(body)))
        .collect()
}

fn write(out: &Path, files: &[(PathBuf, String)], fail_at: Option<usize>) -> Result<WriteReport> {
    let borrowed: Vec<(PathBuf, &str)> =
        files.iter().map(|(p, s)| (p.clone(), s.as_str())).collect();
    write_files(out, &borrowed, fail_at)
}

fn staging_left(out: &Path) -> bool {
    fs::read_dir(out).is_ok_and(|entries| {
        entries
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().starts_with(STAGING_PREFIX))
    })
}

fn v1() -> Vec<(PathBuf, String)> {
    tree(&[
        ("mod.rs", "pub mod a; pub mod b;"),
        ("a.rs", "a1"),
        ("b/mod.rs", "pub mod c;"),
        ("b/c.rs", "c1"),
    ])
}

fn v2() -> Vec<(PathBuf, String)> {
    tree(&[
        ("mod.rs", "pub mod a; pub mod d;"),
        ("a.rs", "a2"),
        ("d/mod.rs", "pub mod e;"),
        ("d/e/mod.rs", "pub mod f;"),
        ("d/e/f.rs", "f2"),
    ])
}

#[test]
fn a_build_writes_the_files_and_an_index_of_them() {
    let dir = TestDir::new("first");
    let out = dir.path().join("deep/er/out");
    let report = write(&out, &v1(), None).unwrap();
    assert_eq!(report.written.len(), 5);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let index = fs::read_to_string(out.join(INDEX_FILE)).unwrap();
    for path in ["mod.rs", "a.rs", "b/mod.rs", "b/c.rs"] {
        assert!(index.contains(&format!("\"{path}\": \"sha256:")), "{index}");
    }
    assert_eq!(
        fs::read_to_string(out.join("b/c.rs")).unwrap(),
        generated("c1")
    );
    // A second build of the same tree changes nothing.
    let before = snapshot(&out);
    let again = write(&out, &v1(), None).unwrap();
    assert_eq!(again, WriteReport::default());
    assert_eq!(snapshot(&out), before);
}

#[test]
fn stale_files_the_index_lists_are_removed_with_their_empty_folders() {
    let dir = TestDir::new("stale");
    let out = dir.path().join("out");
    write(&out, &v1(), None).unwrap();
    let report = write(&out, &v2(), None).unwrap();
    assert_eq!(
        report.removed,
        vec![out.join("b/c.rs"), out.join("b/mod.rs")]
    );
    assert!(!out.join("b").exists());
    assert_eq!(
        fs::read_to_string(out.join("d/e/f.rs")).unwrap(),
        generated("f2")
    );
    assert!(!staging_left(&out));
}

#[test]
fn every_failing_step_restores_the_previous_output_exactly() {
    let dir = TestDir::new("rollback");
    let out = dir.path().join("out");
    write(&out, &v1(), None).unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    let before = snapshot(&out);
    let mut failures = 0;
    for step in 1.. {
        match write(&out, &v2(), Some(step)) {
            Err(Error::Io { source, .. }) if source.to_string() == "injected failure" => {
                failures += 1;
                assert_eq!(snapshot(&out), before, "after failing step {step}");
            }
            Err(e) => panic!("step {step}: {e}"),
            Ok(_) => break,
        }
    }
    // The staged tree of the new folder `d` and its subfolder, 6 staged files, the tree's
    // move, 2 backups + 2 renames for the replaced files, 2 removals, the index's backup
    // and rename: every one was made to fail.
    assert_eq!(failures, 17, "steps");
    assert!(!out.join("b").exists());
    assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
}

#[test]
fn a_failed_first_build_leaves_no_folder_behind() {
    let dir = TestDir::new("first-fail");
    let out = dir.path().join("new/out");
    // Every step, the move of the staged tree `b` included, until the build succeeds.
    let mut failures = 0;
    for step in 1.. {
        if write(&out, &v1(), Some(step)).is_ok() {
            break;
        }
        failures += 1;
        assert!(!dir.path().join("new").exists(), "step {step}");
    }
    assert!(failures >= 6, "only {failures} steps");
    assert_eq!(snapshot(&out).len(), 6, "4 files, 1 folder, the index");
}

#[test]
fn a_file_where_a_folder_must_go_rolls_back() {
    let dir = TestDir::new("in-the-way");
    let out = dir.path().join("out");
    write(&out, &v1(), None).unwrap();
    fs::write(out.join("d"), "a file of mine").unwrap();
    let before = snapshot(&out);
    match write(&out, &v2(), None) {
        Err(Error::NotAFolder { path }) => assert_eq!(path, out.join("d")),
        other => panic!("{other:?}"),
    }
    assert_eq!(snapshot(&out), before);
}

#[test]
fn a_hand_written_file_is_never_overwritten() {
    let dir = TestDir::new("hand");
    let out = dir.path().join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("mod.rs"), "// my own\npub mod a;\n").unwrap();
    let before = snapshot(&out);
    match write(&out, &v1(), None) {
        Err(Error::HandWritten { path }) => assert_eq!(path, out.join("mod.rs")),
        other => panic!("{other:?}"),
    }
    assert_eq!(snapshot(&out), before);
    // A header that is only a prefix of another tool's header is not ours either.
    fs::write(out.join("mod.rs"), format!("{GENERATED_HEADER}icon-tool\n")).unwrap();
    assert!(matches!(
        write(&out, &v1(), None),
        Err(Error::HandWritten { .. })
    ));
}

#[test]
fn without_an_index_generated_files_are_replaced_and_stale_ones_kept() {
    let dir = TestDir::new("migrate");
    let out = dir.path().join("out");
    fs::create_dir_all(out.join("b")).unwrap();
    fs::write(out.join("mod.rs"), generated("old root")).unwrap();
    fs::write(out.join("b/old.rs"), generated("stale")).unwrap();
    let report = write(&out, &v1(), None).unwrap();
    assert!(report.written.contains(&out.join("mod.rs")));
    assert!(report.removed.is_empty());
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("no .lex-build.json")),
        "{report:?}"
    );
    assert_eq!(
        fs::read_to_string(out.join("b/old.rs")).unwrap(),
        generated("stale")
    );
    assert!(!fs::read_to_string(out.join(INDEX_FILE))
        .unwrap()
        .contains("old.rs"));
}

#[test]
fn only_indexed_regular_generated_files_are_removed() {
    let dir = TestDir::new("owned");
    let out = dir.path().join("out");
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("c.rs"), generated("theirs")).unwrap();
    write(&out, &v1(), None).unwrap();
    // b/c.rs becomes a link to someone else's generated file, a.rs loses its header, and
    // an unlisted generated file appears: none of them may be removed.
    fs::remove_file(out.join("b/c.rs")).unwrap();
    symlink(elsewhere.join("c.rs"), out.join("b/c.rs")).unwrap();
    fs::write(out.join("z.rs"), generated("not in the index")).unwrap();
    let files = tree(&[("mod.rs", "pub mod a;")]);
    fs::write(out.join("a.rs"), "edited by hand\n").unwrap();
    let report = write(&out, &files, None).unwrap();
    assert_eq!(report.removed, vec![out.join("b/mod.rs")]);
    assert_eq!(report.warnings.len(), 2, "{:?}", report.warnings);
    assert_eq!(
        fs::read_to_string(out.join("a.rs")).unwrap(),
        "edited by hand\n"
    );
    assert!(fs::symlink_metadata(out.join("b/c.rs"))
        .unwrap()
        .is_symlink());
    assert!(out.join("z.rs").exists());
    assert_eq!(
        fs::read_to_string(elsewhere.join("c.rs")).unwrap(),
        generated("theirs")
    );
}

#[test]
fn links_in_the_way_are_refused_and_nothing_changes() {
    let dir = TestDir::new("links");
    let out = dir.path().join("out");
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("c.rs"), generated("theirs")).unwrap();
    write(&out, &v1(), None).unwrap();
    // A folder link on the way to a file to write.
    fs::remove_dir_all(out.join("b")).unwrap();
    symlink(&elsewhere, out.join("b")).unwrap();
    let before = (snapshot(&out), snapshot(&elsewhere));
    match write(&out, &v1(), None) {
        Err(Error::Symlink { path }) => assert_eq!(path, out.join("b")),
        other => panic!("{other:?}"),
    }
    // A file link at a file to write, and a link as the index.
    fs::remove_file(out.join("b")).unwrap();
    fs::create_dir(out.join("b")).unwrap();
    symlink(elsewhere.join("c.rs"), out.join("b/c.rs")).unwrap();
    assert!(matches!(
        write(&out, &v1(), None),
        Err(Error::Symlink { .. })
    ));
    fs::remove_file(out.join("b/c.rs")).unwrap();
    fs::rename(out.join(INDEX_FILE), elsewhere.join("index")).unwrap();
    symlink(elsewhere.join("index"), out.join(INDEX_FILE)).unwrap();
    assert!(matches!(
        write(&out, &v1(), None),
        Err(Error::Symlink { .. })
    ));
    assert!(matches!(
        diff_tree(&out, &BTreeMap::new()),
        Err(Error::Symlink { .. })
    ));
    assert_eq!(
        snapshot(&elsewhere).get(Path::new("c.rs")),
        before.1.get(Path::new("c.rs"))
    );
    assert!(!staging_left(&out));
}

#[test]
fn staging_of_an_interrupted_build_is_removed() {
    let dir = TestDir::new("crash");
    let out = dir.path().join("out");
    write(&out, &v1(), None).unwrap();
    fs::create_dir_all(out.join(".lex-tmp-1-2-3")).unwrap();
    fs::write(out.join(".lex-tmp-1-2-3/n1"), "half").unwrap();
    let report = write(&out, &v1(), None).unwrap();
    assert_eq!(report.warnings.len(), 1, "{report:?}");
    assert!(!staging_left(&out));
}

#[test]
fn a_hostile_index_is_refused() {
    let dir = TestDir::new("bad-index");
    let out = dir.path().join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(dir.path().join("victim.rs"), generated("victim")).unwrap();
    fs::write(
        out.join(INDEX_FILE),
        r#"{"generator": "lex", "format": 1, "files": {"../victim.rs": "x"}}"#,
    )
    .unwrap();
    assert!(matches!(write(&out, &v1(), None), Err(Error::Index { .. })));
    assert!(dir.path().join("victim.rs").exists());
}

#[test]
fn two_modules_in_one_file_are_refused() {
    let dir = TestDir::new("collision");
    let files = tree(&[("a/mod.rs", "x"), ("a/mod.rs", "y")]);
    assert!(matches!(
        write(&dir.path().join("out"), &files, None),
        Err(Error::Collision { .. })
    ));
}
