//! The XRPC client (feature `client`): one generic [`XrpcClient`] calls any generated
//! query or procedure with typed params, input and output; record helpers
//! ([`XrpcClient::create`], ...); password sessions with automatic refresh; event streams
//! ([`XrpcClient::subscribe`]).
//!
//! Inputs are validated before sending and outputs after receiving (on by default,
//! [`XrpcClientBuilder::validate`] turns it off). Nothing here panics on server data.

mod error;
mod repo;
mod session;
mod subscribe;

use std::sync::Arc;

use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};

pub use error::{BoxError, ClientError};
pub use repo::{RecordOutput, WriteOutput};
pub use session::{MemorySessionStore, Session, SessionStore};
pub use subscribe::EventStream;

use crate::typed::Validate;
use crate::wire::{params, Body, ErrorBody};
use crate::xrpc::{Method, Procedure, Query, XrpcError};

/// An XRPC client for one service (a PDS, an AppView, a feed generator, ...).
#[derive(Clone)]
pub struct XrpcClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    /// The service origin without a trailing `/` (`https://pds.example.com`).
    base: String,
    store: Arc<dyn SessionStore>,
    validate: bool,
    proxy: Option<HeaderValue>,
    labelers: Option<HeaderValue>,
    max_response: usize,
    /// Held while a session refresh runs.
    refreshing: tokio::sync::Mutex<()>,
}

/// Connection timeout of the default HTTP client.
pub const DEFAULT_CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Whole-request timeout of the default HTTP client (bodies included).
pub const DEFAULT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Largest response body read by default (outputs and raw downloads).
pub const DEFAULT_MAX_RESPONSE_SIZE: usize = 32 * 1024 * 1024;

impl std::fmt::Debug for XrpcClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XrpcClient")
            .field("base", &self.inner.base)
            .field("validate", &self.inner.validate)
            .finish_non_exhaustive()
    }
}

/// Settings for an [`XrpcClient`].
pub struct XrpcClientBuilder {
    base: String,
    http: Option<reqwest::Client>,
    store: Option<Arc<dyn SessionStore>>,
    validate: bool,
    proxy: Option<String>,
    labelers: Option<String>,
    max_response: usize,
}

impl XrpcClientBuilder {
    /// The largest response body read (default [`DEFAULT_MAX_RESPONSE_SIZE`]); a larger
    /// one is a [`ClientError::Decode`], so a hostile server cannot exhaust memory.
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response = bytes;
        self
    }

    /// Validates inputs before sending and outputs after receiving (default `true`).
    pub fn validate(mut self, on: bool) -> Self {
        self.validate = on;
        self
    }

    /// Keeps the session in `store` (default: in memory).
    pub fn session_store(mut self, store: impl SessionStore + 'static) -> Self {
        self.store = Some(Arc::new(store));
        self
    }

    /// Uses this HTTP client (timeouts, pools, TLS roots) instead of the default one
    /// ([`DEFAULT_CONNECT_TIMEOUT`], [`DEFAULT_TIMEOUT`]).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Sends `atproto-proxy: <did>#<service>` with every request, so the PDS forwards it.
    pub fn proxy(mut self, did: &str, service_id: &str) -> Self {
        self.proxy = Some(format!("{did}#{service_id}"));
        self
    }

    /// Sends `atproto-accept-labelers` with these labeler DIDs (`(did, redact)`).
    pub fn accept_labelers<'a>(
        mut self,
        labelers: impl IntoIterator<Item = (&'a str, bool)>,
    ) -> Self {
        let list: Vec<String> = labelers
            .into_iter()
            .map(|(did, redact)| {
                if redact {
                    format!("{did};redact")
                } else {
                    did.to_owned()
                }
            })
            .collect();
        self.labelers = Some(list.join(", "));
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<XrpcClient, ClientError> {
        let base = self.base.trim_end_matches('/').to_owned();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(ClientError::Encode(format!(
                "service URL `{base}` must start with http:// or https://"
            )));
        }
        let header = |v: Option<String>, name: &str| -> Result<Option<HeaderValue>, ClientError> {
            v.map(|v| {
                HeaderValue::from_str(&v).map_err(|_| {
                    ClientError::Encode(format!("invalid `{name}` header value `{v}`"))
                })
            })
            .transpose()
        };
        let http = match self.http {
            Some(http) => http,
            // The spec asks clients for timeouts; a hung server must not hang the caller.
            None => reqwest::Client::builder()
                .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
                .timeout(DEFAULT_TIMEOUT)
                .build()
                .map_err(|e| ClientError::Transport(Box::new(e)))?,
        };
        Ok(XrpcClient {
            inner: Arc::new(Inner {
                http,
                base,
                store: self
                    .store
                    .unwrap_or_else(|| Arc::new(MemorySessionStore::default())),
                validate: self.validate,
                proxy: header(self.proxy, "atproto-proxy")?,
                labelers: header(self.labelers, "atproto-accept-labelers")?,
                max_response: self.max_response,
                refreshing: tokio::sync::Mutex::new(()),
            }),
        })
    }
}

/// What to send as `Authorization`.
#[derive(Clone, Copy)]
enum Auth {
    /// The access token, if logged in.
    Access,
    /// The refresh token (only for `refreshSession`).
    Refresh,
}

/// A raw response.
struct Response {
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
}

impl XrpcClient {
    /// A client for the service at `base` (`https://host`), unauthenticated until
    /// [`XrpcClient::login`].
    pub fn new(base: &str) -> Result<XrpcClient, ClientError> {
        XrpcClient::builder(base).build()
    }

    /// A builder for a client of the service at `base`.
    pub fn builder(base: &str) -> XrpcClientBuilder {
        XrpcClientBuilder {
            base: base.to_owned(),
            http: None,
            store: None,
            validate: true,
            proxy: None,
            labelers: None,
            max_response: DEFAULT_MAX_RESPONSE_SIZE,
        }
    }

    /// The service origin.
    pub fn base_url(&self) -> &str {
        &self.inner.base
    }

    fn validates(&self) -> bool {
        self.inner.validate
    }

    /// The current session, if logged in.
    pub fn session(&self) -> Option<Session> {
        self.inner.store.get()
    }

    /// Logs in with a handle (or email) and password (`createSession`); the session is
    /// kept in the store and used by every later call.
    pub async fn login(&self, identifier: &str, password: &str) -> Result<Session, ClientError> {
        let store = &self.inner.store;
        let input = session::CreateSessionInput {
            identifier: identifier.to_owned(),
            password: password.to_owned(),
            auth_factor_token: None,
        };
        let session = self
            .procedure_with::<session::CreateSession>(&crate::xrpc::NoParams, &input, false)
            .await?;
        store.set(Some(session.clone()));
        Ok(session)
    }

    /// Forgets the session (the server-side session is left to expire).
    pub fn logout(&self) {
        self.inner.store.set(None);
    }

    /// Refreshes the session with the refresh token (`refreshSession`).
    pub async fn refresh_session(&self) -> Result<Session, ClientError> {
        let store = &self.inner.store;
        if store.get().is_none() {
            return Err(ClientError::NotLoggedIn);
        }
        let response = self
            .send(
                reqwest::Method::POST,
                session::RefreshSession::NSID,
                &[],
                None,
                Auth::Refresh,
            )
            .await?;
        let session: Session = self.read_output::<Session, crate::xrpc::GenericError>(response)?;
        store.set(Some(session.clone()));
        Ok(session)
    }

    /// Calls query `M` (HTTP GET) with `params`.
    pub async fn query<M: Query>(
        &self,
        params: &M::Params,
    ) -> Result<M::Output, ClientError<M::Error>>
    where
        M::Output: Body,
    {
        let pairs = self.params::<M>(params)?;
        let response = self
            .send_retrying::<M::Error>(reqwest::Method::GET, M::NSID, &pairs, None, true)
            .await?;
        self.read_output::<M::Output, M::Error>(response)
    }

    /// Calls procedure `M` (HTTP POST) with `params` and `input` (`&()` when the schema
    /// declares no input; a [`crate::xrpc::RawBody`] for non-JSON encodings).
    pub async fn procedure<M: Procedure>(
        &self,
        params: &M::Params,
        input: &M::Input,
    ) -> Result<M::Output, ClientError<M::Error>>
    where
        M::Input: Body,
        M::Output: Body,
    {
        self.procedure_with::<M>(params, input, true).await
    }

    async fn procedure_with<M: Procedure>(
        &self,
        params: &M::Params,
        input: &M::Input,
        refresh: bool,
    ) -> Result<M::Output, ClientError<M::Error>>
    where
        M::Input: Body,
        M::Output: Body,
    {
        let pairs = self.params::<M>(params)?;
        if self.validates() {
            input.check().map_err(ClientError::InvalidInput)?;
        }
        let body = input
            .encode(M::INPUT_ENCODING)
            .map_err(|e| ClientError::Encode(e.0))?;
        let response = self
            .send_retrying::<M::Error>(reqwest::Method::POST, M::NSID, &pairs, body, refresh)
            .await?;
        self.read_output::<M::Output, M::Error>(response)
    }

    fn params<M: Method>(
        &self,
        params: &M::Params,
    ) -> Result<Vec<(String, String)>, ClientError<M::Error>> {
        if self.validates() {
            params.validate().map_err(ClientError::InvalidInput)?;
        }
        params::to_pairs(params).map_err(|e| ClientError::Encode(e.0))
    }

    /// Sends, and on `ExpiredToken` refreshes the session once and sends again.
    async fn send_retrying<E: XrpcError>(
        &self,
        method: reqwest::Method,
        nsid: &str,
        pairs: &[(String, String)],
        body: Option<(String, Vec<u8>)>,
        refresh: bool,
    ) -> Result<Response, ClientError<E>> {
        let used = self.session().map(|s| s.access_jwt);
        let response = self
            .send(method.clone(), nsid, pairs, body.clone(), Auth::Access)
            .await?;
        let expired = refresh
            && response.status >= 400
            && used.is_some()
            && ErrorBody::parse(&response.body).is_some_and(|e| e.error == "ExpiredToken");
        if !expired {
            return Ok(response);
        }
        {
            // Refresh tokens are single-use: concurrent calls that all saw `ExpiredToken`
            // refresh once; the others find a new access token and just retry.
            let _guard = self.inner.refreshing.lock().await;
            if self.session().map(|s| s.access_jwt) == used {
                self.refresh_session().await.map_err(ClientError::convert)?;
            }
        }
        self.send(method, nsid, pairs, body, Auth::Access).await
    }

    async fn send<E: XrpcError>(
        &self,
        method: reqwest::Method,
        nsid: &str,
        pairs: &[(String, String)],
        body: Option<(String, Vec<u8>)>,
        auth: Auth,
    ) -> Result<Response, ClientError<E>> {
        let url = format!("{}/xrpc/{nsid}", self.inner.base);
        let mut request = self.inner.http.request(method, url);
        if !pairs.is_empty() {
            request = request.query(pairs);
        }
        let refresh = matches!(auth, Auth::Refresh);
        for (name, value) in self.common_headers() {
            // `refreshSession` authenticates with the refresh token instead.
            if !(refresh && name == AUTHORIZATION) {
                request = request.header(name, value);
            }
        }
        if let (true, Some(session)) = (refresh, self.session()) {
            request = request.header(AUTHORIZATION, format!("Bearer {}", session.refresh_jwt));
        }
        if let Some((content_type, bytes)) = body {
            request = request.header(CONTENT_TYPE, content_type).body(bytes);
        }
        let response = request
            .send()
            .await
            .map_err(|e| ClientError::Transport(Box::new(e)))?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = self.read_body(response).await?;
        Ok(Response {
            status,
            content_type,
            body,
        })
    }

    /// Reads a body chunk by chunk, up to the configured limit.
    async fn read_body<E: XrpcError>(
        &self,
        mut response: reqwest::Response,
    ) -> Result<Vec<u8>, ClientError<E>> {
        let limit = self.inner.max_response;
        let too_large =
            || ClientError::Decode(format!("the response is larger than {limit} bytes"));
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| ClientError::Transport(Box::new(e)))?
        {
            if body.len() + chunk.len() > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    /// The headers every request carries: the session's access token, `atproto-proxy`,
    /// `atproto-accept-labelers`.
    fn common_headers(&self) -> Vec<(reqwest::header::HeaderName, HeaderValue)> {
        let mut headers = Vec::new();
        if let Some(session) = self.session() {
            if let Ok(v) = HeaderValue::from_str(&format!("Bearer {}", session.access_jwt)) {
                headers.push((AUTHORIZATION, v));
            }
        }
        if let Some(proxy) = &self.inner.proxy {
            headers.push((
                reqwest::header::HeaderName::from_static("atproto-proxy"),
                proxy.clone(),
            ));
        }
        if let Some(labelers) = &self.inner.labelers {
            headers.push((
                reqwest::header::HeaderName::from_static("atproto-accept-labelers"),
                labelers.clone(),
            ));
        }
        headers
    }

    /// Turns a response into the output type or the method's error.
    fn read_output<T: Body, E: XrpcError>(&self, response: Response) -> Result<T, ClientError<E>> {
        if !(200..300).contains(&response.status) {
            let error = match ErrorBody::parse(&response.body) {
                Some(body) => E::from_parts(body.error, body.message),
                None => {
                    // Proxies answer with HTML or nothing: keep a short excerpt.
                    let text = String::from_utf8_lossy(&response.body);
                    let excerpt: String = text.chars().take(200).collect();
                    E::from_parts(
                        error::default_error_name(response.status).to_owned(),
                        (!excerpt.trim().is_empty()).then_some(excerpt),
                    )
                }
            };
            return Err(ClientError::Xrpc {
                status: response.status,
                error,
            });
        }
        let value = T::decode(response.content_type.as_deref(), response.body)
            .map_err(|e| ClientError::Decode(e.0))?;
        if self.validates() {
            value.check().map_err(ClientError::InvalidOutput)?;
        }
        Ok(value)
    }
}
