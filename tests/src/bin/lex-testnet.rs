//! `lex-testnet`: runs the loopback test network (DNS + PLC + PDS) until interrupted.
//!
//! `cargo run -p lex-tests --bin lex-testnet -- --lexicons DIR [--info-file F]` prints
//! `{"dns_server": ..., "plc_url": ..., "pds_url": ..., "accounts": [...]}` once ready (and
//! writes it to the info file); point `lex install --dns-server ... --plc-url ...` at it.
//!
//! For publishing: `--account alice.test:hunter2 --lexicon-authority example.com=alice.test`
//! creates a did:plc account on the PDS and delegates `_lexicon.example.com` to it, so
//! `lex publish --handle alice.test` can write `com.atproto.lexicon.schema` records there.
//!
//! The PDS also serves `createRecord`, `getServiceAuth` and the firehose
//! (`com.atproto.sync.subscribeRepos`, every write as a signed sync v1.1 `#commit`);
//! `--account-key alice.test=p256` picks an account's curve.

use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use lex_runtime::did_doc::KeyType;
use lex_tests::testnet::{Fault, TestNet, TestNetConfig};

/// The loopback test network for `lex install`, `lex resolve` and `lex publish`.
#[derive(Debug, Parser)]
#[command(name = "lex-testnet")]
struct Args {
    /// Folders of lexicon JSON to publish (repeatable).
    #[arg(long)]
    lexicons: Vec<PathBuf>,
    /// Create a did:plc account on the PDS (repeatable); its handle resolves through a
    /// `_atproto.HANDLE` TXT record.
    #[arg(long, value_name = "HANDLE:PASSWORD")]
    account: Vec<String>,
    /// Sign this account's commits with a `p256` or `secp256k1` key (repeatable; accounts
    /// without one alternate, secp256k1 first).
    #[arg(long, value_name = "HANDLE=CURVE")]
    account_key: Vec<String>,
    /// Set `_lexicon.DOMAIN` TXT to the DID of the account HANDLE (repeatable).
    #[arg(long, value_name = "DOMAIN=HANDLE")]
    lexicon_authority: Vec<String>,
    /// Answer every write to this account's repository with an error.
    #[arg(long, value_name = "HANDLE")]
    fault_refuse_writes: Vec<String>,
    /// Also write the connection info JSON to this file.
    #[arg(long)]
    info_file: Option<PathBuf>,
    /// Serve this NSID with a commit signed by the wrong key.
    #[arg(long, value_name = "NSID")]
    fault_bad_signature: Vec<String>,
    /// Serve this NSID with an `id` that differs from its record key.
    #[arg(long, value_name = "NSID")]
    fault_id_mismatch: Vec<String>,
    /// Publish this authority (e.g. `feed.bsky.app`) from a did:web instead of a did:plc.
    #[arg(long, value_name = "AUTHORITY")]
    did_web: Vec<String>,
    /// Give this NSID's authority two `did=` TXT records.
    #[arg(long, value_name = "NSID")]
    fault_two_dids: Vec<String>,
    /// Give this NSID's authority no TXT record.
    #[arg(long, value_name = "NSID")]
    fault_missing_txt: Vec<String>,
    /// Serve this NSID with an MST proof that does not contain it.
    #[arg(long, value_name = "NSID")]
    fault_wrong_mst: Vec<String>,
    /// Delay answers for this NSID: `NSID` (5 s) or `NSID=MILLISECONDS`.
    #[arg(long, value_name = "NSID[=MS]")]
    fault_slow: Vec<String>,
}

fn main() {
    let args = Args::parse();
    let mut config = TestNetConfig::new(args.lexicons);
    let faults = [
        (
            args.fault_bad_signature,
            Fault::BadSignature as fn(String) -> Fault,
        ),
        (args.fault_id_mismatch, Fault::IdMismatch),
        (args.fault_two_dids, Fault::TwoDids),
        (args.fault_missing_txt, Fault::MissingTxt),
        (args.fault_wrong_mst, Fault::WrongMstProof),
        (args.fault_refuse_writes, Fault::RefuseWrites),
    ];
    for (nsids, make) in faults {
        for nsid in nsids {
            config = config.fault(make(nsid));
        }
    }
    for spec in &args.account {
        let Some((handle, password)) = spec.split_once(':') else {
            eprintln!("error: --account `{spec}`: expected HANDLE:PASSWORD");
            std::process::exit(2);
        };
        config = config.account(handle, password);
    }
    for spec in &args.account_key {
        let curve = match spec.split_once('=') {
            Some((handle, "p256")) => Some((handle, KeyType::P256)),
            Some((handle, "secp256k1")) => Some((handle, KeyType::Secp256k1)),
            _ => None,
        };
        let Some((handle, curve)) = curve else {
            eprintln!("error: --account-key `{spec}`: expected HANDLE=p256 or HANDLE=secp256k1");
            std::process::exit(2);
        };
        config
            .account_key_types
            .push((handle.to_ascii_lowercase(), curve));
    }
    for spec in &args.lexicon_authority {
        let Some((domain, handle)) = spec.split_once('=') else {
            eprintln!("error: --lexicon-authority `{spec}`: expected DOMAIN=HANDLE");
            std::process::exit(2);
        };
        config = config.lexicon_authority(domain, handle);
    }
    for authority in &args.did_web {
        config = config.did_web(authority);
    }
    for spec in args.fault_slow {
        let (nsid, ms) = match spec.split_once('=') {
            Some((n, ms)) => (n.to_owned(), ms.parse().unwrap_or(5000)),
            None => (spec, 5000),
        };
        config = config.fault(Fault::Slow {
            nsid,
            delay: Duration::from_millis(ms),
        });
    }
    let net = match TestNet::start(config) {
        Ok(net) => net,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let info = net.info_json();
    if let Some(path) = &args.info_file {
        if let Err(e) = std::fs::write(path, format!("{info}\n")) {
            eprintln!("error: cannot write {}: {e}", path.display());
            std::process::exit(2);
        }
    }
    println!("{info}");
    loop {
        std::thread::park();
    }
}
