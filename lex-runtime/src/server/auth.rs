//! Service-auth JWTs (xrpc.md §5): a caller signs `{iss, aud, exp, lxm}` with its account
//! key (`ES256K` or `ES256`); the server checks the signature with the key a pluggable
//! [`KeyResolver`] finds for `iss`, that `aud` is this service, that the token is not
//! expired, and that `lxm` names the method called.
//!
//! Key resolvers: [`StaticKeys`] (a fixed table), and with the `identity` feature
//! [`identity::Resolver`](crate::identity::Resolver), which reads the `#atproto` key from
//! the caller's DID document (did:plc, did:web; `did:key` stands for itself).

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use k256::ecdsa::signature::Verifier;
use serde::{Deserialize, Serialize};

use super::ServerError;
use crate::commit::SigningKey;
use crate::did_doc::{KeyType, PublicKey};

/// The verified claims of a service-auth token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceClaims {
    /// The calling account's DID (possibly with a `#service` fragment).
    pub iss: String,
    /// The audience: this service's DID (usually with a `#service` fragment).
    pub aud: String,
    /// Expiry, in seconds since the epoch.
    pub exp: i64,
    /// Issued-at, in seconds since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    /// The method NSID the token is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lxm: Option<String>,
    /// A unique nonce.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jti: Option<String>,
}

/// A boxed future returned by [`KeyResolver::resolve`].
pub type ResolveFuture<'a> = Pin<Box<dyn Future<Output = Result<PublicKey, String>> + Send + 'a>>;

/// Finds the signing key of a DID (from its DID document, a cache, a fixed table).
pub trait KeyResolver: Send + Sync + 'static {
    /// The current `#atproto` signing key of `did`.
    fn resolve<'a>(&'a self, did: &'a str) -> ResolveFuture<'a>;

    /// The key of `did` looked up afresh, bypassing any cache: called once when a token
    /// does not verify with the key [`KeyResolver::resolve`] gave (the caller may have
    /// rotated its key). Resolvers without a cache keep this default.
    fn refresh<'a>(&'a self, did: &'a str) -> ResolveFuture<'a> {
        self.resolve(did)
    }
}

/// A fixed DID -> key table (tests, closed deployments); `did:key` DIDs resolve to
/// themselves.
#[derive(Debug, Clone, Default)]
pub struct StaticKeys(pub HashMap<String, PublicKey>);

impl KeyResolver for StaticKeys {
    fn resolve<'a>(&'a self, did: &'a str) -> ResolveFuture<'a> {
        let found = match self.0.get(did) {
            Some(key) => Ok(key.clone()),
            None if did.starts_with("did:key:") => {
                PublicKey::from_did_key(did).map_err(|e| e.to_string())
            }
            None => Err(format!("no key known for {did}")),
        };
        Box::pin(std::future::ready(found))
    }
}

/// DID documents, cached for [`Config::cache_for`](crate::identity::Config::cache_for) and
/// fetched afresh by `refresh` (a rotated key); a `did:key` is its own key.
#[cfg(feature = "identity")]
impl KeyResolver for crate::identity::Resolver {
    fn resolve<'a>(&'a self, did: &'a str) -> ResolveFuture<'a> {
        Box::pin(async move {
            if did.starts_with("did:key:") {
                return PublicKey::from_did_key(did).map_err(|e| e.to_string());
            }
            let document = self.did_document(did).await.map_err(|e| e.to_string())?;
            document.signing_key().map_err(|e| format!("{did}: {e}"))
        })
    }

    fn refresh<'a>(&'a self, did: &'a str) -> ResolveFuture<'a> {
        Box::pin(async move {
            if did.starts_with("did:key:") {
                return PublicKey::from_did_key(did).map_err(|e| e.to_string());
            }
            let document = self
                .refresh_did_document(did)
                .await
                .map_err(|e| e.to_string())?;
            document.signing_key().map_err(|e| format!("{did}: {e}"))
        })
    }
}

/// The service-auth check of a server.
pub struct ServiceAuth {
    audience: String,
    resolver: Box<dyn KeyResolver>,
    leeway: i64,
}

impl std::fmt::Debug for ServiceAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceAuth")
            .field("audience", &self.audience)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    typ: Option<String>,
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn bad_jwt(message: impl Into<String>) -> ServerError {
    ServerError::unauthorized("BadJwt", message)
}

impl ServiceAuth {
    /// Accepts tokens whose `aud` is `audience` (this service's DID, with its `#service`
    /// fragment if callers use one), with keys from `resolver`.
    pub fn new(audience: &str, resolver: impl KeyResolver) -> ServiceAuth {
        ServiceAuth {
            audience: audience.to_owned(),
            resolver: Box::new(resolver),
            leeway: 5,
        }
    }

    /// Verifies `token` for a call of method `nsid`.
    pub async fn verify(&self, token: &str, nsid: &str) -> Result<ServiceClaims, ServerError> {
        let mut parts = token.split('.');
        let (Some(h), Some(p), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad_jwt("not a JWT (three dot-separated parts)"));
        };
        let decode = |part: &str, what: &str| {
            URL_SAFE_NO_PAD
                .decode(part)
                .map_err(|_| bad_jwt(format!("the {what} is not base64url")))
        };
        let header: Header = serde_json::from_slice(&decode(h, "header")?)
            .map_err(|e| bad_jwt(format!("header: {e}")))?;
        let claims: ServiceClaims = serde_json::from_slice(&decode(p, "payload")?)
            .map_err(|e| bad_jwt(format!("payload: {e}")))?;
        let sig = decode(s, "signature")?;
        // Session tokens of a PDS are JWTs too; they must never pass as service auth.
        if let Some(typ @ ("at+jwt" | "refresh+jwt" | "dpop+jwt")) = header.typ.as_deref() {
            return Err(bad_jwt(format!(
                "a `{typ}` token is not a service-auth token"
            )));
        }
        if claims.aud != self.audience {
            return Err(bad_jwt(format!(
                "the token is for `{}`, not this service",
                claims.aud
            )));
        }
        if claims.exp + self.leeway < now() {
            return Err(ServerError::unauthorized(
                "JwtExpired",
                "the token has expired",
            ));
        }
        match claims.lxm.as_deref() {
            Some(lxm) if lxm == nsid => {}
            Some(lxm) => {
                return Err(bad_jwt(format!(
                    "the token is for method `{lxm}`, not `{nsid}`"
                )))
            }
            None => return Err(bad_jwt("the token names no method (`lxm`)")),
        }
        let did = claims.iss.split('#').next().unwrap_or_default();
        let key = self
            .resolver
            .resolve(did)
            .await
            .map_err(|e| bad_jwt(format!("could not resolve the key of {did}: {e}")))?;
        // `h` and `p` are the first two parts of `token`, so this is its prefix.
        let signed = &token.as_bytes()[..h.len() + 1 + p.len()];
        let check = |key: &PublicKey| {
            if header.alg != key.key_type().jwt_alg() {
                return Err(format!(
                    "algorithm `{}` does not match the key of {did}",
                    header.alg
                ));
            }
            verify_signature(key, signed, &sig)
                .map_err(|()| "the signature does not verify".to_owned())
        };
        let Err(refused) = check(&key) else {
            return Ok(claims);
        };
        // A cached key goes stale when the caller rotates it: look once more, afresh, as
        // @atproto/xrpc-server does, before refusing.
        match self.resolver.refresh(did).await {
            Ok(fresh) if fresh != key && check(&fresh).is_ok() => Ok(claims),
            _ => Err(bad_jwt(refused)),
        }
    }
}

/// Checks a low-S `r || s` ECDSA signature over SHA-256 of `message`.
fn verify_signature(key: &PublicKey, message: &[u8], sig: &[u8]) -> Result<(), ()> {
    match key.key_type() {
        KeyType::Secp256k1 => {
            let vk = k256::ecdsa::VerifyingKey::from_sec1_bytes(key.sec1()).map_err(|_| ())?;
            let sig = k256::ecdsa::Signature::from_slice(sig).map_err(|_| ())?;
            vk.verify(message, &sig).map_err(|_| ())
        }
        KeyType::P256 => {
            let vk = p256::ecdsa::VerifyingKey::from_sec1_bytes(key.sec1()).map_err(|_| ())?;
            let sig = p256::ecdsa::Signature::from_slice(sig).map_err(|_| ())?;
            if sig.normalize_s().is_some() {
                return Err(());
            }
            vk.verify(message, &sig).map_err(|_| ())
        }
    }
}

/// Signs a service-auth token (`iss` calling method `lxm` of service `aud`, valid for
/// `ttl_secs`), as a PDS does for `com.atproto.server.getServiceAuth`.
pub fn sign_service_jwt(
    key: &SigningKey,
    iss: &str,
    aud: &str,
    lxm: &str,
    ttl_secs: i64,
) -> String {
    let alg = key.public_key().key_type().jwt_alg();
    let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
    let now = now();
    let claims = ServiceClaims {
        iss: iss.to_owned(),
        aud: aud.to_owned(),
        exp: now + ttl_secs,
        iat: Some(now),
        lxm: Some(lxm.to_owned()),
        jti: Some(format!("{now:x}{:x}", std::process::id())),
    };
    // Plain strings and integers always serialize.
    let payload = serde_json::to_vec(&claims).unwrap_or_default();
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let sig = key.sign(signing_input.as_bytes());
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(sig))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(kt: KeyType) -> SigningKey {
        SigningKey::from_bytes(kt, &[3; 32]).unwrap()
    }

    /// A cache that still holds the key from before a rotation.
    struct Stale {
        cached: PublicKey,
        current: PublicKey,
    }

    impl KeyResolver for Stale {
        fn resolve<'a>(&'a self, _did: &'a str) -> ResolveFuture<'a> {
            Box::pin(std::future::ready(Ok(self.cached.clone())))
        }

        fn refresh<'a>(&'a self, _did: &'a str) -> ResolveFuture<'a> {
            Box::pin(std::future::ready(Ok(self.current.clone())))
        }
    }

    #[tokio::test]
    async fn a_rotated_key_is_looked_up_again() {
        let (old, new, other) = (key(KeyType::Secp256k1), key(KeyType::P256), {
            SigningKey::from_bytes(KeyType::P256, &[9; 32]).unwrap()
        });
        let stale = Stale {
            cached: old.public_key(),
            current: new.public_key(),
        };
        let auth = ServiceAuth::new("did:web:svc", stale);
        let token = sign_service_jwt(&new, "did:plc:alice", "did:web:svc", "com.example.m", 60);
        assert!(auth.verify(&token, "com.example.m").await.is_ok());
        let forged = sign_service_jwt(&other, "did:plc:alice", "did:web:svc", "com.example.m", 60);
        assert!(auth.verify(&forged, "com.example.m").await.is_err());
    }

    #[tokio::test]
    async fn tokens_verify_on_both_curves() {
        for kt in [KeyType::Secp256k1, KeyType::P256] {
            let sk = key(kt);
            let mut keys = StaticKeys::default();
            keys.0.insert("did:plc:alice".into(), sk.public_key());
            let auth = ServiceAuth::new("did:web:svc#feed", keys);
            let token = sign_service_jwt(
                &sk,
                "did:plc:alice",
                "did:web:svc#feed",
                "com.example.m",
                60,
            );
            let claims = auth.verify(&token, "com.example.m").await.unwrap();
            assert_eq!(claims.iss, "did:plc:alice");
            // Wrong method, audience, expiry, tampering.
            assert!(auth.verify(&token, "com.example.other").await.is_err());
            let other_aud =
                sign_service_jwt(&sk, "did:plc:alice", "did:web:x", "com.example.m", 60);
            assert!(auth.verify(&other_aud, "com.example.m").await.is_err());
            let expired = sign_service_jwt(
                &sk,
                "did:plc:alice",
                "did:web:svc#feed",
                "com.example.m",
                -60,
            );
            let e = auth.verify(&expired, "com.example.m").await.unwrap_err();
            assert_eq!(e.body.error, "JwtExpired");
            let unknown =
                sign_service_jwt(&sk, "did:plc:bob", "did:web:svc#feed", "com.example.m", 60);
            assert!(auth.verify(&unknown, "com.example.m").await.is_err());
            let mut tampered = token.clone();
            tampered.insert(token.len() - 5, 'A');
            assert!(auth.verify(&tampered, "com.example.m").await.is_err());
            assert!(auth.verify("a.b", "com.example.m").await.is_err());
            // A session token signed with the same key is not a service token.
            let (_, rest) = token.split_once('.').unwrap();
            let header =
                URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"{}","typ":"at+jwt"}}"#, kt.jwt_alg()));
            let payload = rest.split('.').next().unwrap();
            let input = format!("{header}.{payload}");
            let sig = URL_SAFE_NO_PAD.encode(sk.sign(input.as_bytes()));
            let session = format!("{input}.{sig}");
            assert!(auth.verify(&session, "com.example.m").await.is_err());
        }
    }
}
