//! `lex scopes parse SCOPE...`: each scope normalized (spec section 2.4), one per line,
//! or as structured JSON.

use clap::{Args, ValueEnum};
use lex_runtime::scope::{RepoAction, Scope};
use serde_json::{json, Value};

use super::split_scopes;
use crate::exit::ExitCode;
use crate::output::{errln, outln};

/// `lex scopes parse` arguments.
#[derive(Debug, Args)]
pub(crate) struct ParseArgs {
    /// Scope strings; an argument may hold several separated by spaces, as a token's
    /// `scope` field does.
    #[arg(required = true, value_name = "SCOPE")]
    scopes: Vec<String>,
    /// `text`: one normalized scope per line. `json`: an array with, for each scope, its
    /// input, normalized form and parameters (defaults spelled out), or the error.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Output formats of `lex scopes parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// One normalized scope per line; reasons for invalid ones on stderr.
    Text,
    /// A JSON array on stdout.
    Json,
}

/// Runs `lex scopes parse`: 0 when every scope is valid, 1 otherwise.
pub(crate) fn run(args: ParseArgs) -> ExitCode {
    let mut invalid = 0usize;
    let mut json_out = Vec::new();
    for input in split_scopes(&args.scopes) {
        let parsed = Scope::parse(input);
        if parsed.is_err() {
            invalid += 1;
        }
        match (args.format, parsed) {
            (Format::Text, Ok(scope)) => outln!("{scope}"),
            (Format::Text, Err(e)) => errln!("error: {e}"),
            (Format::Json, Ok(scope)) => json_out.push(structured(input, &scope)),
            (Format::Json, Err(e)) => {
                json_out.push(json!({"input": input, "error": e.kind().to_string()}));
            }
        }
    }
    if args.format == Format::Json {
        outln!("{:#}", Value::Array(json_out));
    }
    if invalid > 0 {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    }
}

/// The structured form: resource and parameters, decoded, defaults explicit.
fn structured(input: &str, scope: &Scope) -> Value {
    let mut v = json!({
        "input": input,
        "scope": scope.to_string(),
        "resource": scope.resource(),
    });
    let params = match scope {
        Scope::Atproto => json!({}),
        Scope::TransitionGeneric => json!({"name": "generic"}),
        Scope::TransitionChatBsky => json!({"name": "chat.bsky"}),
        Scope::TransitionEmail => json!({"name": "email"}),
        Scope::Repo(r) => json!({
            "collection": r.collection().values(),
            "action": r.action().iter().map(RepoAction::as_str).collect::<Vec<_>>(),
        }),
        Scope::Rpc(r) => json!({"lxm": r.lxm().values(), "aud": r.aud().as_str()}),
        Scope::Blob(b) => json!({"accept": b.accept()}),
        Scope::Account(a) => json!({"attr": a.attr.as_str(), "action": a.action.as_str()}),
        Scope::Identity(i) => json!({"attr": i.attr.as_str()}),
        Scope::Include(i) => json!({
            "nsid": i.nsid.as_str(),
            "aud": i.aud.as_ref().map(|a| a.as_str()),
        }),
    };
    if let (Some(obj), Value::Object(params)) = (v.as_object_mut(), params) {
        obj.extend(params);
    }
    v
}
