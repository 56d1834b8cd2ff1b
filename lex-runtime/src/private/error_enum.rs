//! [`__error_enum!`](crate::__error_enum): the `XrpcError`, `Display` and `Error` impls of
//! a method's generated `Error` enum, expanded in the user's crate from its variant list
//! instead of being written out by the generator for every method.

/// `XrpcError`, `Display` and `std::error::Error` for a generated error enum.
///
/// ```text
/// __error_enum! { Error, [PostNotFound "PostNotFound", AlreadyReported "AlreadyReported"] }
/// ```
///
/// Each variant (holding the optional `message`) is listed with its error name; the enum
/// also has `Other { name, message }` for names it does not declare. Not a stable API.
#[doc(hidden)]
#[macro_export]
macro_rules! __error_enum {
    ($ty:ident, [$($v:ident $name:literal),* $(,)?] $(,)?) => {
        impl $crate::xrpc::XrpcError for $ty {
            #[inline]
            fn from_parts(
                name: ::std::string::String,
                message: ::core::option::Option<::std::string::String>,
            ) -> Self {
                match name.as_str() {
                    $($name => Self::$v(message),)*
                    _ => Self::Other { name, message },
                }
            }
            #[inline]
            fn name(&self) -> &str {
                match self {
                    $(Self::$v(_) => $name,)*
                    Self::Other { name, .. } => name,
                }
            }
            #[inline]
            fn message(&self) -> ::core::option::Option<&str> {
                match self {
                    $(Self::$v(m) => m.as_deref(),)*
                    Self::Other { message, .. } => message.as_deref(),
                }
            }
        }
        impl ::core::fmt::Display for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::__private::fmt_error(self, f)
            }
        }
        impl ::std::error::Error for $ty {}
    };
}

/// `name: message`, or the name alone: how a generated error enum displays.
pub fn fmt_error<E: crate::xrpc::XrpcError>(
    e: &E,
    f: &mut std::fmt::Formatter<'_>,
) -> std::fmt::Result {
    match e.message() {
        Some(m) => write!(f, "{}: {}", e.name(), m),
        None => f.write_str(e.name()),
    }
}
