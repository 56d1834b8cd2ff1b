//! `lex --help` and each subcommand's `--help` as snapshots: the CLI surface is part of
//! the interface, so a change to it shows up in review.

use std::process::Command;

fn help(args: &[&str]) -> String {
    let out = match Command::new(env!("CARGO_BIN_EXE_lex"))
        .args(args)
        .env_remove("LEX_DNS_SERVER")
        .env_remove("LEX_PLC_URL")
        .output()
    {
        Ok(out) => out,
        Err(e) => panic!("cannot run lex: {e}"),
    };
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn top_level_help() {
    insta::assert_snapshot!(help(&["--help"]));
}

#[test]
fn subcommand_help() {
    for command in [
        "install", "build", "new", "fmt", "check", "lint", "graph", "breaking", "validate",
        "resolve", "data", "explain",
    ] {
        insta::assert_snapshot!(format!("help_{command}"), help(&[command, "--help"]));
    }
}

#[test]
fn scopes_help() {
    insta::assert_snapshot!("help_scopes", help(&["scopes", "--help"]));
    for sub in ["parse", "expand", "for", "check"] {
        insta::assert_snapshot!(
            format!("help_scopes_{sub}"),
            help(&["scopes", sub, "--help"])
        );
    }
}

#[test]
fn publishing_help() {
    for command in ["check-dns", "publish", "status", "unpublish"] {
        insta::assert_snapshot!(format!("help_{command}"), help(&[command, "--help"]));
    }
}
