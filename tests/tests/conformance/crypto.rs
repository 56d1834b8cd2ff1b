//! The `crypto` area: `crypto/*.json` of the interop vectors against the key and signature
//! code of `lex_runtime::did_doc` (and `commit::SigningKey` for the private-key vectors).
//!
//! * `signature-fixtures.json`: the `did:key` and the DID-document form (legacy suite +
//!   multibase) must name the same key of the stated algorithm, and the signature must
//!   verify exactly when `validSignature` says so; an invalid one must fail for the reason
//!   its tags give (`high-s`: low-S rule, `der-encoded`: not 64 bytes `r || s`).
//! * `w3c_didkey_{K256,P256}.json`: the private key's public half must print as
//!   `publicDidKey`, parsing `publicDidKey` must give the same key, and a signature by the
//!   private key must verify with the parsed key.

use std::path::Path;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use lex_runtime::commit::SigningKey;
use lex_runtime::did_doc::{KeyType, PublicKey, SignatureError, VerificationMethod};
use serde_json::Value as Json;

use crate::cases::{files, json_cases, label, text};
use crate::report::Area;

const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Runs every file of `dir` (the `crypto/` folder) into `area`.
pub(crate) fn run(dir: &Path, area: &mut Area) {
    for (name, file) in files(dir, area) {
        // `None`: the signature file; `Some(curve)`: a did:key file of that curve.
        let curve = match name.as_str() {
            "signature-fixtures.json" => None,
            "w3c_didkey_K256.json" => Some(KeyType::Secp256k1),
            "w3c_didkey_P256.json" => Some(KeyType::P256),
            _ => {
                area.case(&file, "<file name>", Err("unknown crypto file".into()));
                continue;
            }
        };
        let cases = match json_cases(&file) {
            Ok(cases) => cases,
            Err(why) => {
                area.case(&file, "<file>", Err(why));
                continue;
            }
        };
        for (i, case) in cases.iter().enumerate() {
            match curve {
                None => area.case(&file, &label(case, "comment", i), signature(case)),
                Some(curve) => {
                    area.case(&file, &label(case, "publicDidKey", i), did_key(case, curve))
                }
            }
        }
    }
}

fn signature(case: &Json) -> Result<(), String> {
    let message = BASE64
        .decode(text(case, "messageBase64")?)
        .map_err(|e| format!("bad messageBase64: {e}"))?;
    let sig = BASE64
        .decode(text(case, "signatureBase64")?)
        .map_err(|e| format!("bad signatureBase64: {e}"))?;
    let valid = case
        .get("validSignature")
        .and_then(Json::as_bool)
        .ok_or("case has no boolean `validSignature`")?;
    let tags: Vec<&str> = case
        .get("tags")
        .and_then(Json::as_array)
        .map(|t| t.iter().filter_map(Json::as_str).collect())
        .unwrap_or_default();

    let key = PublicKey::from_did_key(text(case, "publicKeyDid")?)
        .map_err(|e| format!("did:key rejected: {e}"))?;
    if key.key_type().jwt_alg() != text(case, "algorithm")? {
        return Err(format!("did:key is a {} key", key.key_type().jwt_alg()));
    }
    let method = VerificationMethod {
        id: "#atproto".into(),
        kind: text(case, "didDocSuite")?.to_owned(),
        controller: String::new(),
        public_key_multibase: Some(text(case, "publicKeyMultibase")?.to_owned()),
    };
    let from_doc = method
        .public_key()
        .map_err(|e| format!("DID-document key rejected: {e}"))?;
    if from_doc != key {
        return Err(format!(
            "DID-document key is {}, did:key is {}",
            from_doc.to_did_key(),
            key.to_did_key()
        ));
    }

    match (key.verify(&message, &sig), valid) {
        (Ok(()), true) => Ok(()),
        (Err(e), true) => Err(format!("valid signature rejected: {e}")),
        (Ok(()), false) => Err("invalid signature accepted".into()),
        (Err(SignatureError::HighS), false) if tags.contains(&"high-s") => Ok(()),
        (Err(SignatureError::Format(_)), false) if tags.contains(&"der-encoded") => Ok(()),
        (Err(e), false) if tags.is_empty() => Err(format!("rejected, but untagged: {e}")),
        (Err(e), false) => Err(format!("rejected for another reason than {tags:?}: {e}")),
    }
}

fn did_key(case: &Json, key_type: KeyType) -> Result<(), String> {
    let secret = match (
        case.get("privateKeyBytesHex"),
        case.get("privateKeyBytesBase58"),
    ) {
        (Some(_), _) => hex(text(case, "privateKeyBytesHex")?)?,
        (None, Some(_)) => base58(text(case, "privateKeyBytesBase58")?)?,
        (None, None) => return Err("case has no private key".into()),
    };
    let secret: [u8; 32] = secret
        .try_into()
        .map_err(|v: Vec<u8>| format!("private key is {} bytes, not 32", v.len()))?;
    let signing =
        SigningKey::from_bytes(key_type, &secret).ok_or("private key is not a valid scalar")?;
    let expected = text(case, "publicDidKey")?;
    let ours = signing.public_key();
    if ours.to_did_key() != expected {
        return Err(format!("public key prints as {}", ours.to_did_key()));
    }
    let parsed = PublicKey::from_did_key(expected).map_err(|e| format!("did:key rejected: {e}"))?;
    if parsed != ours || parsed.key_type() != key_type {
        return Err("parsed did:key differs from the private key's public half".into());
    }
    let message = expected.as_bytes();
    parsed
        .verify(message, &signing.sign(message))
        .map_err(|e| format!("own signature does not verify with the parsed key: {e}"))
}

fn hex(s: &str) -> Result<Vec<u8>, String> {
    let digit = |c: u8| {
        char::from(c)
            .to_digit(16)
            .ok_or(format!("bad hex digit in {s:?}"))
    };
    s.as_bytes()
        .chunks(2)
        .map(|pair| match pair {
            [hi, lo] => Ok((digit(*hi)? * 16 + digit(*lo)?) as u8),
            _ => Err(format!("odd-length hex {s:?}")),
        })
        .collect()
}

/// Base58 (bitcoin alphabet), for the one fixture that writes its private key that way.
fn base58(s: &str) -> Result<Vec<u8>, String> {
    const ALPHABET: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    // Little-endian base-256 digits of the number, grown as characters are read.
    let mut number: Vec<u8> = Vec::new();
    for c in s.bytes() {
        let mut carry = ALPHABET
            .iter()
            .position(|&a| a == c)
            .ok_or(format!("bad base58 character {:?}", char::from(c)))?;
        for byte in &mut number {
            carry += usize::from(*byte) * 58;
            *byte = (carry % 256) as u8;
            carry /= 256;
        }
        while carry > 0 {
            number.push((carry % 256) as u8);
            carry /= 256;
        }
    }
    let zeros = s.bytes().take_while(|&c| c == b'1').count();
    Ok(std::iter::repeat_n(0, zeros)
        .chain(number.into_iter().rev())
        .collect())
}
