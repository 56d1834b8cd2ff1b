//! `lex breaking --against OLD [PATHS]`: compare lexicons with an older version (a
//! folder, `git:REV` of the local repository, the versions pinned in `lexicons.json`, or
//! the versions published on the network) and report breaking changes.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use clap::Args;
use lex_compiler::check::breaking;
use lex_compiler::check::selection::select;
use lex_compiler::{LoadOptions, Loaded};

use super::install::NetworkArgs;
use super::lint::{config_errors, input_errors, load_config};
use crate::exit::ExitCode;
use crate::output::errln;
use crate::report::{outcome, print_findings, FailOn, Format};

/// `lex breaking` arguments.
#[derive(Debug, Args)]
pub(crate) struct BreakingArgs {
    /// The old version: a folder or file; `git:REV` (e.g. `git:origin/main`) for the
    /// same paths at that revision of the repository in the current directory;
    /// `manifest` for the versions pinned in `lexicons.json` (fetched from their
    /// repositories and checked against the pinned CIDs); or `published` for the versions
    /// the network serves now (lexicons not published yet count as new).
    #[arg(long, value_name = "OLD")]
    against: String,
    /// The manifest `--against manifest` reads.
    #[arg(long, value_name = "FILE", default_value = "lexicons.json")]
    manifest: PathBuf,
    #[command(flatten)]
    network: NetworkArgs,
    /// The new lexicon files or folders.
    #[arg(default_value = "lexicons")]
    paths: Vec<PathBuf>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit with 1 when a finding has this level or a higher one.
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// The configuration file (default: `lex.toml` in the current directory, if any).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Accept an old version with no lexicons (all counted as new); without it an empty
    /// baseline is a usage error, since a mistyped `--against` would pass every change.
    #[arg(long)]
    allow_empty_baseline: bool,
    #[command(flatten)]
    load: crate::args::LoadArgs,
}

/// Runs `lex breaking`: 0 when no finding reaches `--fail-on`, 1 when one does, 2 on
/// usage or input errors (bad config, missing path, unknown git revision).
pub(crate) fn run(args: BreakingArgs) -> ExitCode {
    let config = match load_config(args.config.as_deref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let selection = match select(
        &config,
        &config.breaking,
        "breaking",
        breaking::registry(),
        breaking::categories(),
    ) {
        Ok(s) => s,
        Err(errors) => return config_errors(errors),
    };
    let options = args.load.options(config.max_lexicon_size);
    let new = lex_compiler::load_paths_with(&args.paths, &options);
    if let Some(code) = input_errors(&new.diagnostics) {
        return code;
    }
    let old = match load_old(&args, &new, &options) {
        Ok(old) => old,
        Err((code, message)) => {
            errln!("error: {message}");
            return code;
        }
    };
    if let Some(code) = input_errors(&old.diagnostics) {
        return code;
    }
    if old.catalog.document_count() == 0 {
        if !args.allow_empty_baseline {
            errln!(
                "error: `--against {}` holds no lexicons for these paths, so every change \
                 would pass as new",
                args.against
            );
            errln!(
                "  help: check the folder, file or revision; pass `--allow-empty-baseline` when \
                 there is no old version yet"
            );
            return ExitCode::Usage;
        }
        errln!(
            "note: no lexicons found in `{}` for these paths; everything counts as new",
            args.against
        );
    }
    for (which, loaded) in [("old", &old), ("new", &new)] {
        let errors = loaded.diagnostics.error_count();
        if errors > 0 {
            errln!(
                "note: the {which} lexicons have {errors} errors (see `lex check`); the comparison is best effort"
            );
        }
    }
    let breaks = breaking::breaking(&old.catalog, &new.catalog, &selection);
    let summary = format!(
        "compared {} lexicons against {} ({} accepted breaks)",
        new.catalog.document_count(),
        args.against,
        breaks.accepted.len()
    );
    print_findings(
        &breaks.findings,
        args.format,
        "breaking",
        breaking::registry(),
        &summary,
    );
    outcome(&breaks.findings, args.fail_on)
}

/// Loads the old version named by `--against`; on failure, the exit code and message.
fn load_old(
    args: &BreakingArgs,
    new: &Loaded,
    options: &LoadOptions,
) -> Result<Loaded, (ExitCode, String)> {
    let against = args.against.as_str();
    if let Some(rev) = against.strip_prefix("git:") {
        return load_git(rev, &args.paths, options).map_err(|m| (ExitCode::Usage, m));
    }
    if against == "published" {
        return super::breaking_network::load_published(&args.network, new, options);
    }
    let path = Path::new(against);
    if against == "manifest" {
        return super::breaking_network::load_pinned(&args.network, &args.manifest, options);
    }
    if path.is_file() && path.file_name().is_some_and(|n| n == "lexicons.json") {
        return super::breaking_network::load_pinned(&args.network, path, options);
    }
    if !path.exists() {
        return Err((
            ExitCode::Usage,
            format!(
                "`--against {against}`: no such folder or file (use a folder, `git:REV`, \
                 `manifest` or `published`)"
            ),
        ));
    }
    Ok(lex_compiler::load_paths_with(&[path], options))
}

/// Reads the lexicon files under `paths` as they were at `rev` (`git ls-tree` lists them,
/// one `git cat-file --batch` reads them all) and loads them from memory, named
/// `git:REV:path`.
fn load_git(rev: &str, paths: &[PathBuf], options: &LoadOptions) -> Result<Loaded, String> {
    if rev.is_empty() {
        return Err("`--against git:` needs a revision, e.g. `git:origin/main`".to_owned());
    }
    let commit = format!("{rev}^{{commit}}");
    if git(&["rev-parse", "--verify", "--quiet", &commit]).is_err() {
        let shallow =
            git(&["rev-parse", "--is-shallow-repository"]).is_ok_and(|s| s.trim() == "true");
        let hint = if shallow {
            " (this is a shallow clone: run `git fetch --unshallow`, or fetch the revision, e.g. `git fetch origin main`)"
        } else {
            ""
        };
        return Err(format!("unknown git revision `{rev}`{hint}"));
    }
    let prefix = git(&["rev-parse", "--show-prefix"])
        .map_err(|e| format!("`--against git:{rev}` needs a git repository here: {e}"))?;
    let mut specs = Vec::new();
    for p in paths {
        specs.push(repo_relative(prefix.trim(), p)?);
    }
    let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", rev, "--"];
    args.extend(specs.iter().map(String::as_str));
    let listing = git(&args)?;
    let mut files: Vec<(String, String)> = Vec::new();
    for entry in listing.split('\0').filter(|e| !e.is_empty()) {
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (Some(mode), Some(kind), Some(object)) = (meta.next(), meta.next(), meta.next()) else {
            continue;
        };
        // A symbolic link is a blob holding its target's path, not JSON; its target, when
        // under the paths, is listed and loaded on its own (once).
        if mode == "120000" {
            continue;
        }
        let hidden = path.split('/').any(|c| c.starts_with('.'));
        let is_lexicon = path.ends_with(".json") && !path.ends_with("lexicons.json");
        if kind == "blob" && is_lexicon && !hidden {
            files.push((object.to_owned(), path.to_owned()));
        }
    }
    let limit = options.lexicon_size_limit();
    let texts = cat_files(files.iter().map(|(object, _)| object.as_str()), limit)?;
    let mut too_large = Vec::new();
    let mut sources = Vec::new();
    for ((_, path), text) in files.iter().zip(texts) {
        let name = format!("git:{rev}:{path}");
        match text {
            Ok(text) => sources.push((name, text)),
            Err(size) => too_large.push(lex_compiler::resolve::too_large(&name, size, limit)),
        }
    }
    let mut loaded = lex_compiler::load_sources_with(sources, options);
    for d in too_large {
        loaded.diagnostics.push(d);
    }
    Ok(loaded)
}

/// `path` (relative to the current directory, which is `prefix` inside the repository)
/// as a path from the repository root.
fn repo_relative(prefix: &str, path: &Path) -> Result<String, String> {
    if path.is_absolute() {
        return Err(format!(
            "{} is an absolute path; with `git:REV` give paths inside the repository",
            path.display()
        ));
    }
    let mut parts: Vec<String> = prefix
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    for c in path.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::ParentDir if parts.pop().is_none() => {
                return Err(format!("{} is outside the repository", path.display()));
            }
            _ => {}
        }
    }
    Ok(parts.join("/"))
}

/// Runs git and returns its stdout; stderr becomes the error.
fn git(args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}

/// The contents of the given blobs, in order, through one `git cat-file --batch`.
/// A blob over `limit` bytes is skipped unread and given as `Err(size)`.
fn cat_files<'a>(
    objects: impl Iterator<Item = &'a str>,
    limit: u64,
) -> Result<Vec<Result<String, u64>>, String> {
    let objects: Vec<&str> = objects.collect();
    if objects.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let request: String = objects.iter().map(|o| format!("{o}\n")).collect();
    let mut stdin = child.stdin.take().ok_or("git cat-file: no stdin")?;
    // Written from a thread so that a large batch cannot deadlock on full pipes.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let stdout = child.stdout.take().ok_or("git cat-file: no stdout")?;
    let mut reader = BufReader::new(stdout);
    let mut texts = Vec::with_capacity(objects.len());
    for object in &objects {
        let mut header = String::new();
        reader
            .read_line(&mut header)
            .map_err(|e| format!("git cat-file: {e}"))?;
        let size: usize = header
            .trim_end()
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("git cat-file: cannot read {object}: {}", header.trim()))?;
        let len = u64::try_from(size).unwrap_or(u64::MAX);
        if len > limit {
            // Skip the blob (and its newline) without holding it in memory.
            let skipped = std::io::copy(
                &mut (&mut reader).take(len.saturating_add(1)),
                &mut std::io::sink(),
            )
            .map_err(|e| format!("git cat-file: {e}"))?;
            if skipped != len.saturating_add(1) {
                return Err(format!("git cat-file: {object} ended early"));
            }
            texts.push(Err(len));
            continue;
        }
        let mut body = vec![0; size];
        reader
            .read_exact(&mut body)
            .map_err(|e| format!("git cat-file: {e}"))?;
        let mut newline = [0u8; 1];
        reader
            .read_exact(&mut newline)
            .map_err(|e| format!("git cat-file: {e}"))?;
        texts.push(Ok(String::from_utf8_lossy(&body).into_owned()));
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(texts)
}
