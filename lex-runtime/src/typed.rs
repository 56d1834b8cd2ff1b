//! [`Validate`]: the constraint check every generated type has. Deserialization already
//! checks shape and string formats; `validate()` checks what a type cannot express
//! (lengths in bytes and graphemes, integer ranges, `const`, array lengths, blob `accept`
//! and `maxSize`, `unknown` being an object), deeply, collecting every error with its path.

use crate::constraint::{Checker, Path, ValidationErrors};

/// A type whose schema constraints can be checked. Generated types implement it; a type
/// written by hand implements [`Validate::check`] with the public
/// [`constraint`](crate::constraint) API, and contained values call their own `check` with
/// the path of the field:
///
/// ```
/// use lex_runtime::constraint::{Checker, IntRule, Path, StrRule};
/// use lex_runtime::Validate;
///
/// struct Poll {
///     question: String,
///     options: Vec<Choice>,
/// }
///
/// struct Choice {
///     label: String,
///     votes: i64,
/// }
///
/// impl Validate for Poll {
///     fn check(&self, checker: &mut Checker, path: &Path<'_>) {
///         let question = StrRule { max_len: Some(300), max_graphemes: Some(100), ..StrRule::ANY };
///         checker.string(&self.question, &path.key("question"), &question);
///         let options = path.key("options");
///         checker.array_len(self.options.len(), &options, Some(2), Some(4));
///         self.options.check(checker, &options);
///     }
/// }
///
/// impl Validate for Choice {
///     fn check(&self, checker: &mut Checker, path: &Path<'_>) {
///         checker.string(&self.label, &path.key("label"), &StrRule { min_len: Some(1), ..StrRule::ANY });
///         checker.integer(self.votes, &path.key("votes"), &IntRule { minimum: Some(0), ..IntRule::ANY });
///         if self.label.trim() != self.label {
///             checker.report(&path.key("label"), "label has surrounding spaces");
///         }
///     }
/// }
///
/// let poll = Poll {
///     question: "Tabs or spaces?".into(),
///     options: vec![
///         Choice { label: "tabs".into(), votes: 3 },
///         Choice { label: " spaces".into(), votes: -1 },
///     ],
/// };
/// let errors = poll.validate().unwrap_err();
/// let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
/// assert_eq!(lines, [
///     "$.options[1].votes: value -1 is less than the minimum 0",
///     "$.options[1].label: label has surrounding spaces",
/// ]);
/// ```
pub trait Validate {
    /// Checks every constraint of the schema, collecting all errors with their paths
    /// (`$.embed.images[0].alt`).
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut checker = Checker::new();
        self.check(&mut checker, &Path::Root);
        checker.finish()
    }

    /// Checks this value, which sits at `path`, reporting every broken constraint into
    /// `checker` (what [`Validate::validate`] calls, and what a containing type calls for
    /// each of its fields).
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
