//! `lex resolve NSID`: the resolution chain (DNS -> DID -> PDS -> record CID) and the schema.

use clap::Args;
use lex_compiler::network::install::record_text;
use lex_compiler::network::{resolve_blocking, Step};

use super::install::NetworkArgs;
use crate::exit::ExitCode;
use crate::output::{errln, outln};

/// `lex resolve` arguments.
#[derive(Debug, Args)]
pub(crate) struct ResolveArgs {
    /// The NSID to resolve.
    nsid: String,
    /// Print the chain and the schema as one JSON object.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    network: NetworkArgs,
}

/// Runs `lex resolve`.
pub(crate) fn run(args: ResolveArgs) -> ExitCode {
    let result = resolve_blocking(args.network.config(), &args.nsid).map_err(|e| {
        let code = if e.step == Step::Input {
            ExitCode::Usage
        } else {
            ExitCode::Network
        };
        (code, e.to_string())
    });
    let resolved = match result {
        Ok(r) => r,
        Err((code, message)) => {
            errln!("error: {message}");
            return code;
        }
    };
    let authority = resolved.authority.clone().unwrap_or_default();
    let txt = resolved.txt.clone().unwrap_or_default();
    let cid = resolved.cid.to_string();
    let fields = [
        ("nsid", resolved.nsid.as_str()),
        ("authority", authority.as_str()),
        ("txt", txt.as_str()),
        ("did", resolved.did.as_str()),
        ("pds", resolved.pds.as_str()),
        ("uri", resolved.uri.as_str()),
        ("cid", cid.as_str()),
    ];
    let schema = record_text(&resolved.record);
    if args.json {
        let mut out = String::from("{\n");
        for (k, v) in fields {
            out.push_str(&format!(
                "  \"{k}\": {},\n",
                serde_json::Value::String(v.to_owned())
            ));
        }
        out.push_str("  \"schema\": ");
        out.push_str(&schema.replace('\n', "\n  "));
        out.push_str("\n}");
        outln!("{out}");
    } else {
        outln!("nsid       {}", resolved.nsid);
        outln!("authority  {authority}");
        outln!("txt        _lexicon.{authority} TXT \"{txt}\"");
        outln!("did        {}", resolved.did);
        outln!("pds        {}", resolved.pds);
        outln!("uri        {}", resolved.uri);
        outln!("cid        {cid}");
        outln!();
        outln!("{schema}");
    }
    ExitCode::Clean
}
