//! `blob`: a blob reference (decoders already checked its shape: `$type`, a `ref` link of
//! any CID codec, as Lexicon validation accepts per spec §14.10, a non-empty `mimeType`, a
//! `size`), then `accept` and `maxSize`. The legacy `{cid, mimeType}` form is a plain map
//! to the decoders; it is accepted only with [`super::Options::allow_legacy_blobs`], and
//! has no size to check.

use crate::blob::BlobRef;
use crate::value::Value;

use super::error::Path;
use super::node::BlobRule;
use super::walk::Cx;

impl Cx<'_> {
    pub(crate) fn blob(&mut self, rule: &BlobRule, value: &Value, path: &Path<'_>) {
        match value {
            Value::Blob(blob) => self.blob_rules(rule, blob, path),
            Value::Map(map) => match BlobRef::from_legacy_map(map) {
                Some(legacy) if self.options.allow_legacy_blobs => {
                    self.blob_rules(rule, &legacy, path);
                }
                Some(_) => self.report(
                    path,
                    "legacy blob form `{cid, mimeType}` is not allowed (it has no size)",
                ),
                None => self.report(
                    path,
                    "expected a blob (`{\"$type\": \"blob\", \"ref\", \"mimeType\", \"size\"}`), found an object",
                ),
            },
            other => self.mismatch(path, "a blob", other),
        }
    }

    fn blob_rules(&mut self, rule: &BlobRule, blob: &BlobRef, path: &Path<'_>) {
        if let Some(accept) = rule.accept.as_deref() {
            if !accept.iter().any(|a| a.matches(&blob.mime_type)) {
                self.report(
                    path,
                    format!("blob MIME type `{}` is not accepted", blob.mime_type),
                );
            }
        }
        if let Some(max) = rule.max_size {
            if !blob.is_legacy() && blob.size > max {
                self.report(
                    path,
                    format!("blob is {} bytes, larger than the maximum {max}", blob.size),
                );
            }
        }
    }
}
