//! Signed repository commits (version 3): DAG-CBOR block -> [`Commit`], signature checks
//! against a DID's [`PublicKey`] and, for test networks, signing.
//!
//! A commit is the map `{did, version: 3, data, rev, prev, sig}`. The signature is ECDSA
//! (secp256k1 or P-256, SHA-256) over the DAG-CBOR encoding of the same map without `sig`,
//! as 64 bytes `r || s`, and atproto requires the low-S form so a signature cannot be
//! malleated into a second valid one. Unknown fields are kept in the signed bytes, so a
//! future field does not break verification.

use crate::cid::Cid;
use crate::did_doc::PublicKey;
use crate::value::{Map, Value};

/// Why a commit block was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CommitError {
    /// The block is not DAG-CBOR of the commit shape.
    #[error("malformed commit: {0}")]
    Malformed(String),
    /// `version` is not 3.
    #[error("unsupported commit version {0}")]
    Version(i64),
    /// The commit is for another repository.
    #[error("commit is for `{found}`, not `{expected}`")]
    WrongDid {
        /// The DID asked for.
        expected: String,
        /// The commit's `did`.
        found: String,
    },
    /// The signature does not verify with the key.
    #[error("commit signature does not verify with the {alg} key {key}")]
    BadSignature {
        /// The key's JWT algorithm name.
        alg: &'static str,
        /// The key as `did:key`.
        key: String,
    },
    /// The signature is in the high-S form that atproto forbids.
    #[error("commit signature is not in low-S form")]
    HighS,
    /// The key bytes are not a point on the curve.
    #[error("invalid public key: {0}")]
    Key(String),
}

/// A decoded commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The repository's DID.
    pub did: String,
    /// Always 3.
    pub version: i64,
    /// Root of the MST.
    pub data: Cid,
    /// The revision (a TID).
    pub rev: String,
    /// The previous commit (usually null in v3).
    pub prev: Option<Cid>,
    /// The signature, 64 bytes `r || s`.
    pub sig: Vec<u8>,
    /// The commit without `sig`: what the signature covers.
    unsigned: Map,
}

impl Commit {
    /// Decodes a commit block (strict DAG-CBOR).
    pub fn decode(block: &[u8]) -> Result<Commit, CommitError> {
        let malformed = |m: &str| CommitError::Malformed(m.to_owned());
        let value = crate::cbor::decode(block).map_err(|e| malformed(&e.to_string()))?;
        let Value::Map(mut map) = value else {
            return Err(malformed("not a map"));
        };
        let sig = match map.remove("sig") {
            Some(Value::Bytes(b)) => b,
            _ => return Err(malformed("`sig` is not bytes")),
        };
        let version = map
            .get("version")
            .and_then(Value::as_integer)
            .ok_or_else(|| malformed("`version` is not an integer"))?;
        if version != 3 {
            return Err(CommitError::Version(version));
        }
        let did = map
            .get("did")
            .and_then(Value::as_str)
            .ok_or_else(|| malformed("`did` is not a string"))?
            .to_owned();
        let data = *map
            .get("data")
            .and_then(Value::as_link)
            .ok_or_else(|| malformed("`data` is not a link"))?;
        let rev = map
            .get("rev")
            .and_then(Value::as_str)
            .ok_or_else(|| malformed("`rev` is not a string"))?
            .to_owned();
        let prev = match map.get("prev") {
            None | Some(Value::Null) => None,
            Some(Value::Link(c)) => Some(**c),
            Some(_) => return Err(malformed("`prev` is not a link or null")),
        };
        Ok(Commit {
            did,
            version,
            data,
            rev,
            prev,
            sig,
            unsigned: map,
        })
    }

    /// Builds an unsigned commit for `did` over the MST root `data`.
    pub fn unsigned(did: &str, data: Cid, rev: &str) -> Commit {
        let mut map = Map::new();
        map.insert("did", Value::String(did.to_owned()));
        map.insert("version", Value::Integer(3));
        map.insert("data", Value::Link(Box::new(data)));
        map.insert("rev", Value::String(rev.to_owned()));
        map.insert("prev", Value::Null);
        Commit {
            did: did.to_owned(),
            version: 3,
            data,
            rev: rev.to_owned(),
            prev: None,
            sig: Vec::new(),
            unsigned: map,
        }
    }

    /// The bytes the signature covers: DAG-CBOR of the commit without `sig`.
    pub fn unsigned_bytes(&self) -> Vec<u8> {
        crate::cbor::encode(&Value::Map(self.unsigned.clone()))
    }

    /// The signed block: DAG-CBOR of the commit with `sig`.
    pub fn encode(&self) -> Vec<u8> {
        let mut map = self.unsigned.clone();
        map.insert("sig", Value::Bytes(self.sig.clone()));
        crate::cbor::encode(&Value::Map(map))
    }

    /// Checks that the commit belongs to `did`.
    pub fn check_did(&self, did: &str) -> Result<(), CommitError> {
        if self.did != did {
            return Err(CommitError::WrongDid {
                expected: did.to_owned(),
                found: self.did.clone(),
            });
        }
        Ok(())
    }

    /// Verifies the signature with `key` (low-S required).
    pub fn verify(&self, key: &PublicKey) -> Result<(), CommitError> {
        crypto::verify(key, &self.unsigned_bytes(), &self.sig)
    }

    /// Signs the commit with `key`, replacing any previous signature.
    pub fn sign(&mut self, key: &SigningKey) {
        self.sig = key.sign(&self.unsigned_bytes());
    }
}

pub use crypto::SigningKey;

mod crypto {
    use k256::ecdsa::signature::Signer;

    use super::CommitError;
    use crate::did_doc::{KeyType, PublicKey, SignatureError};

    /// A private key for signing commits (test networks, publishing tools).
    #[derive(Clone)]
    pub enum SigningKey {
        /// secp256k1.
        Secp256k1(k256::ecdsa::SigningKey),
        /// NIST P-256.
        P256(p256::ecdsa::SigningKey),
    }

    impl std::fmt::Debug for SigningKey {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "SigningKey({})", self.public_key().to_did_key())
        }
    }

    impl SigningKey {
        /// A key from 32 secret bytes; `None` when they are not a valid scalar.
        pub fn from_bytes(key_type: KeyType, secret: &[u8; 32]) -> Option<SigningKey> {
            match key_type {
                KeyType::Secp256k1 => k256::ecdsa::SigningKey::from_slice(secret)
                    .ok()
                    .map(SigningKey::Secp256k1),
                KeyType::P256 => p256::ecdsa::SigningKey::from_slice(secret)
                    .ok()
                    .map(SigningKey::P256),
            }
        }

        /// The public half, compressed.
        pub fn public_key(&self) -> PublicKey {
            let (key_type, point) = match self {
                SigningKey::Secp256k1(k) => (
                    KeyType::Secp256k1,
                    k.verifying_key().to_encoded_point(true).as_bytes().to_vec(),
                ),
                SigningKey::P256(k) => (
                    KeyType::P256,
                    k.verifying_key().to_encoded_point(true).as_bytes().to_vec(),
                ),
            };
            // A point from the curve library is always well-formed.
            PublicKey::from_trusted(key_type, point)
        }

        /// Signs `message` (SHA-256, RFC 6979 nonces), low-S, as 64 bytes `r || s`.
        pub fn sign(&self, message: &[u8]) -> Vec<u8> {
            match self {
                SigningKey::Secp256k1(k) => {
                    let sig: k256::ecdsa::Signature = k.sign(message);
                    let sig = sig.normalize_s().unwrap_or(sig);
                    sig.to_bytes().to_vec()
                }
                SigningKey::P256(k) => {
                    let sig: p256::ecdsa::Signature = k.sign(message);
                    let sig = sig.normalize_s().unwrap_or(sig);
                    sig.to_bytes().to_vec()
                }
            }
        }
    }

    /// Verifies a low-S `r || s` signature over SHA-256 of `message`.
    pub(super) fn verify(key: &PublicKey, message: &[u8], sig: &[u8]) -> Result<(), CommitError> {
        key.verify(message, sig).map_err(|e| match e {
            SignatureError::HighS => CommitError::HighS,
            SignatureError::Key(reason) => CommitError::Key(reason),
            _ => CommitError::BadSignature {
                alg: key.key_type().jwt_alg(),
                key: key.to_did_key(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::did_doc::KeyType;

    fn key(key_type: KeyType, seed: u8) -> SigningKey {
        SigningKey::from_bytes(key_type, &[seed; 32])
            .unwrap_or_else(|| panic!("seed {seed} is not a valid key"))
    }

    #[test]
    fn sign_and_verify_both_curves() {
        for key_type in [KeyType::Secp256k1, KeyType::P256] {
            let sk = key(key_type, 7);
            let data = Cid::for_dag_cbor(b"\xa0");
            let mut commit = Commit::unsigned("did:plc:abc", data, "3jzfcijpj2z2a");
            commit.sign(&sk);
            let block = commit.encode();
            let decoded = Commit::decode(&block).unwrap();
            assert_eq!(decoded.data, data);
            assert_eq!(decoded.did, "did:plc:abc");
            assert_eq!(decoded.sig.len(), 64);
            decoded.verify(&sk.public_key()).unwrap();
            // Another key of the same curve fails.
            let other = key(key_type, 8).public_key();
            assert!(matches!(
                decoded.verify(&other),
                Err(CommitError::BadSignature { .. })
            ));
            // A changed field fails.
            let mut tampered = decoded.clone();
            tampered
                .unsigned
                .insert("rev", Value::String("3jzfcijpj2z2b".into()));
            assert!(tampered.verify(&sk.public_key()).is_err());
            assert!(decoded.check_did("did:plc:other").is_err());
        }
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len() / 2)
            .map(|i| {
                u8::from_str_radix(&s[2 * i..2 * i + 2], 16)
                    .unwrap_or_else(|e| panic!("bad hex in a test vector: {e}"))
            })
            .collect()
    }

    #[test]
    fn commits_signed_by_the_typescript_implementation_verify() {
        // @atproto/repo `signCommit` with @atproto/crypto keypairs imported from [7; 32].
        let cases = [
            (
                KeyType::Secp256k1,
                "did:key:zQ3shXgWjVsCJsv9mBm6kVqFSjAnErMg3zG9CcyvmUCCaFRCr",
                "a6636469646b6469643a706c633a616263637265766d336a7a6663696a706a327a326163736967584070be8d6cf969b1fe5cd9e23bcd3604214a02c388723125d3ff1ee0a9780713042ece356397720fb4f48b21be55a22b4d13cabe4364d84dd23e3322c511d6fd236464617461d82a582500017112209dfefe61dd76ea3dcae5023880b08379d57adf20482d6fdbe2759289f647677b6470726576f66776657273696f6e03",
            ),
            (
                KeyType::P256,
                "did:key:zDnaejgmAHMLkBPMBWnkBxyGxpXx8LgE4WJAYDhwZzyoRAddF",
                "a6636469646b6469643a706c633a616263637265766d336a7a6663696a706a327a326163736967584078899fd38921c2529504dabbf0de535831796953329ec4ce82503e526efb0da34bb8ef96da3a84e13124d757548b5c4ca3380698f73aadb1743856ebbbfdca386464617461d82a582500017112209dfefe61dd76ea3dcae5023880b08379d57adf20482d6fdbe2759289f647677b6470726576f66776657273696f6e03",
            ),
        ];
        for (key_type, did_key, block) in cases {
            let block = hex(block);
            let commit = Commit::decode(&block).unwrap();
            let public = PublicKey::from_did_key(did_key).unwrap();
            commit.verify(&public).unwrap();
            // Same key, same bytes: RFC 6979 makes our signature byte-identical.
            let ours = key(key_type, 7);
            assert_eq!(ours.public_key().to_did_key(), did_key);
            let mut again = Commit::unsigned("did:plc:abc", commit.data, "3jzfcijpj2z2a");
            again.sign(&ours);
            assert_eq!(again.encode(), block);
        }
    }

    #[test]
    fn high_s_is_rejected() {
        let sk = key(KeyType::P256, 9);
        let mut commit =
            Commit::unsigned("did:plc:abc", Cid::for_dag_cbor(b"\xa0"), "3jzfcijpj2z2a");
        commit.sign(&sk);
        let sig = p256::ecdsa::Signature::from_slice(&commit.sig).unwrap();
        let (r, s) = sig.split_scalars();
        let high = p256::ecdsa::Signature::from_scalars(r, -*s).unwrap();
        commit.sig = high.to_bytes().to_vec();
        assert_eq!(commit.verify(&sk.public_key()), Err(CommitError::HighS));
    }

    #[test]
    fn malformed_commits_are_errors() {
        assert!(Commit::decode(b"").is_err());
        assert!(Commit::decode(&crate::cbor::encode(&Value::Integer(3))).is_err());
        let mut c = Commit::unsigned("did:plc:abc", Cid::for_dag_cbor(b"\xa0"), "r");
        c.unsigned.insert("version", Value::Integer(2));
        assert_eq!(Commit::decode(&c.encode()), Err(CommitError::Version(2)));
    }
}
