//! `lexicons.json` and the installed `lexicons/` folder: manifest text <-> [`Manifest`], the
//! file layout, record CIDs of local files, the dependencies of a document and the offline
//! drift check behind `lex install --ci`.
//!
//! The format is the TypeScript `lex`'s (`@atproto/lex-installer`), so both tools can share a
//! project: `{"version": 1, "lexicons": [roots, sorted], "resolutions": {nsid: {"uri",
//! "cid"}}}`. Lexicon files sit at `lexicons/<segments>/<name>.json` and hold the record
//! exactly as published, `"$type": "com.atproto.lexicon.schema"` included, with keys in
//! DAG-CBOR order and two-space indentation and no trailing newline: the bytes
//! `JSON.stringify(record, null, 2)` writes for the decoded record. A file's CID is therefore
//! the record CID, and both tools write byte-identical files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use lex_runtime::schema::{Document, Schema};
use lex_runtime::{Cid, Map, Nsid, Value};
use serde::{Deserialize, Serialize};

/// The collection lexicons are published in.
pub const SCHEMA_COLLECTION: &str = "com.atproto.lexicon.schema";

/// Why a manifest could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ManifestError {
    /// The file exists but cannot be read.
    #[error("cannot read {path}: {message}")]
    Io {
        /// The manifest path.
        path: String,
        /// The I/O error.
        message: String,
    },
    /// The text is not a version-1 manifest.
    #[error("invalid manifest {path}: {message}")]
    Invalid {
        /// The manifest path.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// Where and what one installed lexicon was resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// `at://DID/com.atproto.lexicon.schema/NSID`.
    pub uri: String,
    /// The record CID.
    pub cid: Cid,
}

/// The parsed `lexicons.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The lexicons asked for (roots), without their dependencies.
    pub lexicons: BTreeSet<String>,
    /// Every installed lexicon (roots and dependencies), by NSID.
    pub resolutions: BTreeMap<String, Resolution>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestJson {
    version: u32,
    lexicons: Vec<String>,
    resolutions: BTreeMap<String, ResolutionJson>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResolutionJson {
    uri: String,
    cid: String,
}

impl Manifest {
    /// Parses manifest text; `name` is used in errors.
    pub fn from_json(name: &str, text: &str) -> Result<Manifest, ManifestError> {
        let invalid = |message: String| ManifestError::Invalid {
            path: name.to_owned(),
            message,
        };
        let raw: ManifestJson = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
        if raw.version != 1 {
            return Err(invalid(format!("unsupported version {}", raw.version)));
        }
        let mut manifest = Manifest::default();
        for nsid in raw.lexicons {
            Nsid::new(&nsid).map_err(|e| invalid(format!("`{nsid}`: {e}")))?;
            manifest.lexicons.insert(nsid);
        }
        for (nsid, r) in raw.resolutions {
            Nsid::new(&nsid).map_err(|e| invalid(format!("`{nsid}`: {e}")))?;
            parse_record_uri(&r.uri).map_err(|e| invalid(format!("`{nsid}`: {e}")))?;
            let cid = r
                .cid
                .parse::<Cid>()
                .map_err(|e| invalid(format!("`{nsid}`: invalid cid: {e}")))?;
            manifest
                .resolutions
                .insert(nsid, Resolution { uri: r.uri, cid });
        }
        Ok(manifest)
    }

    /// Reads `path`; `Ok(None)` when the file does not exist.
    pub fn read(path: &Path) -> Result<Option<Manifest>, ManifestError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Manifest::from_json(&path.display().to_string(), &text).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(ManifestError::Io {
                path: path.display().to_string(),
                message: e.to_string(),
            }),
        }
    }

    /// The manifest text: two-space JSON, sorted, with a trailing newline.
    pub fn to_json(&self) -> String {
        let raw = ManifestJson {
            version: 1,
            lexicons: self.lexicons.iter().cloned().collect(),
            resolutions: self
                .resolutions
                .iter()
                .map(|(k, r)| {
                    (
                        k.clone(),
                        ResolutionJson {
                            uri: r.uri.clone(),
                            cid: r.cid.to_string(),
                        },
                    )
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&raw).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// `at://DID/com.atproto.lexicon.schema/NSID` -> (DID, NSID).
pub fn parse_record_uri(uri: &str) -> Result<(String, String), String> {
    let rest = uri
        .strip_prefix("at://")
        .ok_or_else(|| format!("`{uri}` is not an at:// URI"))?;
    let mut parts = rest.split('/');
    let (Some(did), Some(collection), Some(rkey), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(format!("`{uri}` is not at://DID/{SCHEMA_COLLECTION}/NSID"));
    };
    lex_runtime::Did::new(did).map_err(|e| format!("`{uri}`: {e}"))?;
    if collection != SCHEMA_COLLECTION {
        return Err(format!(
            "`{uri}` is not in the {SCHEMA_COLLECTION} collection"
        ));
    }
    Nsid::new(rkey).map_err(|e| format!("`{uri}`: {e}"))?;
    Ok((did.to_owned(), rkey.to_owned()))
}

/// The AT-URI of the schema record for `nsid` in `did`'s repository.
pub fn record_uri(did: &str, nsid: &str) -> String {
    format!("at://{did}/{SCHEMA_COLLECTION}/{nsid}")
}

/// `lexicons/app/bsky/feed/post.json` for `app.bsky.feed.post`.
pub fn lexicon_path(dir: &Path, nsid: &str) -> PathBuf {
    let mut path = dir.to_path_buf();
    let mut segments: Vec<&str> = nsid.split('.').collect();
    let name = segments.pop().unwrap_or_default();
    for s in segments {
        path.push(s);
    }
    path.push(format!("{name}.json"));
    path
}

/// The file text for a record: what `JSON.stringify(record, null, 2)` gives.
pub fn render_lexicon(record: &Map) -> String {
    lex_runtime::json::to_string_pretty(&Value::Map(record.clone()))
}

/// Why a local lexicon file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct LocalFileError {
    /// The file.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// A lexicon file read from disk.
#[derive(Debug, Clone)]
pub struct LocalLexicon {
    /// The record (document plus `$type`), as data.
    pub record: Map,
    /// Its CID (DAG-CBOR of the record).
    pub cid: Cid,
    /// The parsed document.
    pub document: Document,
    /// The file bytes.
    pub bytes: Vec<u8>,
}

/// Reads an installed lexicon file; `Ok(None)` when it does not exist.
pub fn read_local(path: &Path) -> Result<Option<LocalLexicon>, LocalFileError> {
    let err = |message: String| LocalFileError {
        path: path.display().to_string(),
        message,
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(err(e.to_string())),
    };
    let record = lex_runtime::json::record_from_slice(&bytes).map_err(|e| err(e.to_string()))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| err(e.to_string()))?;
    let document = Document::from_json_str(text).map_err(|e| err(e.to_string()))?;
    let cid = lex_runtime::cbor::cid_of(&Value::Map(record.clone()));
    Ok(Some(LocalLexicon {
        record,
        cid,
        document,
        bytes,
    }))
}

/// The NSIDs a document depends on: `ref` and union targets, `nsid#token` entries of
/// `knownValues`, and the collections and `lxm` methods of permission sets. Local refs and
/// strings that are not NSIDs (wildcards) are skipped; the document's own id is left out.
pub fn dependencies(doc: &Document) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut add = |target: &str| {
        if target.is_empty() || target == doc.id {
            return;
        }
        if Nsid::new(target).is_ok() {
            out.insert(target.to_owned());
        }
    };
    crate::syntax::walk_document(doc, &mut |node| match node.schema {
        Schema::Ref(r) => add(r.target.split('#').next().unwrap_or_default()),
        Schema::Union(u) => {
            for target in &u.refs {
                add(target.split('#').next().unwrap_or_default());
            }
        }
        Schema::String(s) => {
            for value in s.known_values.iter().flatten() {
                // Only `nsid#name` values are token references; plain strings are not.
                if let Some((nsid, name)) = value.split_once('#') {
                    if !name.is_empty() && !name.contains('#') {
                        add(nsid);
                    }
                }
            }
        }
        Schema::Permission(p) => {
            let key = match p.resource.as_str() {
                "rpc" => "lxm",
                "repo" => "collection",
                _ => return,
            };
            for value in p.string_list(key).into_iter().flatten() {
                add(value);
            }
        }
        _ => {}
    });
    out
}

/// One way the installed state differs from the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    /// No manifest file.
    NoManifest,
    /// A lexicon asked for on the command line is not a root in the manifest.
    NotInManifest(String),
    /// The manifest lists a lexicon whose file is missing.
    MissingFile {
        /// The NSID.
        nsid: String,
        /// The expected file.
        path: PathBuf,
    },
    /// A file's CID is not the manifest's.
    Edited {
        /// The NSID.
        nsid: String,
        /// The file.
        path: PathBuf,
        /// The manifest's CID.
        expected: Box<Cid>,
        /// The file's CID.
        found: Box<Cid>,
    },
    /// A file cannot be read or parsed.
    Unreadable(LocalFileError),
    /// A dependency of an installed lexicon has no manifest entry.
    MissingDependency {
        /// The lexicon that needs it.
        from: String,
        /// The missing NSID.
        nsid: String,
    },
    /// The manifest has an entry nothing needs.
    Unused(String),
    /// A resolution's URI names another record than the NSID it is listed under.
    UriMismatch {
        /// The NSID the entry is listed under.
        nsid: String,
        /// The URI's record key.
        rkey: String,
    },
    /// A file's `id` is not the NSID its path stands for.
    IdMismatch {
        /// The NSID of the path (and of the manifest entry).
        nsid: String,
        /// The file.
        path: PathBuf,
        /// The file's `id`.
        id: String,
    },
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Drift::NoManifest => write!(f, "there is no manifest"),
            Drift::NotInManifest(n) => write!(f, "`{n}` is not in the manifest"),
            Drift::MissingFile { nsid, path } => {
                write!(f, "`{nsid}`: {} is missing", path.display())
            }
            Drift::Edited {
                nsid,
                path,
                expected,
                found,
            } => write!(
                f,
                "`{nsid}`: {} has CID {found}, the manifest pins {expected}",
                path.display()
            ),
            Drift::Unreadable(e) => write!(f, "{e}"),
            Drift::MissingDependency { from, nsid } => {
                write!(f, "`{nsid}` (needed by `{from}`) is not in the manifest")
            }
            Drift::Unused(n) => write!(f, "`{n}` is in the manifest but nothing needs it"),
            Drift::UriMismatch { nsid, rkey } => write!(
                f,
                "`{nsid}`: the manifest's resolution URI names the record `{rkey}`"
            ),
            Drift::IdMismatch { nsid, path, id } => {
                write!(f, "`{nsid}`: {} holds the lexicon `{id}`", path.display())
            }
        }
    }
}

/// Compares the manifest with the lexicon files, without touching the network or the disk:
/// every pinned file exists with the pinned CID, every dependency is pinned, nothing extra
/// is pinned, every resolution URI names its own NSID, every file holds the lexicon its
/// path names, and every NSID in `additions` is a root.
pub fn check_drift(manifest: Option<&Manifest>, dir: &Path, additions: &[String]) -> Vec<Drift> {
    let Some(manifest) = manifest else {
        return vec![Drift::NoManifest];
    };
    let mut drift = Vec::new();
    for a in additions {
        if !manifest.lexicons.contains(a) {
            drift.push(Drift::NotInManifest(a.clone()));
        }
    }
    let mut needed: BTreeSet<String> = BTreeSet::new();
    let mut queue: Vec<(String, Option<String>)> = manifest
        .lexicons
        .iter()
        .map(|n| (n.clone(), None))
        .collect();
    while let Some((nsid, from)) = queue.pop() {
        if !needed.insert(nsid.clone()) {
            continue;
        }
        let Some(resolution) = manifest.resolutions.get(&nsid) else {
            drift.push(match from {
                Some(from) => Drift::MissingDependency { from, nsid },
                None => Drift::NotInManifest(nsid),
            });
            continue;
        };
        // A URI that names another record would make the next `lex install` fetch (and the
        // CID check pass for) a different lexicon than the one this entry stands for.
        if let Ok((_, rkey)) = parse_record_uri(&resolution.uri) {
            if rkey != nsid {
                drift.push(Drift::UriMismatch {
                    nsid: nsid.clone(),
                    rkey,
                });
            }
        }
        let path = lexicon_path(dir, &nsid);
        match read_local(&path) {
            Ok(None) => drift.push(Drift::MissingFile { nsid, path }),
            Err(e) => drift.push(Drift::Unreadable(e)),
            Ok(Some(local)) => {
                if local.document.id != nsid {
                    drift.push(Drift::IdMismatch {
                        nsid: nsid.clone(),
                        path: path.clone(),
                        id: local.document.id.to_string(),
                    });
                }
                if local.cid != resolution.cid {
                    drift.push(Drift::Edited {
                        nsid: nsid.clone(),
                        path,
                        expected: Box::new(resolution.cid),
                        found: Box::new(local.cid),
                    });
                }
                for dep in dependencies(&local.document) {
                    queue.push((dep, Some(nsid.clone())));
                }
            }
        }
    }
    for nsid in manifest.resolutions.keys() {
        if !needed.contains(nsid) {
            drift.push(Drift::Unused(nsid.clone()));
        }
    }
    drift
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_round_trip_matches_the_typescript_layout() {
        let text = r#"{
  "version": 1,
  "lexicons": [
    "app.bsky.feed.post"
  ],
  "resolutions": {
    "app.bsky.feed.post": {
      "uri": "at://did:plc:4v4y5r3lwsbtmsxhile2ljac/com.atproto.lexicon.schema/app.bsky.feed.post",
      "cid": "bafyreia7rgxu7467phwpcgzaw62l5bzmxufkpikrc5zm4q3xhjmuhq4pti"
    }
  }
}
"#;
        let m = Manifest::from_json("lexicons.json", text).unwrap();
        assert_eq!(m.to_json(), text);
        assert!(
            Manifest::from_json("m", r#"{"version": 2, "lexicons": [], "resolutions": {}}"#)
                .is_err()
        );
        assert!(Manifest::from_json(
            "m",
            r#"{"version": 1, "lexicons": ["x"], "resolutions": {}}"#
        )
        .is_err());
        let empty = Manifest::default().to_json();
        assert_eq!(
            empty,
            "{\n  \"version\": 1,\n  \"lexicons\": [],\n  \"resolutions\": {}\n}\n"
        );
    }

    /// A fresh folder holding one installed lexicon file for `nsid` whose `id` is `id`, and
    /// a manifest pinning it under `nsid` with the file's own CID and the URI's record key
    /// `rkey`.
    fn installed(tag: &str, nsid: &str, id: &str, rkey: &str) -> (PathBuf, Manifest) {
        let dir = std::env::temp_dir().join(format!(
            "lex-drift-{tag}-{}-{:?}",
            std::process::id(),
            std::time::SystemTime::now()
        ));
        let text = format!(
            r#"{{"$type": "{SCHEMA_COLLECTION}", "lexicon": 1, "id": "{id}", "defs": {{"main": {{"type": "token"}}}}}}"#
        );
        let path = lexicon_path(&dir, nsid);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        let local = read_local(&path).unwrap().unwrap();
        let mut manifest = Manifest::default();
        manifest.lexicons.insert(nsid.to_owned());
        manifest.resolutions.insert(
            nsid.to_owned(),
            Resolution {
                uri: record_uri("did:plc:abc", rkey),
                cid: local.cid,
            },
        );
        (dir, manifest)
    }

    #[test]
    fn drift_is_empty_for_a_consistent_install() {
        let (dir, m) = installed("ok", "com.example.a", "com.example.a", "com.example.a");
        assert_eq!(check_drift(Some(&m), &dir, &[]), []);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn drift_names_a_resolution_uri_for_another_record() {
        let (dir, m) = installed("uri", "com.example.a", "com.example.a", "com.example.b");
        assert_eq!(
            check_drift(Some(&m), &dir, &[]),
            [Drift::UriMismatch {
                nsid: "com.example.a".into(),
                rkey: "com.example.b".into()
            }]
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn drift_names_a_file_holding_another_lexicon() {
        let (dir, m) = installed("id", "com.example.a", "com.example.b", "com.example.a");
        let drift = check_drift(Some(&m), &dir, &[]);
        assert_eq!(
            drift,
            [Drift::IdMismatch {
                nsid: "com.example.a".into(),
                path: lexicon_path(&dir, "com.example.a"),
                id: "com.example.b".into()
            }]
        );
        assert!(drift[0]
            .to_string()
            .contains("holds the lexicon `com.example.b`"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn paths_and_uris() {
        assert_eq!(
            lexicon_path(Path::new("lexicons"), "app.bsky.feed.post"),
            Path::new("lexicons/app/bsky/feed/post.json")
        );
        assert_eq!(
            parse_record_uri("at://did:plc:abc/com.atproto.lexicon.schema/app.bsky.feed.post"),
            Ok(("did:plc:abc".into(), "app.bsky.feed.post".into()))
        );
        assert!(parse_record_uri("at://did:plc:abc/app.bsky.feed.post").is_err());
        assert!(parse_record_uri("at://handle.test/com.atproto.lexicon.schema/a.b.c").is_err());
    }

    #[test]
    fn dependencies_follow_refs_tokens_and_permissions() {
        let doc = Document::from_json_str(
            r##"{"lexicon": 1, "id": "com.example.a", "defs": {
              "main": {"type": "record", "key": "tid", "record": {"type": "object", "properties": {
                "r": {"type": "ref", "ref": "com.example.b#x"},
                "l": {"type": "ref", "ref": "#local"},
                "u": {"type": "union", "refs": ["com.example.c", "com.example.a#local"]},
                "k": {"type": "string", "knownValues": ["com.example.d#tok", "plain", "com.example.e"]}
              }}},
              "local": {"type": "object", "properties": {}},
              "perms": {"type": "permission-set", "permissions": [
                {"type": "permission", "resource": "repo", "collection": ["com.example.f", "*"]},
                {"type": "permission", "resource": "rpc", "lxm": ["com.example.g"], "aud": "*"}
              ]}
            }}"##,
        )
        .unwrap();
        let deps: Vec<String> = dependencies(&doc).into_iter().collect();
        assert_eq!(
            deps,
            [
                "com.example.b",
                "com.example.c",
                "com.example.d",
                "com.example.f",
                "com.example.g"
            ]
        );
    }
}
