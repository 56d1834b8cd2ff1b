//! The test network's content: one DID, key and signed repository per NSID authority (or
//! one shared did:web repository for the authorities configured so), each
//! lexicon a `com.atproto.lexicon.schema` record, and the faults applied on top.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

use lex_runtime::commit::{Commit, SigningKey};
use lex_runtime::did_doc::{DidDocument, KeyType};
use lex_runtime::schema::Document;
use lex_runtime::validate::SchemaSet;
use lex_runtime::{Cid, Map, Nsid, Value};
use sha2::{Digest, Sha256};
use std::sync::{OnceLock, RwLock};

use super::accounts::{Account, Sessions};
use super::dns::Zone;
use super::firehose::Firehose;
use super::{Fault, TestNetConfig};

const COLLECTION: &str = "com.atproto.lexicon.schema";

/// What the PDS serves for one record.
#[derive(Debug, Clone)]
pub(super) struct Served {
    /// The CAR bytes (commit + MST path + record).
    pub(super) car: Vec<u8>,
    /// Delay before answering (the slow-server fault).
    pub(super) delay: Option<Duration>,
}

/// Everything the servers answer from.
#[derive(Debug, Default)]
pub(super) struct Network {
    /// DID documents (JSON) by DID; an account's changes when its key rotates.
    pub(super) did_docs: DidDocs,
    /// getRecord answers by (DID, NSID).
    pub(super) records: HashMap<(String, String), Served>,
    /// The record CID the PDS holds, by NSID.
    pub(super) cids: BTreeMap<String, Cid>,
    /// The DID publishing each NSID.
    pub(super) dids: BTreeMap<String, String>,
    /// The PDS URL (DID documents name it).
    pub(super) pds_url: String,
    /// The did:web served at `/.well-known/did.json` of the PLC server.
    pub(super) web_did: String,
    /// Accounts with writable repositories (`--account`).
    pub(super) accounts: Vec<Account>,
    /// Their sessions.
    pub(super) sessions: Sessions,
    /// `com.atproto.sync.subscribeRepos`.
    pub(super) firehose: Firehose,
    /// The served lexicons, for `createRecord`'s validation (compiled on first use).
    pub(super) schemas: Schemas,
}

/// DID documents (JSON) by DID, replaceable while the network runs.
#[derive(Debug, Default)]
pub(super) struct DidDocs(RwLock<HashMap<String, String>>);

impl DidDocs {
    /// The document of `did`.
    pub(super) fn get(&self, did: &str) -> Option<String> {
        let docs = match self.0.read() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        docs.get(did).cloned()
    }

    /// Sets the document of `did`.
    pub(super) fn insert(&self, did: String, doc: String) {
        let mut docs = match self.0.write() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        docs.insert(did, doc);
    }
}

/// The lexicons the network serves, as a schema set for validating records.
#[derive(Debug, Default)]
pub(super) struct Schemas {
    dirs: Vec<PathBuf>,
    set: OnceLock<SchemaSet>,
}

impl Schemas {
    /// The schema set of every lexicon under the network's folders (files that do not load
    /// are left out: the network serves them, but cannot validate against them).
    pub(super) fn get(&self) -> &SchemaSet {
        self.set.get_or_init(|| {
            let mut files = Vec::new();
            for dir in &self.dirs {
                // A folder that cannot be read was reported when the network started.
                let _ = collect(dir, &mut files);
            }
            let docs = files.iter().filter_map(|f| {
                let text = std::fs::read_to_string(f).ok()?;
                Document::from_json_str(&text).ok()
            });
            SchemaSet::from_documents_lenient(docs)
        })
    }
}

impl Network {
    /// The account with this DID or handle.
    pub(super) fn account(&self, id: &str) -> Option<&Account> {
        self.accounts
            .iter()
            .find(|a| a.did == id || a.handle.eq_ignore_ascii_case(id))
    }
}

/// A lexicon loaded from disk.
struct Lexicon {
    nsid: String,
    record: Map,
}

/// Reads every `*.json` lexicon under `dirs` (the manifest `lexicons.json` excluded).
fn load(dirs: &[PathBuf]) -> Result<Vec<Lexicon>, String> {
    let mut files = Vec::new();
    for dir in dirs {
        collect(dir, &mut files)?;
    }
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let Ok(Value::Map(mut record)) = lex_runtime::json::from_str(&text) else {
            return Err(format!("{}: not a JSON object", file.display()));
        };
        let Some(nsid) = record.get("id").and_then(Value::as_str).map(str::to_owned) else {
            continue;
        };
        record.insert("$type", Value::String(COLLECTION.into()));
        out.push(Lexicon { nsid, record });
    }
    Ok(out)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json")
            && path.file_name().is_some_and(|n| n != "lexicons.json")
        {
            out.push(path);
        }
    }
    Ok(())
}

fn hash(label: &str, value: &str) -> [u8; 32] {
    Sha256::digest(format!("lex-testnet:{label}:{value}").as_bytes()).into()
}

/// A synthetic but well-formed did:plc (24 base32 characters) for `authority`.
pub fn did_for(authority: &str) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz234567";
    let h = hash("did", authority);
    let id: String = h
        .iter()
        .take(24)
        .map(|b| char::from(ALPHABET[usize::from(b % 32)]))
        .collect();
    format!("did:plc:{id}")
}

fn key_for(authority: &str, key_type: KeyType, label: &str) -> Result<SigningKey, String> {
    let mut seed = hash(label, authority);
    for _ in 0..16 {
        if let Some(k) = SigningKey::from_bytes(key_type, &seed) {
            return Ok(k);
        }
        seed = Sha256::digest(seed).into();
    }
    Err(format!("cannot derive a key for {authority}"))
}

const REV: &str = "3l7dqmwzs7c2a";

/// Builds the network for the lexicons under `dirs`, with `faults` applied; the
/// authorities in `web` publish from the did:web `web_did` (one shared repository).
pub(super) fn build(
    config: &TestNetConfig,
    web_did: &str,
    pds_url: &str,
) -> Result<(Network, Zone), String> {
    let (dirs, faults, web) = (&config.lexicon_dirs, &config.faults, &config.did_web);
    let lexicons = load(dirs)?;
    let mut by_authority: BTreeMap<String, Vec<Lexicon>> = BTreeMap::new();
    for mut lex in lexicons {
        let nsid = Nsid::new(&lex.nsid).map_err(|e| format!("`{}`: {e}", lex.nsid))?;
        if faults
            .iter()
            .any(|f| matches!(f, Fault::IdMismatch(n) if *n == lex.nsid))
        {
            lex.record
                .insert("id", Value::String(format!("{}Mismatch", lex.nsid)));
        }
        by_authority
            .entry(nsid.authority_domain())
            .or_default()
            .push(lex);
    }
    let mut net = Network {
        web_did: web_did.to_owned(),
        pds_url: pds_url.to_owned(),
        schemas: Schemas {
            dirs: dirs.clone(),
            set: OnceLock::new(),
        },
        ..Network::default()
    };
    let mut zone = Zone::new();
    // TXT records per authority; repositories per DID (did:web authorities share one).
    let mut by_did: BTreeMap<String, Vec<Lexicon>> = BTreeMap::new();
    for (index, (authority, lexicons)) in by_authority.into_iter().enumerate() {
        let did = if web.contains(&authority) {
            web_did.to_owned()
        } else {
            did_for(&authority)
        };
        // Whether a fault picked out by `pick` names one of this authority's lexicons.
        let names_here = |pick: fn(&Fault) -> Option<&str>| {
            faults
                .iter()
                .filter_map(pick)
                .any(|n| lexicons.iter().any(|l| l.nsid == n))
        };
        let txt_name = format!("_lexicon.{authority}.");
        let two = names_here(|f| match f {
            Fault::TwoDids(n) => Some(n),
            _ => None,
        });
        let missing = names_here(|f| match f {
            Fault::MissingTxt(n) => Some(n),
            _ => None,
        });
        if !missing {
            // Unrelated TXT values and split chunks exercise the resolver's parsing.
            let did_value = format!("did={did}");
            let (a, b) = did_value.split_at(did_value.len() / 2);
            let mut values = vec![
                vec!["v=lex-testnet".to_owned()],
                if index % 2 == 0 {
                    vec![did_value.clone()]
                } else {
                    vec![a.to_owned(), b.to_owned()]
                },
            ];
            if two {
                values.push(vec![format!(
                    "did={}",
                    did_for(&format!("other.{authority}"))
                )]);
            }
            zone.insert(txt_name, values);
        }
        by_did.entry(did).or_default().extend(lexicons);
    }
    for (index, (did, lexicons)) in by_did.iter().enumerate() {
        // Alternate curves so both verification paths are exercised.
        let key_type = if index % 2 == 0 {
            KeyType::Secp256k1
        } else {
            KeyType::P256
        };
        publish(&mut net, did, lexicons, key_type, faults, pds_url)?;
    }
    add_accounts(config, pds_url, &mut net, &mut zone)?;
    Ok((net, zone))
}

/// The repository of `did` holding `lexicons` (one MST, one signed commit) and the
/// `getRecord` answer for each, with the faults that name it applied.
fn publish(
    net: &mut Network,
    did: &str,
    lexicons: &[Lexicon],
    key_type: KeyType,
    faults: &[Fault],
    pds_url: &str,
) -> Result<(), String> {
    let did = did.to_owned();
    let authority = did.as_str();
    let key = key_for(authority, key_type, "key")?;
    let wrong_key = key_for(authority, key_type, "wrong-key")?;
    net.did_docs.insert(
        did.clone(),
        DidDocument::new(&did, &key.public_key(), pds_url).to_json(),
    );

    // The repository: every record, one MST, one signed commit.
    let mut blocks: HashMap<Cid, Vec<u8>> = HashMap::new();
    let mut pairs = Vec::new();
    for lex in lexicons {
        let bytes = lex_runtime::cbor::encode(&Value::Map(lex.record.clone()));
        let cid = Cid::for_dag_cbor(&bytes);
        blocks.insert(cid, bytes);
        pairs.push((format!("{COLLECTION}/{}", lex.nsid), cid));
        net.cids.insert(lex.nsid.clone(), cid);
        net.dids.insert(lex.nsid.clone(), did.clone());
    }
    let tree = lex_runtime::mst::build(pairs.iter().map(|(k, c)| (k.as_str(), *c)));
    let mut commit = Commit::unsigned(&did, tree.root, REV);
    commit.sign(&key);

    for lex in lexicons {
        let nsid = lex.nsid.as_str();
        let mst_key = format!("{COLLECTION}/{nsid}");
        let record_cid = net.cids.get(nsid).copied();
        let bad_sig = faults
            .iter()
            .any(|f| matches!(f, Fault::BadSignature(n) if n == nsid));
        let wrong_mst = faults
            .iter()
            .any(|f| matches!(f, Fault::WrongMstProof(n) if n == nsid));
        let delay = faults.iter().find_map(|f| match f {
            Fault::Slow { nsid: n, delay } if n == nsid => Some(*delay),
            _ => None,
        });
        let (commit, tree) = if wrong_mst {
            // A correctly signed commit over a tree that lacks this record.
            let others = lex_runtime::mst::build(
                pairs
                    .iter()
                    .filter(|(k, _)| *k != mst_key)
                    .map(|(k, c)| (k.as_str(), *c)),
            );
            let mut c = Commit::unsigned(&did, others.root, REV);
            c.sign(&key);
            (c, others)
        } else if bad_sig {
            let mut c = commit.clone();
            c.sign(&wrong_key);
            (c, tree.clone())
        } else {
            (commit.clone(), tree.clone())
        };
        let commit_block = commit.encode();
        let commit_cid = Cid::for_dag_cbor(&commit_block);
        let mut car_blocks: Vec<(Cid, Vec<u8>)> = vec![(commit_cid, commit_block)];
        car_blocks.extend(tree.path_blocks(&mst_key));
        if let Some(cid) = record_cid {
            if let Some(bytes) = blocks.get(&cid) {
                car_blocks.push((cid, bytes.clone()));
            }
        }
        let car = lex_runtime::car::write(
            &[commit_cid],
            car_blocks.iter().map(|(c, b)| (*c, b.as_slice())),
        );
        net.records
            .insert((did.clone(), nsid.to_owned()), Served { car, delay });
    }
    Ok(())
}

/// Creates the `--account`s (DID document, `_atproto` TXT record) and points the
/// `--lexicon-authority` domains at them.
fn add_accounts(
    config: &TestNetConfig,
    pds_url: &str,
    net: &mut Network,
    zone: &mut Zone,
) -> Result<(), String> {
    for (index, (handle, password)) in config.accounts.iter().enumerate() {
        let handle = handle.to_ascii_lowercase();
        lex_runtime::Handle::new(&handle).map_err(|e| format!("`{handle}`: {e}"))?;
        if net.account(&handle).is_some() {
            return Err(format!("account `{handle}` is given twice"));
        }
        // Curves alternate unless the configuration names one.
        let key_type = config
            .account_key_types
            .iter()
            .find(|(h, _)| h.eq_ignore_ascii_case(&handle))
            .map(|(_, k)| *k)
            .unwrap_or(if index % 2 == 0 {
                KeyType::Secp256k1
            } else {
                KeyType::P256
            });
        let mut account = Account::new(&handle, password, key_type)?;
        account.refuse_writes = config
            .faults
            .iter()
            .any(|f| matches!(f, Fault::RefuseWrites(h) if h.eq_ignore_ascii_case(&handle)));
        net.did_docs.insert(
            account.did.clone(),
            DidDocument::new(&account.did, &account.key().public_key(), pds_url).to_json(),
        );
        zone.insert(
            format!("_atproto.{handle}."),
            vec![vec![format!("did={}", account.did)]],
        );
        // What a PDS sequences for a new account: its identity, its status and the
        // repository it starts from.
        net.firehose.identity(&account.did, &account.handle);
        net.firehose.account(&account.did, true, None);
        {
            let repo = account.repo();
            net.firehose.sync(&account.did, &repo.rev, &repo.commit);
        }
        net.accounts.push(account);
    }
    for (domain, handle) in &config.lexicon_authorities {
        let did = net
            .account(handle)
            .map(|a| a.did.clone())
            .ok_or_else(|| format!("--lexicon-authority {domain}={handle}: no such --account"))?;
        zone.insert(
            format!("_lexicon.{}.", domain.to_ascii_lowercase()),
            vec![vec![format!("did={did}")]],
        );
    }
    Ok(())
}
