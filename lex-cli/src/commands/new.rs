//! `lex new`: start a lexicon from a style-guide-conformant template.
//!
//! The file goes to `<out>/<nsid as folders>/<name>.json` (the layout `lex install`
//! uses). Nothing is ever written through a symbolic link under `--out`: every folder
//! on the way is examined without following links and created one at a time, and the
//! file is written to a new temporary file and then moved into place.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use lex_compiler::template::{self, Kind, PLACEHOLDER};

use crate::exit::ExitCode;
use crate::output::{errln, outln};

/// `lex new` arguments.
#[derive(Debug, Args)]
#[command(after_long_help = "\
The template passes `lex check`; each text you must write is a `TODO(lex new): ...` \
placeholder, which `lex lint` reports as a `placeholder-description` warning until it is \
replaced. Records are keyed by TID and have a `createdAt`; strings have length limits; \
`query-list` takes `limit` (1-100, default 50) and `cursor` and returns `cursor` and the \
items; a permission set's name must start with `auth`.

Examples:
  lex new record com.example.blog.post
  lex new query-list com.example.blog.listPosts --out lexicons/

Exit codes: 0 written, 2 invalid NSID, existing file (without --force), a symbolic link \
on the way, or a write error.")]
pub(crate) struct NewArgs {
    /// What to start.
    #[arg(value_enum)]
    kind: NewKind,
    /// The NSID of the new lexicon (`com.example.blog.post`).
    nsid: String,
    /// Folder of lexicons; the file goes to `<out>/com/example/blog/post.json`.
    #[arg(long, default_value = "lexicons")]
    out: PathBuf,
    /// Replace an existing file (never a symbolic link).
    #[arg(long)]
    force: bool,
}

/// The kinds `lex new` can start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum NewKind {
    /// A record type (`key: "tid"`, with `createdAt`).
    Record,
    /// A query returning one object.
    Query,
    /// A paginated list query (`limit`/`cursor` in, `cursor` and items out).
    QueryList,
    /// A procedure with JSON input and output.
    Procedure,
    /// A subscription (event stream) with a cursor and a message union.
    Subscription,
    /// A permission set (its name must start with `auth`).
    PermissionSet,
    /// A reusable object.
    Object,
}

impl NewKind {
    fn template(self) -> Kind {
        match self {
            NewKind::Record => Kind::Record,
            NewKind::Query => Kind::Query,
            NewKind::QueryList => Kind::QueryList,
            NewKind::Procedure => Kind::Procedure,
            NewKind::Subscription => Kind::Subscription,
            NewKind::PermissionSet => Kind::PermissionSet,
            NewKind::Object => Kind::Object,
        }
    }
}

/// Runs `lex new`.
pub(crate) fn run(args: NewArgs) -> ExitCode {
    let text = match template::render(args.kind.template(), &args.nsid) {
        Ok(text) => text,
        Err(e) => {
            errln!("error: {e}");
            return ExitCode::Usage;
        }
    };
    let mut segments: Vec<&str> = args.nsid.split('.').collect();
    let file = format!("{}.json", segments.pop().unwrap_or_default());
    let path = segments
        .iter()
        .fold(args.out.clone(), |p, s| p.join(s))
        .join(&file);
    match write(&args.out, &segments, &file, text.as_bytes(), args.force) {
        Ok(()) => {
            outln!("created {}", path.display());
            errln!("next: replace each `{PLACEHOLDER}` text (`lex lint` lists them), then run `lex check`");
            ExitCode::Clean
        }
        Err(e) => {
            errln!("error: {}: {e}", path.display());
            ExitCode::Usage
        }
    }
}

/// Writes `out/<folders>/<file>`, creating folders as needed, never through a link.
fn write(out: &Path, folders: &[&str], file: &str, bytes: &[u8], force: bool) -> io::Result<()> {
    let mut dir = out.to_path_buf();
    if !dir.is_dir() {
        fs::create_dir_all(&dir)?;
    }
    for name in folders {
        dir.push(name);
        match fs::symlink_metadata(&dir) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(refused(
                    &dir,
                    "is a symbolic link; lex new never writes through one",
                ));
            }
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => return Err(refused(&dir, "is in the way (not a folder)")),
            Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::create_dir(&dir) {
                Ok(()) => {}
                // Made by someone else meanwhile: look at it again on the next pass.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let meta = fs::symlink_metadata(&dir)?;
                    if !meta.is_dir() {
                        return Err(refused(&dir, "is in the way (not a folder)"));
                    }
                }
                Err(e) => return Err(e),
            },
            Err(e) => return Err(e),
        }
    }
    let target = dir.join(file);
    let exists = match fs::symlink_metadata(&target) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(refused(
                &target,
                "is a symbolic link; lex new never writes through one",
            ));
        }
        Ok(meta) if !meta.is_file() => return Err(refused(&target, "is in the way (not a file)")),
        Ok(_) if !force => {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "already exists (use --force to replace it)",
            ));
        }
        Ok(_) => true,
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(e),
    };
    let tmp = dir.join(format!(".{file}.lex-new-{}", std::process::id()));
    let mut handle = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
    let result = handle
        .write_all(bytes)
        .and_then(|()| handle.sync_all())
        .and_then(|()| {
            if exists {
                fs::rename(&tmp, &target)
            } else {
                // A hard link fails if the name appeared meanwhile, so nothing is clobbered.
                fs::hard_link(&tmp, &target).map_err(|e| {
                    if e.kind() == io::ErrorKind::AlreadyExists {
                        io::Error::new(e.kind(), "already exists (use --force to replace it)")
                    } else {
                        e
                    }
                })
            }
        });
    let _ = fs::remove_file(&tmp);
    result
}

fn refused(path: &Path, why: &str) -> io::Error {
    io::Error::other(format!("{} {why}", path.display()))
}
