//! [`Validate`]: the constraint check every generated type has. Deserialization already
//! checks shape and string formats; `validate()` checks what a type cannot express
//! (lengths in bytes and graphemes, integer ranges, `const`, array lengths, blob `accept`
//! and `maxSize`, `unknown` being an object), deeply, collecting every error with its path.

use crate::__private::{Checker, Path};
use crate::validate::ValidationErrors;

/// A generated type whose schema constraints can be checked.
pub trait Validate {
    /// Checks every constraint of the schema, collecting all errors with their paths
    /// (`$.embed.images[0].alt`).
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut checker = Checker::new();
        self.check(&mut checker, &Path::Root);
        checker.finish()
    }

    /// Checks this value at `path`, reporting into `checker` (what `validate` calls, and
    /// what a containing type calls for its fields).
    #[doc(hidden)]
    fn check(&self, checker: &mut Checker, path: &Path<'_>);
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn check(&self, checker: &mut Checker, path: &Path<'_>) {
        (**self).check(checker, path);
    }
}

impl<T: Validate> Validate for Option<T> {
    fn check(&self, checker: &mut Checker, path: &Path<'_>) {
        if let Some(v) = self {
            v.check(checker, path);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn check(&self, checker: &mut Checker, path: &Path<'_>) {
        for (i, item) in self.iter().enumerate() {
            item.check(checker, &path.index(i));
        }
    }
}
