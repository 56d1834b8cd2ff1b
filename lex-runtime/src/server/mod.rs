//! The XRPC server (feature `server`): [`XrpcRouter`] routes any generated method to a
//! typed async handler on axum (query -> `GET`, procedure -> `POST`, subscription ->
//! WebSocket, all at `/xrpc/<NSID>`), parses and validates params and input, validates
//! output, answers errors in the XRPC JSON shape, checks service-auth JWTs, and answers
//! 501 `MethodNotImplemented` for methods it does not serve.

pub mod auth;
mod error;
mod stream;

use std::future::Future;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method as HttpMethod, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{on, MethodFilter};
use axum::Router;

pub use auth::{KeyResolver, ServiceAuth, ServiceClaims, StaticKeys};
pub use error::ServerError;

use crate::typed::Validate;
use crate::wire::{encoding_matches, params, Body};
use crate::xrpc::{Method, Procedure, Query};

/// Largest request body read by default (blob uploads included).
pub const DEFAULT_BODY_LIMIT: usize = 5 * 1024 * 1024;

/// What a handler receives.
#[derive(Debug)]
pub struct XrpcRequest<P, I = ()> {
    /// The parsed and validated parameters.
    pub params: P,
    /// The parsed and validated input (`()` for queries and methods without input).
    pub input: I,
    /// The request headers.
    pub headers: HeaderMap,
    /// The verified service-auth claims, when the request carried a token.
    pub auth: Option<ServiceClaims>,
}

impl<P, I> XrpcRequest<P, I> {
    /// The service-auth claims, or 401 `AuthenticationRequired` when the call carried no
    /// token (a token that fails verification is rejected before the handler runs).
    pub fn require_auth(&self) -> Result<&ServiceClaims, ServerError> {
        self.auth.as_ref().ok_or_else(|| {
            ServerError::unauthorized("AuthenticationRequired", "this method requires auth")
        })
    }
}

/// Marks [`Endpoint`] impls of queries.
#[derive(Debug)]
pub enum QueryKind {}
/// Marks [`Endpoint`] impls of procedures.
#[derive(Debug)]
pub enum ProcedureKind {}

/// A query or procedure as the router serves it (`K` tells which, so [`XrpcRouter::add`]
/// takes either).
pub trait Endpoint<K>: Method {
    /// The request body type (`()` for queries).
    type In: Body + Send + 'static;
    /// The response body type.
    type Out: Body + Send + 'static;
    /// `GET` (query) or `POST` (procedure).
    const IS_QUERY: bool;
    /// The declared input encoding.
    const IN_ENCODING: Option<&'static str>;
    /// The declared output encoding.
    const OUT_ENCODING: Option<&'static str>;
}

impl<M: Query> Endpoint<QueryKind> for M
where
    M::Output: Body + Send + 'static,
{
    type In = ();
    type Out = M::Output;
    const IS_QUERY: bool = true;
    const IN_ENCODING: Option<&'static str> = None;
    const OUT_ENCODING: Option<&'static str> = M::OUTPUT_ENCODING;
}

impl<M: Procedure> Endpoint<ProcedureKind> for M
where
    M::Input: Body + Send + 'static,
    M::Output: Body + Send + 'static,
{
    type In = M::Input;
    type Out = M::Output;
    const IS_QUERY: bool = false;
    const IN_ENCODING: Option<&'static str> = M::INPUT_ENCODING;
    const OUT_ENCODING: Option<&'static str> = M::OUTPUT_ENCODING;
}

/// The settings every route reads at request time.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    auth: Option<ServiceAuth>,
    body_limit: usize,
    validate_output: bool,
}

/// Builds one method's routes once the shared settings are final.
type RouteFn = Box<dyn FnOnce(Arc<Shared>) -> Router + Send>;

/// Builds an axum [`Router`] of XRPC methods.
pub struct XrpcRouter {
    router: Router,
    shared: Shared,
    routes: Vec<(&'static str, RouteFn)>,
}

impl std::fmt::Debug for XrpcRouter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.routes.iter().map(|(n, _)| *n).collect();
        f.debug_struct("XrpcRouter")
            .field("methods", &names)
            .finish_non_exhaustive()
    }
}

impl Default for XrpcRouter {
    fn default() -> Self {
        XrpcRouter::new()
    }
}

impl XrpcRouter {
    /// A router serving no method yet.
    pub fn new() -> XrpcRouter {
        XrpcRouter {
            router: Router::new(),
            shared: Shared {
                auth: None,
                body_limit: DEFAULT_BODY_LIMIT,
                validate_output: true,
            },
            routes: Vec::new(),
        }
    }

    /// Verifies service-auth tokens (`Authorization: Bearer <jwt>`) with `auth`; requests
    /// whose token fails are rejected with 401, handlers see the claims in
    /// [`XrpcRequest::auth`].
    pub fn service_auth(mut self, auth: ServiceAuth) -> XrpcRouter {
        self.shared.auth = Some(auth);
        self
    }

    /// The largest request body accepted (default [`DEFAULT_BODY_LIMIT`]); larger ones get
    /// 413 `PayloadTooLarge`.
    pub fn body_limit(mut self, bytes: usize) -> XrpcRouter {
        self.shared.body_limit = bytes;
        self
    }

    /// Checks outputs and stream messages against their schemas before sending (default
    /// `true`): an invalid one is a server bug, answered with 500 `InternalServerError`
    /// (an error frame on streams). Turn it off only for output already known valid.
    pub fn validate_output(mut self, on: bool) -> XrpcRouter {
        self.shared.validate_output = on;
        self
    }

    /// Serves method `M` (a query or a procedure) with `handler`; registering a method
    /// again replaces its handler.
    // `add` reads as "add a method"; it is not arithmetic.
    #[allow(clippy::should_implement_trait)]
    pub fn add<M, K>(mut self, handler: impl Handler<M, K>) -> XrpcRouter
    where
        M: Endpoint<K> + 'static,
        M::Params: Send + 'static,
        K: 'static,
    {
        let handler = Arc::new(handler);
        // A method registered again replaces the earlier handler (axum would panic on the
        // duplicate route).
        self.routes.retain(|(nsid, _)| *nsid != M::NSID);
        self.routes.push((
            M::NSID,
            Box::new(move |shared: Arc<Shared>| {
                let filter = if M::IS_QUERY {
                    MethodFilter::GET
                } else {
                    MethodFilter::POST
                };
                Router::new().route(
                    &format!("/xrpc/{}", M::NSID),
                    on(filter, move |request: Request| {
                        let handler = Arc::clone(&handler);
                        let shared = Arc::clone(&shared);
                        async move { serve::<M, K>(request, shared, handler).await }
                    }),
                )
            }),
        ));
        self
    }

    /// Serves query `M` with `handler` (same as [`XrpcRouter::add`], easier on closure
    /// type inference).
    pub fn query<M, H, F>(self, handler: H) -> XrpcRouter
    where
        M: Query + 'static,
        M::Params: Send + 'static,
        M::Output: Body + Send + 'static,
        H: Fn(XrpcRequest<M::Params>) -> F + Send + Sync + 'static,
        F: Future<Output = Result<M::Output, ServerError>> + Send + 'static,
    {
        self.add::<M, QueryKind>(handler)
    }

    /// Serves procedure `M` with `handler` (same as [`XrpcRouter::add`]).
    pub fn procedure<M, H, F>(self, handler: H) -> XrpcRouter
    where
        M: Procedure + 'static,
        M::Params: Send + 'static,
        M::Input: Body + Send + 'static,
        M::Output: Body + Send + 'static,
        H: Fn(XrpcRequest<M::Params, M::Input>) -> F + Send + Sync + 'static,
        F: Future<Output = Result<M::Output, ServerError>> + Send + 'static,
    {
        self.add::<M, ProcedureKind>(handler)
    }

    /// Adds other axum routes (a health check, `/.well-known/did.json`, ...).
    pub fn merge(mut self, router: Router) -> XrpcRouter {
        self.router = self.router.merge(router);
        self
    }

    /// The axum router; unknown `/xrpc/*` methods answer 501 `MethodNotImplemented`.
    pub fn into_router(self) -> Router {
        let shared = Arc::new(self.shared);
        let mut router = self.router;
        for (_, route) in self.routes {
            router = router.merge(route(Arc::clone(&shared)));
        }
        router.fallback(|request: Request| async move {
            let path = request.uri().path();
            match path.strip_prefix("/xrpc/") {
                Some(nsid) => {
                    ServerError::not_implemented(format!("method `{nsid}` is not implemented"))
                        .into_response()
                }
                None => ServerError::new(StatusCode::NOT_FOUND, "NotFound", None).into_response(),
            }
        })
    }
}

/// An async function serving method `M`: takes the request, returns the output or an
/// error. Implemented for every fitting `Fn`.
pub trait Handler<M: Endpoint<K>, K>: Send + Sync + 'static {
    /// The future of one call.
    type Future: Future<Output = Result<M::Out, ServerError>> + Send + 'static;
    /// Handles one call.
    fn call(&self, request: XrpcRequest<M::Params, M::In>) -> Self::Future;
}

impl<M, K, H, F> Handler<M, K> for H
where
    M: Endpoint<K>,
    H: Fn(XrpcRequest<M::Params, M::In>) -> F + Send + Sync + 'static,
    F: Future<Output = Result<M::Out, ServerError>> + Send + 'static,
{
    type Future = F;

    fn call(&self, request: XrpcRequest<M::Params, M::In>) -> F {
        self(request)
    }
}

/// Parses the query string into `P` and validates it.
pub(crate) fn parse_params<P: serde::de::DeserializeOwned + Validate>(
    query: Option<&str>,
) -> Result<P, ServerError> {
    let pairs = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()));
    let params: P = params::from_pairs(pairs).map_err(|e| ServerError::invalid_request(e.0))?;
    params
        .validate()
        .map_err(|e| ServerError::invalid_request(format!("invalid parameters: {e}")))?;
    Ok(params)
}

/// Verifies the bearer token, if any.
pub(crate) async fn check_auth(
    headers: &HeaderMap,
    shared: &Shared,
    nsid: &str,
) -> Result<Option<ServiceClaims>, ServerError> {
    let Some(auth) = &shared.auth else {
        return Ok(None);
    };
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| ServerError::unauthorized("BadJwt", "expected `Bearer <jwt>`"))?;
    auth.verify(token.trim(), nsid).await.map(Some)
}

async fn serve<M: Endpoint<K>, K>(
    request: Request,
    shared: Arc<Shared>,
    handler: Arc<impl Handler<M, K>>,
) -> Response {
    match serve_inner::<M, K>(request, shared, handler).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn serve_inner<M: Endpoint<K>, K>(
    request: Request,
    shared: Arc<Shared>,
    handler: Arc<impl Handler<M, K>>,
) -> Result<Response, ServerError> {
    let (parts, body) = request.into_parts();
    let auth = check_auth(&parts.headers, &shared, M::NSID).await?;
    let params: M::Params = parse_params(parts.uri.query())?;
    let input = if M::IS_QUERY || parts.method == HttpMethod::GET {
        M::In::decode(None, Vec::new()).map_err(|e| ServerError::invalid_request(e.0))?
    } else {
        read_input::<M, K>(&parts.headers, body, shared.body_limit).await?
    };
    let request = XrpcRequest {
        params,
        input,
        headers: parts.headers,
        auth,
    };
    let output = handler.call(request).await?;
    if shared.validate_output && output.check().is_err() {
        // The handler built an output its own schema rejects: a server bug, not the
        // caller's; details stay out of the response (xrpc.md §4).
        return Err(ServerError::internal());
    }
    let body = output
        .encode(M::OUT_ENCODING)
        .map_err(|_| ServerError::internal())?;
    Ok(match body {
        Some((content_type, bytes)) => {
            let content_type =
                HeaderValue::from_str(&content_type).map_err(|_| ServerError::internal())?;
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, content_type)],
                bytes,
            )
                .into_response()
        }
        None => StatusCode::OK.into_response(),
    })
}

async fn read_input<M: Endpoint<K>, K>(
    headers: &HeaderMap,
    body: axum::body::Body,
    limit: usize,
) -> Result<M::In, ServerError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes: Bytes = axum::body::to_bytes(body, limit).await.map_err(|_| {
        ServerError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "PayloadTooLarge",
            Some(format!("the request body is larger than {limit} bytes")),
        )
    })?;
    match (M::IN_ENCODING, content_type.as_deref()) {
        (Some(expected), Some(actual)) if !encoding_matches(expected, actual) => {
            return Err(ServerError::invalid_request(format!(
                "Wrong request encoding (Content-Type): expected {expected}, got {actual}"
            )));
        }
        (Some(expected), None) => {
            return Err(ServerError::invalid_request(format!(
                "Request encoding (Content-Type) required: {expected}"
            )));
        }
        (None, _) if !bytes.is_empty() => {
            return Err(ServerError::invalid_request("this method takes no input"));
        }
        _ => {}
    }
    let input = M::In::decode(content_type.as_deref(), bytes.to_vec())
        .map_err(|e| ServerError::invalid_request(format!("invalid input: {e}")))?;
    input
        .check()
        .map_err(|e| ServerError::invalid_request(format!("invalid input: {e}")))?;
    Ok(input)
}
