//! `blob`: a blob reference (decoders already checked its shape: `$type`, a `ref` link of
//! any CID codec, as Lexicon validation accepts per spec §14.10, a non-empty `mimeType`, a
//! `size`), then `accept` and `maxSize` through the shared checks of `crate::constraint`.
//! The legacy `{cid, mimeType}` form is a plain map to the decoders; it is accepted only
//! with [`super::Options::allow_legacy_blobs`], and has no size to check.

use crate::blob::BlobRef;
use crate::constraint::Path;
use crate::value::Value;

use super::node::BlobRule;
use super::walk::Cx;

impl Cx<'_> {
    pub(crate) fn blob(&mut self, rule: &BlobRule, value: &Value, path: &Path<'_>) {
        let accept = rule.accept.as_deref();
        match value {
            Value::Blob(blob) => self
                .checker
                .blob_limits(blob, path, accept, rule.max_size),
            Value::Map(map) => match BlobRef::from_legacy_map(map) {
                Some(legacy) if self.options.allow_legacy_blobs => {
                    self.checker
                        .blob_limits(&legacy, path, accept, rule.max_size);
                }
                Some(_) => self.checker.legacy_blob(path),
                None => self.report(
                    path,
                    "expected a blob (`{\"$type\": \"blob\", \"ref\", \"mimeType\", \"size\"}`), found an object",
                ),
            },
            other => self.mismatch(path, "a blob", other),
        }
    }
}
