//! Loading limits through the library API: the lexicon size cap (`LoadOptions`,
//! `Config::max_lexicon_size`) and folders with symbolic link loops.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::PathBuf;

use lex_compiler::{load_paths_with, Config, LoadOptions};

fn temp(tag: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("lex-load-{tag}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const TOKEN: &str =
    r#"{"lexicon":1,"id":"com.example.ping","defs":{"main":{"type":"token","description":"x"}}}"#;

#[test]
fn the_size_cap_refuses_before_reading_and_config_raises_it() {
    let dir = temp("cap");
    let file = dir.join("ping.json");
    std::fs::write(&file, TOKEN).unwrap();
    // Padding with spaces keeps it valid JSON; a sparse 5 MiB file would be NULs.
    let padded = format!("{TOKEN}{}", " ".repeat(5 << 20));
    std::fs::write(&file, padded).unwrap();
    let loaded = load_paths_with(&[&dir], &LoadOptions::new());
    let message = loaded
        .diagnostics
        .iter()
        .map(|d| d.message().to_owned())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        message.contains("over the 4194304-byte lexicon size limit"),
        "{message}"
    );
    assert_eq!(loaded.catalog.document_count(), 0);
    assert!(Config::new().load(&[&dir]).is_err());
    let catalog = Config::new().max_lexicon_size(6 << 20).load(&[&dir]);
    assert_eq!(catalog.map(|c| c.document_count()).ok(), Some(1));
    let loaded = load_paths_with(&[&dir], &LoadOptions::new().max_lexicon_size(100));
    assert_eq!(loaded.catalog.document_count(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn link_loops_load_each_file_once() {
    let dir = temp("loop");
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::write(dir.join("a/b/ping.json"), TOKEN).unwrap();
    for (target, at) in [
        (".", "a/self"),
        (".", "a/again"),
        ("..", "a/b/up"),
        ("ping.json", "a/b/alias.json"),
    ] {
        std::os::unix::fs::symlink(target, dir.join(at)).unwrap();
    }
    // The folder given twice, once through a link: still one file.
    let loaded = load_paths_with(&[dir.join("a"), dir.join("a/self/b")], &LoadOptions::new());
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.catalog.document_count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}
