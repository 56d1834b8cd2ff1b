//! `lex breaking` end to end: folders, `git:REV`, unsupported references, exit codes.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::Command;

use common::{assert_exit, lex, shared_path, TempDir};

fn post(max: u32) -> String {
    format!(
        r#"{{
  "lexicon": 1,
  "id": "com.example.blog.post",
  "defs": {{
    "main": {{
      "type": "record",
      "description": "A blog post.",
      "key": "tid",
      "record": {{
        "type": "object",
        "required": ["text"],
        "properties": {{
          "text": {{ "type": "string", "maxLength": {max} }}
        }}
      }}
    }}
  }}
}}
"#
    )
}

#[test]
fn folder_against_folder() {
    let dir = TempDir::new("dirs");
    dir.write("old/com/example/blog/post.json", &post(3000));
    dir.write("new/com/example/blog/post.json", &post(300));
    let out = lex(
        &dir.0,
        &["breaking", "--against", "old", "new", "--format", "json"],
    );
    assert_exit(&out, 1);
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &findings[0];
    assert_eq!(f["rule"], "string-length");
    assert_eq!(f["level"], "error");
    assert_eq!(f["nsid"], "com.example.blog.post");
    assert_eq!(f["path"], "/defs/main/record/properties/text/maxLength");
    assert_eq!(f["file"], "new/com/example/blog/post.json");
    assert_eq!(f["line"], 13);

    let same = lex(&dir.0, &["breaking", "--against", "old", "old"]);
    assert_eq!(same.status.code(), Some(0));
}

#[test]
fn accepted_breaks_pass() {
    let dir = TempDir::new("accept");
    dir.write("old/com/example/blog/post.json", &post(3000));
    dir.write("new/com/example/blog/post.json", &post(300));
    dir.write(
        "lex.toml",
        "[[breaking.accept]]\nrule = \"string-length\"\nnsid = \"com.example.blog.post\"\nreason = \"not published yet\"\n",
    );
    let out = lex(&dir.0, &["breaking", "--against", "old", "new"]);
    assert_exit(&out, 0);
    assert!(String::from_utf8_lossy(&out.stdout).contains("(1 accepted breaks)"));

    dir.write(
        "lex.toml",
        "[[breaking.accept]]\nrule = \"string-length\"\nreason = \"\"\n",
    );
    assert_eq!(
        lex(&dir.0, &["breaking", "--against", "old", "new"])
            .status
            .code(),
        Some(2)
    );
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn against_a_git_revision() {
    let dir = TempDir::new("git");
    git(&dir.0, &["init", "-q"]);
    dir.write("lexicons/com/example/blog/post.json", &post(3000));
    git(&dir.0, &["add", "."]);
    git(&dir.0, &["commit", "-q", "-m", "v1"]);
    dir.write("lexicons/com/example/blog/post.json", &post(300));
    let out = lex(
        &dir.0,
        &["breaking", "--against", "git:HEAD", "--format", "json"],
    );
    assert_exit(&out, 1);
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings[0]["rule"], "string-length");

    // From a subfolder, paths are relative to it.
    let sub = dir.0.join("lexicons");
    let out = lex(&sub, &["breaking", "--against", "git:HEAD", "com"]);
    assert_exit(&out, 1);

    // A removed lexicon is labelled in the old version; annotations use its repo path.
    std::fs::remove_file(dir.0.join("lexicons/com/example/blog/post.json")).unwrap();
    dir.write(
        "lexicons/com/example/blog/other.json",
        &post(300).replace("blog.post", "blog.other"),
    );
    let out = lex(
        &dir.0,
        &["breaking", "--against", "git:HEAD", "--format", "github"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "::error file=lexicons/com/example/blog/post.json,line=3,col=9,title=lexicon-removed::lexicon `com.example.blog.post` was removed\n"
    );

    let out = lex(&dir.0, &["breaking", "--against", "git:no-such-rev"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown git revision `no-such-rev`"));
}

#[test]
fn shallow_clone_explains_a_missing_revision() {
    let dir = TempDir::new("shallow");
    let origin = dir.0.join("origin");
    std::fs::create_dir_all(&origin).unwrap();
    git(&origin, &["init", "-q"]);
    for max in [3000, 300] {
        dir.write("origin/lexicons/com/example/blog/post.json", &post(max));
        git(&origin, &["add", "."]);
        git(&origin, &["commit", "-q", "-m", "v"]);
    }
    let url = format!("file://{}", origin.display());
    git(&dir.0, &["clone", "-q", "--depth", "1", &url, "clone"]);
    let out = lex(
        &dir.0.join("clone"),
        &["breaking", "--against", "git:HEAD~1"],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("shallow clone"), "{stderr}");
}

#[test]
fn a_missing_manifest_or_folder_is_a_usage_error() {
    let dir = TempDir::new("usage");
    dir.write("lexicons/com/example/blog/post.json", &post(3000));
    let out = lex(&dir.0, &["breaking", "--against", "manifest"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lexicons.json does not exist"));
    assert_eq!(
        lex(&dir.0, &["breaking", "--against", "nowhere"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn corpus_against_itself_is_clean() {
    let Some(corpus) = shared_path("corpus/atproto") else {
        return;
    };
    let c = corpus.to_string_lossy().into_owned();
    let out = lex(Path::new("."), &["breaking", "--against", &c, &c]);
    assert_exit(&out, 0);
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 errors, 0 warnings, 0 infos"));
}
