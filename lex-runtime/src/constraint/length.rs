//! Element and byte counts: an `array`'s `minLength`/`maxLength` and a `bytes` value's.

use super::checker::Checker;
use super::path::Path;

impl Checker {
    /// An array of `len` elements against `minLength` / `maxLength`.
    #[inline]
    pub fn array_len(&mut self, len: usize, path: &Path<'_>, min: Option<u64>, max: Option<u64>) {
        let len = len as u64;
        if let Some(min) = min.filter(|&m| len < m) {
            self.report(
                path,
                format!("array has {len} elements, fewer than the minimum {min}"),
            );
        }
        if let Some(max) = max.filter(|&m| len > m) {
            self.report(
                path,
                format!("array has {len} elements, more than the maximum {max}"),
            );
        }
    }

    /// A `bytes` value of `len` bytes against `minLength` / `maxLength`.
    #[inline]
    pub fn bytes_len(&mut self, len: usize, path: &Path<'_>, min: Option<u64>, max: Option<u64>) {
        let len = len as u64;
        if let Some(min) = min.filter(|&m| len < m) {
            self.report(path, format!("{len} bytes, fewer than the minimum {min}"));
        }
        if let Some(max) = max.filter(|&m| len > m) {
            self.report(path, format!("{len} bytes, more than the maximum {max}"));
        }
    }
}
