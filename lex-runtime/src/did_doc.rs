//! DID documents (JSON -> [`DidDocument`]) and the public keys they carry ([`PublicKey`],
//! multibase `z...` / `did:key:z...` <-> curve + compressed point).
//!
//! atproto reads two things from a DID document: the signing key (the verification method
//! whose id is `#atproto`) and the PDS (the service `#atproto_pds` of type
//! `AtprotoPersonalDataServer`). Both are looked up by id fragment, with or without the DID
//! in front, as the identity spec allows.

use serde::{Deserialize, Serialize};

/// Largest DID document accepted (PLC caps documents far below this).
pub const MAX_DID_DOCUMENT_SIZE: usize = 64 * 1024;

/// Why a DID document or key was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DidDocError {
    /// The document is larger than [`MAX_DID_DOCUMENT_SIZE`].
    #[error("DID document is larger than {MAX_DID_DOCUMENT_SIZE} bytes")]
    TooLarge,
    /// The document is not JSON of the expected shape.
    #[error("invalid DID document: {0}")]
    Json(String),
    /// The document's `id` is not the DID that was resolved.
    #[error("DID document is for `{found}`, not `{expected}`")]
    WrongId {
        /// The DID that was asked for.
        expected: String,
        /// The `id` in the document.
        found: String,
    },
    /// No `#atproto` verification method with a `publicKeyMultibase`.
    #[error("DID document has no `#atproto` signing key")]
    NoSigningKey,
    /// No `#atproto_pds` service of type `AtprotoPersonalDataServer` with a URL endpoint.
    #[error("DID document has no `#atproto_pds` service endpoint")]
    NoPds,
    /// The key is not valid multibase / multicodec.
    #[error("invalid public key: {0}")]
    Key(String),
}

/// A DID document, with the members atproto uses; everything else is ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DidDocument {
    /// JSON-LD contexts.
    #[serde(rename = "@context", default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
    /// The DID this document describes.
    pub id: String,
    /// Other identifiers (`at://handle`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_known_as: Vec<String>,
    /// Keys.
    #[serde(default)]
    pub verification_method: Vec<VerificationMethod>,
    /// Service endpoints.
    #[serde(default)]
    pub service: Vec<Service>,
}

/// One entry of `verificationMethod`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationMethod {
    /// `#atproto` or `did:...#atproto`.
    pub id: String,
    /// `Multikey` (current) or a legacy `EcdsaSecp256k1VerificationKey2019` /
    /// `EcdsaSecp256r1VerificationKey2019`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The DID controlling the key.
    #[serde(default)]
    pub controller: String,
    /// The key as multibase (`z...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key_multibase: Option<String>,
}

impl VerificationMethod {
    /// The key this method carries, read according to its `type` (Multikey or legacy suite).
    pub fn public_key(&self) -> Result<PublicKey, DidDocError> {
        let multibase = self
            .public_key_multibase
            .as_deref()
            .ok_or(DidDocError::NoSigningKey)?;
        // The legacy suites name the curve in `type` and hold the bare point, no multicodec.
        match self.kind.as_str() {
            "EcdsaSecp256k1VerificationKey2019" => {
                PublicKey::from_raw_multibase(KeyType::Secp256k1, multibase)
            }
            "EcdsaSecp256r1VerificationKey2019" => {
                PublicKey::from_raw_multibase(KeyType::P256, multibase)
            }
            _ => PublicKey::from_multibase(multibase),
        }
    }
}

/// One entry of `service`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    /// `#atproto_pds` or `did:...#atproto_pds`.
    pub id: String,
    /// `AtprotoPersonalDataServer` for a PDS.
    #[serde(rename = "type")]
    pub kind: String,
    /// A URL (other shapes are allowed by DID core and ignored here).
    pub service_endpoint: serde_json::Value,
}

impl DidDocument {
    /// A minimal atproto document: one `#atproto` Multikey and one `#atproto_pds` service.
    pub fn new(did: &str, key: &PublicKey, pds: &str) -> DidDocument {
        DidDocument {
            context: vec![
                "https://www.w3.org/ns/did/v1".into(),
                "https://w3id.org/security/multikey/v1".into(),
            ],
            id: did.to_owned(),
            also_known_as: Vec::new(),
            verification_method: vec![VerificationMethod {
                id: format!("{did}#atproto"),
                kind: "Multikey".into(),
                controller: did.to_owned(),
                public_key_multibase: Some(key.to_multibase()),
            }],
            service: vec![Service {
                id: "#atproto_pds".into(),
                kind: "AtprotoPersonalDataServer".into(),
                service_endpoint: serde_json::Value::String(pds.to_owned()),
            }],
        }
    }

    /// Parses a document from JSON bytes (at most [`MAX_DID_DOCUMENT_SIZE`]).
    pub fn from_json(bytes: &[u8]) -> Result<DidDocument, DidDocError> {
        if bytes.len() > MAX_DID_DOCUMENT_SIZE {
            return Err(DidDocError::TooLarge);
        }
        serde_json::from_slice(bytes).map_err(|e| DidDocError::Json(e.to_string()))
    }

    /// Parses a document and checks that it describes `did`.
    pub fn from_json_for(bytes: &[u8], did: &str) -> Result<DidDocument, DidDocError> {
        let doc = DidDocument::from_json(bytes)?;
        if doc.id != did {
            return Err(DidDocError::WrongId {
                expected: did.to_owned(),
                found: doc.id,
            });
        }
        Ok(doc)
    }

    /// The document as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    fn is_fragment(&self, id: &str, fragment: &str) -> bool {
        id.strip_prefix(self.id.as_str()).unwrap_or(id) == fragment
    }

    /// The `#atproto` signing key.
    pub fn signing_key(&self) -> Result<PublicKey, DidDocError> {
        self.verification_method
            .iter()
            .find(|m| self.is_fragment(&m.id, "#atproto"))
            .ok_or(DidDocError::NoSigningKey)?
            .public_key()
    }

    /// The `#atproto_pds` service endpoint URL.
    pub fn pds_endpoint(&self) -> Result<&str, DidDocError> {
        self.service
            .iter()
            .find(|s| {
                self.is_fragment(&s.id, "#atproto_pds") && s.kind == "AtprotoPersonalDataServer"
            })
            .and_then(|s| s.service_endpoint.as_str())
            .ok_or(DidDocError::NoPds)
    }
}

/// The curve of a signing key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// secp256k1 (`ES256K`), multicodec 0xe7.
    Secp256k1,
    /// NIST P-256 (`ES256`), multicodec 0x1200.
    P256,
}

impl KeyType {
    /// The multicodec prefix of a compressed public key, as varint bytes.
    fn multicodec(self) -> &'static [u8] {
        match self {
            KeyType::Secp256k1 => &[0xe7, 0x01],
            KeyType::P256 => &[0x80, 0x24],
        }
    }

    /// The JWT algorithm name.
    pub fn jwt_alg(self) -> &'static str {
        match self {
            KeyType::Secp256k1 => "ES256K",
            KeyType::P256 => "ES256",
        }
    }
}

/// A public key: the curve and its SEC1 point (33 bytes compressed, or 65 uncompressed
/// for legacy documents).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PublicKey {
    key_type: KeyType,
    point: Vec<u8>,
}

impl PublicKey {
    /// A key from its curve and SEC1 point bytes (checked for length only).
    pub fn from_sec1(key_type: KeyType, point: &[u8]) -> Result<PublicKey, DidDocError> {
        let ok = match point {
            [0x02 | 0x03, rest @ ..] => rest.len() == 32,
            [0x04, rest @ ..] => rest.len() == 64,
            _ => false,
        };
        if !ok {
            return Err(DidDocError::Key("not a SEC1 point".into()));
        }
        Ok(PublicKey {
            key_type,
            point: point.to_vec(),
        })
    }

    /// A key from bytes already known to be a valid point (only signing keys make them).
    pub(crate) fn from_trusted(key_type: KeyType, point: Vec<u8>) -> PublicKey {
        PublicKey { key_type, point }
    }

    /// Parses a Multikey value: `z` + base58btc(multicodec varint + compressed point).
    pub fn from_multibase(s: &str) -> Result<PublicKey, DidDocError> {
        let bytes = decode_multibase(s)?;
        for key_type in [KeyType::Secp256k1, KeyType::P256] {
            if let Some(point) = bytes.strip_prefix(key_type.multicodec()) {
                return PublicKey::from_sec1(key_type, point);
            }
        }
        Err(DidDocError::Key(
            "unknown multicodec (expected secp256k1-pub or p256-pub)".into(),
        ))
    }

    /// Parses `did:key:z...`.
    pub fn from_did_key(s: &str) -> Result<PublicKey, DidDocError> {
        let multibase = s
            .strip_prefix("did:key:")
            .ok_or_else(|| DidDocError::Key("not a did:key".into()))?;
        PublicKey::from_multibase(multibase)
    }

    /// A legacy multibase value holding the bare point, with the curve named elsewhere.
    fn from_raw_multibase(key_type: KeyType, s: &str) -> Result<PublicKey, DidDocError> {
        PublicKey::from_sec1(key_type, &decode_multibase(s)?)
    }

    /// The curve.
    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    /// The SEC1 point bytes.
    pub fn sec1(&self) -> &[u8] {
        &self.point
    }

    /// The Multikey form: `z` + base58btc(multicodec + point).
    pub fn to_multibase(&self) -> String {
        let mut bytes = self.key_type.multicodec().to_vec();
        bytes.extend_from_slice(&self.point);
        format!("z{}", base58_encode(&bytes))
    }

    /// The `did:key:z...` form.
    pub fn to_did_key(&self) -> String {
        format!("did:key:{}", self.to_multibase())
    }
}

/// Why a signature did not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// Not 64 bytes `r || s` (DER, for one, is refused: atproto fixes the compact form).
    #[error("signature is not 64 bytes r || s ({0} bytes)")]
    Format(usize),
    /// `s` is in the upper half of the curve order, which atproto forbids.
    #[error("signature is not in low-S form")]
    HighS,
    /// The key bytes are not a point on the curve.
    #[error("invalid public key: {0}")]
    Key(String),
    /// Well-formed, but not made by this key over this message.
    #[error("signature does not verify")]
    Mismatch,
}

impl PublicKey {
    /// Verifies an atproto signature: ECDSA over SHA-256 of `message`, 64 bytes `r || s`, low-S.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
        use k256::ecdsa::signature::Verifier;
        // Both curves take the same checks; only the types differ.
        macro_rules! check {
            ($curve:ident) => {{
                let key = $curve::ecdsa::VerifyingKey::from_sec1_bytes(&self.point)
                    .map_err(|e| SignatureError::Key(e.to_string()))?;
                let sig: [u8; 64] = signature
                    .try_into()
                    .map_err(|_| SignatureError::Format(signature.len()))?;
                // `from_bytes` refuses r or s of zero or not below the order: not a signature.
                let sig = $curve::ecdsa::Signature::from_bytes(&sig.into())
                    .map_err(|_| SignatureError::Format(signature.len()))?;
                // Only one of (r, s) and (r, -s) may count, or signatures could be re-minted.
                if sig.normalize_s().is_some() {
                    return Err(SignatureError::HighS);
                }
                key.verify(message, &sig)
                    .map_err(|_| SignatureError::Mismatch)
            }};
        }
        match self.key_type {
            KeyType::Secp256k1 => check!(k256),
            KeyType::P256 => check!(p256),
        }
    }
}

/// Longest multibase key string read (a compressed key is ~50 characters).
const MAX_MULTIBASE_LEN: usize = 256;

fn decode_multibase(s: &str) -> Result<Vec<u8>, DidDocError> {
    let body = s
        .strip_prefix('z')
        .ok_or_else(|| DidDocError::Key("multibase must be base58btc (`z` prefix)".into()))?;
    if body.len() > MAX_MULTIBASE_LEN {
        return Err(DidDocError::Key("multibase value is too long".into()));
    }
    base58_decode(body).ok_or_else(|| DidDocError::Key("invalid base58btc".into()))
}

const BASE58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Base58 (bitcoin alphabet) of `bytes`; quadratic, which is fine for keys.
pub(crate) fn base58_encode(bytes: &[u8]) -> String {
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    let mut digits: Vec<u8> = Vec::with_capacity(bytes.len() * 138 / 100 + 1);
    for &byte in bytes {
        let mut carry = u32::from(byte);
        for d in digits.iter_mut() {
            carry += u32::from(*d) << 8;
            *d = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let mut out = String::with_capacity(zeros + digits.len());
    out.extend(std::iter::repeat_n('1', zeros));
    out.extend(
        digits
            .iter()
            .rev()
            .map(|&d| char::from(BASE58[usize::from(d)])),
    );
    out
}

fn base58_decode(s: &str) -> Option<Vec<u8>> {
    let zeros = s.bytes().take_while(|&b| b == b'1').count();
    let mut bytes: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.bytes() {
        let mut carry = BASE58.iter().position(|&a| a == c)? as u32;
        for b in bytes.iter_mut() {
            carry += u32::from(*b) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let mut out = vec![0u8; zeros];
    out.extend(bytes.iter().rev());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base58_round_trips() {
        for input in [&b""[..], b"\0", b"\0\0abc", b"hello world", &[0xff; 40]] {
            assert_eq!(base58_decode(&base58_encode(input)).unwrap(), input);
        }
        assert_eq!(base58_encode(b"hello world"), "StV1DL6CwTryKyV");
        assert!(base58_decode("0OIl").is_none());
    }

    #[test]
    fn did_keys_from_the_spec() {
        // Examples from the atproto cryptography spec.
        let k =
            PublicKey::from_did_key("did:key:zQ3shqwJEJyMBsBXCWyCBpUBMqxcon9oHB7mCvx4sSpMdLJwc")
                .unwrap();
        assert_eq!(k.key_type(), KeyType::Secp256k1);
        assert_eq!(k.sec1().len(), 33);
        let p =
            PublicKey::from_did_key("did:key:zDnaembgSGUhZULN2Caob4HLJPaxBh92N7rtH21TErzqf8HQo")
                .unwrap();
        assert_eq!(p.key_type(), KeyType::P256);
        assert_eq!(
            p.to_did_key(),
            "did:key:zDnaembgSGUhZULN2Caob4HLJPaxBh92N7rtH21TErzqf8HQo"
        );
        assert!(PublicKey::from_did_key(
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
        )
        .is_err());
        assert!(PublicKey::from_multibase("uabc").is_err());
    }

    #[test]
    fn legacy_and_multikey_methods_give_the_same_key() {
        for key_type in [KeyType::Secp256k1, KeyType::P256] {
            let Some(sk) = crate::commit::SigningKey::from_bytes(key_type, &[5; 32]) else {
                panic!("[5; 32] is a valid scalar");
            };
            let key = sk.public_key();
            let legacy = VerificationMethod {
                id: "#atproto".into(),
                kind: match key_type {
                    KeyType::Secp256k1 => "EcdsaSecp256k1VerificationKey2019",
                    KeyType::P256 => "EcdsaSecp256r1VerificationKey2019",
                }
                .into(),
                controller: String::new(),
                public_key_multibase: Some(format!("z{}", base58_encode(key.sec1()))),
            };
            assert_eq!(legacy.public_key().unwrap(), key);
            let multikey = VerificationMethod {
                kind: "Multikey".into(),
                public_key_multibase: Some(key.to_multibase()),
                ..legacy.clone()
            };
            assert_eq!(multikey.public_key().unwrap(), key);
            // A bare point under Multikey has no multicodec: refused, not misread.
            let confused = VerificationMethod {
                kind: "Multikey".into(),
                ..legacy.clone()
            };
            assert!(confused.public_key().is_err());
            let missing = VerificationMethod {
                public_key_multibase: None,
                ..legacy
            };
            assert_eq!(missing.public_key(), Err(DidDocError::NoSigningKey));
        }
    }

    #[test]
    fn signatures_must_be_compact_low_s_and_match() {
        for key_type in [KeyType::Secp256k1, KeyType::P256] {
            let Some(sk) = crate::commit::SigningKey::from_bytes(key_type, &[9; 32]) else {
                panic!("[9; 32] is a valid scalar");
            };
            let key = sk.public_key();
            let sig = sk.sign(b"message");
            assert_eq!(key.verify(b"message", &sig), Ok(()));
            assert_eq!(key.verify(b"massage", &sig), Err(SignatureError::Mismatch));
            // The same signature as DER: the curve library would accept it, atproto does not.
            let der = match key_type {
                KeyType::Secp256k1 => k256::ecdsa::Signature::from_slice(&sig)
                    .unwrap()
                    .to_der()
                    .as_bytes()
                    .to_vec(),
                KeyType::P256 => p256::ecdsa::Signature::from_slice(&sig)
                    .unwrap()
                    .to_der()
                    .as_bytes()
                    .to_vec(),
            };
            assert_eq!(
                key.verify(b"message", &der),
                Err(SignatureError::Format(der.len()))
            );
            // (r, n - s) is the malleated twin of a valid signature.
            let high = match key_type {
                KeyType::Secp256k1 => {
                    let (r, s) = k256::ecdsa::Signature::from_slice(&sig)
                        .unwrap()
                        .split_scalars();
                    k256::ecdsa::Signature::from_scalars(r, -*s)
                        .unwrap()
                        .to_bytes()
                        .to_vec()
                }
                KeyType::P256 => {
                    let (r, s) = p256::ecdsa::Signature::from_slice(&sig)
                        .unwrap()
                        .split_scalars();
                    p256::ecdsa::Signature::from_scalars(r, -*s)
                        .unwrap()
                        .to_bytes()
                        .to_vec()
                }
            };
            assert_eq!(key.verify(b"message", &high), Err(SignatureError::HighS));
            // Hostile shapes: empty, zero scalars, all-ones, one byte short or long.
            for junk in [
                vec![],
                vec![0; 64],
                vec![0xff; 64],
                vec![1; 63],
                vec![1; 65],
            ] {
                assert!(key.verify(b"message", &junk).is_err(), "{junk:?}");
            }
            // A point that is not on the curve.
            let mut off = key.sec1().to_vec();
            off[1..].fill(0xff);
            let off = PublicKey::from_sec1(key_type, &off).unwrap();
            assert!(matches!(
                off.verify(b"message", &sig),
                Err(SignatureError::Key(_))
            ));
        }
    }

    #[test]
    fn documents() {
        let json = br##"{
            "@context": ["https://www.w3.org/ns/did/v1"],
            "id": "did:plc:ewvi7nxzyoun6zhxrhs64oiz",
            "alsoKnownAs": ["at://atproto.com"],
            "verificationMethod": [{
                "id": "did:plc:ewvi7nxzyoun6zhxrhs64oiz#atproto",
                "type": "Multikey",
                "controller": "did:plc:ewvi7nxzyoun6zhxrhs64oiz",
                "publicKeyMultibase": "zQ3shqwJEJyMBsBXCWyCBpUBMqxcon9oHB7mCvx4sSpMdLJwc"
            }],
            "service": [{
                "id": "#atproto_pds",
                "type": "AtprotoPersonalDataServer",
                "serviceEndpoint": "https://pds.example.com"
            }]
        }"##;
        let doc = DidDocument::from_json_for(json, "did:plc:ewvi7nxzyoun6zhxrhs64oiz").unwrap();
        assert_eq!(doc.pds_endpoint().unwrap(), "https://pds.example.com");
        assert_eq!(doc.signing_key().unwrap().key_type(), KeyType::Secp256k1);
        assert!(matches!(
            DidDocument::from_json_for(json, "did:plc:other"),
            Err(DidDocError::WrongId { .. })
        ));
        let round = DidDocument::from_json(doc.to_json().as_bytes()).unwrap();
        assert_eq!(round, doc);
        let empty = DidDocument::from_json(br#"{"id": "did:web:example.com"}"#).unwrap();
        assert_eq!(empty.signing_key(), Err(DidDocError::NoSigningKey));
        assert_eq!(empty.pds_endpoint(), Err(DidDocError::NoPds));
        assert!(DidDocument::from_json(b"[1]").is_err());
    }
}
