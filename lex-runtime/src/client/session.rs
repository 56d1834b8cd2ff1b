//! Password sessions: `com.atproto.server.createSession` and `refreshSession` (shapes
//! written by hand: the runtime cannot depend on generated code), and where the tokens
//! live ([`SessionStore`], in memory by default; an app can persist them).

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::__private::{Checker, Path};
use crate::typed::Validate;
use crate::xrpc::{GenericError, Method, NoParams, Procedure};

/// The tokens of a logged-in account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    /// The account DID.
    pub did: String,
    /// The account handle.
    pub handle: String,
    /// The access token (sent as `Bearer`).
    pub access_jwt: String,
    /// The refresh token (sent as `Bearer` to `refreshSession` only).
    pub refresh_jwt: String,
}

impl Validate for Session {
    fn check(&self, _: &mut Checker, _: &Path<'_>) {}
}

/// Where a client keeps its session; implement it to persist tokens across runs.
pub trait SessionStore: Send + Sync {
    /// The current session, if any.
    fn get(&self) -> Option<Session>;
    /// Replaces (or, with `None`, forgets) the session.
    fn set(&self, session: Option<Session>);
}

/// A [`SessionStore`] in memory.
#[derive(Debug, Default, Clone)]
pub struct MemorySessionStore {
    inner: Arc<Mutex<Option<Session>>>,
}

impl SessionStore for MemorySessionStore {
    fn get(&self) -> Option<Session> {
        // A poisoned lock only means another thread panicked mid-update; the value is
        // still a whole `Option<Session>`.
        match self.inner.lock() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn set(&self, session: Option<Session>) {
        match self.inner.lock() {
            Ok(mut guard) => *guard = session,
            Err(poisoned) => *poisoned.into_inner() = session,
        }
    }
}

/// `com.atproto.server.createSession`.
pub(crate) struct CreateSession;

/// The input of `createSession`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreateSessionInput {
    pub(crate) identifier: String,
    pub(crate) password: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) auth_factor_token: Option<String>,
}

impl Validate for CreateSessionInput {
    fn check(&self, _: &mut Checker, _: &Path<'_>) {}
}

impl Method for CreateSession {
    const NSID: &'static str = "com.atproto.server.createSession";
    type Params = NoParams;
    type Error = GenericError;
}

impl Procedure for CreateSession {
    type Input = CreateSessionInput;
    type Output = Session;
    const INPUT_ENCODING: Option<&'static str> = Some("application/json");
    const OUTPUT_ENCODING: Option<&'static str> = Some("application/json");
}

/// `com.atproto.server.refreshSession` (no input; the refresh token authenticates).
pub(crate) struct RefreshSession;

impl Method for RefreshSession {
    const NSID: &'static str = "com.atproto.server.refreshSession";
    type Params = NoParams;
    type Error = GenericError;
}

impl Procedure for RefreshSession {
    type Input = ();
    type Output = Session;
    const INPUT_ENCODING: Option<&'static str> = None;
    const OUTPUT_ENCODING: Option<&'static str> = Some("application/json");
}
