//! `lex lint` end to end: output formats, `--fail-on`, configuration errors, exit codes.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::{assert_exit, lex, TempDir};

const POST: &str = r#"{
  "lexicon": 1,
  "id": "com.example.blog.post",
  "defs": {
    "main": {
      "type": "record",
      "description": "A blog post.",
      "key": "tid",
      "record": {
        "type": "object",
        "required": ["text"],
        "properties": {
          "text": { "type": "string" }
        }
      }
    }
  }
}
"#;

const CLEAN: &str = r#"{
  "lexicon": 1,
  "id": "com.example.blog.post",
  "defs": {
    "main": {
      "type": "record",
      "description": "A blog post.",
      "key": "tid",
      "record": {
        "type": "object",
        "required": ["text"],
        "properties": {
          "text": { "type": "string", "maxLength": 3000, "maxGraphemes": 300 }
        }
      }
    }
  }
}
"#;

fn project(post: &str) -> TempDir {
    let dir = TempDir::new("p");
    dir.write("lexicons/com/example/blog/post.json", post);
    dir
}

#[test]
fn json_output_has_the_documented_shape() {
    let dir = project(POST);
    let out = lex(&dir.0, &["lint", "--format", "json"]);
    assert_exit(&out, 1);
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = findings.as_array().unwrap();
    assert_eq!(items.len(), 1, "{findings:#}");
    let f = &items[0];
    assert_eq!(f["rule"], "unlimited-string");
    assert_eq!(f["level"], "warn");
    assert_eq!(f["nsid"], "com.example.blog.post");
    assert_eq!(f["path"], "/defs/main/record/properties/text");
    assert_eq!(f["file"], "lexicons/com/example/blog/post.json");
    assert_eq!(f["line"], 13);
    assert_eq!(f["column"], 11);
    assert_eq!(f["message"], "string has no length limit");
}

#[test]
fn fail_on_decides_the_exit_code() {
    let dir = project(POST);
    assert_eq!(
        lex(&dir.0, &["lint", "--fail-on", "error"]).status.code(),
        Some(0)
    );
    assert_eq!(
        lex(&dir.0, &["lint", "--fail-on", "warn"]).status.code(),
        Some(1)
    );
    let clean = project(CLEAN);
    let out = lex(&clean.0, &["lint"]);
    assert_exit(&out, 0);
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 errors, 0 warnings"));
}

#[test]
fn text_output_names_rule_location_and_help() {
    let dir = project(POST);
    let out = lex(&dir.0, &["lint"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("lex::lint::unlimited-string"), "{stderr}");
    assert!(
        stderr.contains("lexicons/com/example/blog/post.json:13:11"),
        "{stderr}"
    );
    assert!(stderr.contains("help: add `maxLength`"), "{stderr}");
}

#[test]
fn github_annotations() {
    let dir = project(POST);
    let out = lex(&dir.0, &["lint", "--format", "github"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "::warning file=lexicons/com/example/blog/post.json,line=13,col=11,title=unlimited-string::string has no length limit\n"
    );
}

#[test]
fn sarif_log() {
    let dir = project(POST);
    let out = lex(&dir.0, &["lint", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert!(run["tool"]["driver"]["rules"].as_array().unwrap().len() > 20);
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "unlimited-string");
    assert_eq!(result["level"], "warning");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 13);
}

#[test]
fn config_selects_rules_and_levels() {
    let dir = project(POST);
    dir.write("lex.toml", "[lint.levels]\nunlimited-string = \"error\"\n");
    let out = lex(&dir.0, &["lint", "--fail-on", "error", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings[0]["level"], "error");

    dir.write("lex.toml", "[lint]\nexcept = [\"limits\"]\n");
    assert_eq!(lex(&dir.0, &["lint"]).status.code(), Some(0));

    dir.write("lex.toml", "[lint]\nignore = [\"com/example/**\"]\n");
    assert_eq!(lex(&dir.0, &["lint"]).status.code(), Some(0));
}

#[test]
fn unknown_rule_or_key_in_config_is_a_usage_error() {
    let dir = project(POST);
    dir.write("lex.toml", "[lint]\nuse = [\"unlimited-strings\"]\n");
    let out = lex(&dir.0, &["lint"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown rule or category `unlimited-strings`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `unlimited-string`?"),
        "{stderr}"
    );

    dir.write("lex.toml", "[lint]\nuse = []\nfail = true\n");
    let out = lex(&dir.0, &["lint"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field `fail`"));

    let out = lex(&dir.0, &["lint", "--config", "missing.toml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_path_is_a_usage_error() {
    let dir = TempDir::new("empty");
    let out = lex(&dir.0, &["lint", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere does not exist"));
}

#[test]
fn parse_errors_are_lint_findings() {
    let dir = project("{ \"lexicon\": 1, ");
    let out = lex(&dir.0, &["lint", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings[0]["rule"], "schema-json-parse");
    assert_eq!(findings[0]["level"], "error");
}

#[test]
fn project_lexicons_are_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = lex(&root, &["lint", "lexicons"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
