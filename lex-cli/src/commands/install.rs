//! `lex install`: resolve and fetch lexicons and everything they reference into `lexicons/`
//! and `lexicons.json` (the TypeScript `lex`'s format); `--ci` checks for drift offline.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use lex_compiler::manifest::{check_drift, Manifest};
use lex_compiler::network::install::{
    install, parse_addition, InstallError, InstallOptions, Progress, Source,
};
use lex_compiler::network::NetworkConfig;

use crate::exit::ExitCode;
use crate::output::{errln, outln};

/// `lex install` arguments.
#[derive(Debug, Args)]
pub(crate) struct InstallArgs {
    /// Lexicons to add: NSIDs or `at://DID/com.atproto.lexicon.schema/NSID` URIs. Without
    /// any, installs what the manifest lists.
    #[arg(value_name = "NSID|AT-URI")]
    add: Vec<String>,
    /// The manifest file.
    #[arg(long, default_value = "lexicons.json")]
    manifest: PathBuf,
    /// The folder lexicon files are installed into.
    #[arg(long, default_value = "lexicons")]
    lexicons: PathBuf,
    /// Update the manifest with what was installed (the default).
    #[arg(long, overrides_with = "no_save")]
    save: bool,
    /// Leave the manifest untouched.
    #[arg(long = "no-save", overrides_with = "save")]
    no_save: bool,
    /// Refetch every lexicon from the network, replacing local files.
    #[arg(long, conflicts_with = "ci")]
    update: bool,
    /// Fail (exit 1) if the files or the manifest drifted; offline, writes nothing.
    #[arg(long)]
    ci: bool,
    #[command(flatten)]
    network: NetworkArgs,
}

/// Where resolution goes; shared by `lex install` and `lex resolve`.
#[derive(Debug, Args)]
pub(crate) struct NetworkArgs {
    /// DNS server for `_lexicon` TXT lookups instead of the system's.
    #[arg(long, env = "LEX_DNS_SERVER", value_name = "ADDR:PORT")]
    dns_server: Option<SocketAddr>,
    /// PLC directory URL [default: https://plc.directory]. An http loopback URL also allows
    /// http loopback PDS endpoints (local test networks).
    #[arg(long, env = "LEX_PLC_URL", value_name = "URL")]
    plc_url: Option<String>,
    /// Allow http and loopback endpoints found in DID documents (test networks only; also
    /// `LEX_ALLOW_INSECURE_LOOPBACK=1`).
    #[arg(long)]
    allow_insecure_loopback: bool,
    /// Timeout of each network request, in seconds.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    timeout: u64,
}

impl NetworkArgs {
    /// The resolution settings these arguments describe.
    pub(crate) fn config(&self) -> NetworkConfig {
        let env_flag = std::env::var("LEX_ALLOW_INSECURE_LOOPBACK")
            .is_ok_and(|v| matches!(v.as_str(), "1" | "true" | "yes"));
        NetworkConfig {
            dns_server: self.dns_server,
            plc_url: self.plc_url.clone(),
            allow_insecure_loopback: self.allow_insecure_loopback || env_flag,
            timeout: Duration::from_secs(self.timeout.max(1)),
            ..NetworkConfig::default()
        }
    }
}

/// Runs `lex install`.
pub(crate) fn run(args: InstallArgs) -> ExitCode {
    if args.ci {
        return run_ci(&args);
    }
    let options = InstallOptions {
        additions: args.add.clone(),
        manifest: args.manifest.clone(),
        lexicons: args.lexicons.clone(),
        save: !args.no_save,
        update: args.update,
        network: args.network.config(),
    };
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    });
    let progress = |event: Progress<'_>| match (&bar, event) {
        (Some(bar), Progress::Queued { total }) => bar.set_length(total as u64),
        (Some(bar), Progress::Done { nsid, .. }) => {
            bar.inc(1);
            bar.set_message(nsid.to_owned());
        }
        (None, Progress::Done { nsid, source }) => errln!(
            "{} {nsid}",
            match source {
                Source::Local => "unchanged",
                Source::Network => "fetched",
            }
        ),
        (None, Progress::Queued { .. }) => {}
    };
    let result = install(&options, &progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    match result {
        Ok(report) => {
            let fetched = report
                .lexicons
                .values()
                .filter(|s| **s == Source::Network)
                .count();
            outln!(
                "installed {} lexicons ({} fetched, {} unchanged); {} files written",
                report.lexicons.len(),
                fetched,
                report.lexicons.len() - fetched,
                report.written.len()
            );
            ExitCode::Clean
        }
        Err(e) => {
            let code = match &e {
                InstallError::Usage(_) | InstallError::Io(_) => ExitCode::Usage,
                InstallError::Network(_) => ExitCode::Network,
                InstallError::Conflict(_) => ExitCode::Findings,
            };
            for line in e.to_string().lines() {
                errln!("error: {line}");
            }
            errln!("nothing was written");
            code
        }
    }
}

/// `--ci`: compares the manifest with the files; touches neither the network nor the disk.
fn run_ci(args: &InstallArgs) -> ExitCode {
    let mut additions = Vec::new();
    for a in &args.add {
        match parse_addition(a) {
            Ok((nsid, _)) => additions.push(nsid),
            Err(e) => {
                errln!("error: {e}");
                return ExitCode::Usage;
            }
        }
    }
    let manifest = match Manifest::read(&args.manifest) {
        Ok(m) => m,
        Err(e) => {
            errln!("error: {e}");
            return ExitCode::Usage;
        }
    };
    let drift = check_drift(manifest.as_ref(), &args.lexicons, &additions);
    if drift.is_empty() {
        let n = manifest.map_or(0, |m| m.resolutions.len());
        outln!("{} lexicons match {}", n, args.manifest.display());
        return ExitCode::Clean;
    }
    for d in &drift {
        errln!("drift: {d}");
    }
    errln!(
        "{} is out of date: run `lex install` (or `lex install --update`) and commit the result",
        args.manifest.display()
    );
    ExitCode::Findings
}
