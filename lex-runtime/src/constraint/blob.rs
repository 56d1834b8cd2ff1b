//! `blob` constraints: `accept` (MIME patterns) and `maxSize`. The legacy
//! `{cid, mimeType}` form has no size, so it is refused unless a caller allows it (the
//! dynamic validator's `Options::allow_legacy_blobs`); then only `accept` applies.

use crate::BlobRef;

use super::checker::Checker;
use super::path::Path;

impl Checker {
    /// A blob against `accept` and `maxSize`; a legacy blob is refused.
    pub fn blob(
        &mut self,
        blob: &BlobRef,
        path: &Path<'_>,
        accept: Option<&[&str]>,
        max_size: Option<i64>,
    ) {
        if blob.is_legacy() {
            self.legacy_blob(path);
            return;
        }
        self.blob_limits(blob, path, accept, max_size);
    }

    /// The message for a legacy blob where it is not allowed.
    #[cold]
    pub(crate) fn legacy_blob(&mut self, path: &Path<'_>) {
        self.report(
            path,
            "legacy blob form `{cid, mimeType}` is not allowed (it has no size)",
        );
    }

    /// `accept` and `maxSize` (a legacy blob has no size to compare).
    pub(crate) fn blob_limits<S: AsRef<str>>(
        &mut self,
        blob: &BlobRef,
        path: &Path<'_>,
        accept: Option<&[S]>,
        max_size: Option<i64>,
    ) {
        if let Some(accept) = accept {
            if !accept
                .iter()
                .any(|a| accept_matches(a.as_ref(), &blob.mime_type))
            {
                self.report(
                    path,
                    format!("blob MIME type `{}` is not accepted", blob.mime_type),
                );
            }
        }
        if let Some(max) = max_size.filter(|&m| !blob.is_legacy() && blob.size > m) {
            self.report(
                path,
                format!("blob is {} bytes, larger than the maximum {max}", blob.size),
            );
        }
    }
}

/// Whether `mime` matches an `accept` pattern: `*/*`, `type/*` (with a non-empty subtype),
/// or an exact type, compared case-insensitively. `text/ht*` or a lone `*` are not patterns
/// in Lexicon: they match only themselves.
pub(crate) fn accept_matches(pattern: &str, mime: &str) -> bool {
    if pattern == "*/*" {
        return true;
    }
    match pattern.strip_suffix('*') {
        Some(prefix) if prefix.ends_with('/') && !prefix.contains('*') && prefix.len() > 1 => mime
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix) && mime.len() > prefix.len()),
        _ => mime.eq_ignore_ascii_case(pattern),
    }
}

#[cfg(test)]
mod tests {
    use super::accept_matches;

    #[test]
    fn accept_patterns() {
        assert!(accept_matches("*/*", "anything/at-all"));
        assert!(accept_matches("image/*", "image/png"));
        assert!(accept_matches("IMAGE/*", "image/PNG"));
        assert!(!accept_matches("image/*", "image/"));
        assert!(!accept_matches("image/*", "video/mp4"));
        assert!(accept_matches("image/png", "Image/Png"));
        assert!(!accept_matches("text/ht*", "text/html"));
        assert!(accept_matches("text/ht*", "text/ht*"));
        assert!(!accept_matches("*", "image/png"));
    }
}
