//! [`Options`]: how strict a validation is. The defaults follow the spec exactly.

/// Validation switches. `Options::default()` is strict: the spec's datetime profile, no
/// legacy blobs, every error collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Accept `datetime` strings that only the lenient reader takes (`Datetime::parse_lenient`:
    /// a missing timezone, a space instead of `T`, ...). Off by default: the spec is strict.
    pub lenient_datetimes: bool,
    /// Accept the deprecated `{"cid": ..., "mimeType": ...}` blob form (it has no size, so
    /// `maxSize` cannot be checked). Off by default: writers must never produce it.
    pub allow_legacy_blobs: bool,
    /// Stop after this many errors (the result says it was truncated); `usize::MAX` keeps
    /// them all. A bound is useful for hostile input, which could otherwise produce one
    /// error per array element.
    pub max_errors: usize,
}

impl Options {
    /// The strict defaults.
    pub const STRICT: Options = Options {
        lenient_datetimes: false,
        allow_legacy_blobs: false,
        max_errors: usize::MAX,
    };

    /// Sets [`Options::lenient_datetimes`].
    pub const fn lenient_datetimes(mut self, on: bool) -> Options {
        self.lenient_datetimes = on;
        self
    }

    /// Sets [`Options::allow_legacy_blobs`].
    pub const fn allow_legacy_blobs(mut self, on: bool) -> Options {
        self.allow_legacy_blobs = on;
        self
    }

    /// Sets [`Options::max_errors`] (at least one error is always kept).
    pub const fn max_errors(mut self, n: usize) -> Options {
        self.max_errors = if n == 0 { 1 } else { n };
        self
    }
}

impl Default for Options {
    fn default() -> Options {
        Options::STRICT
    }
}
