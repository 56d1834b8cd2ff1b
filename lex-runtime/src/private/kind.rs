//! How [`__object!`](crate::__object) writes a field of each kind: the kind names a module
//! here, whose `put` the macro calls without matching on the kind. `put` returns nothing (a
//! failed write is kept in the [`ObjectSer`](crate::__private::ObjectSer) for `end`), so the
//! generated code has no `?` per field. Reading and checking need no helper: the macro
//! matches the kind there, because a call or a `?` per field costs the generated crate more
//! type checking and borrow checking than the expansion does.
//!
//! | kind | Rust type | absent key | `null` |
//! |---|---|---|---|
//! | `req` | `T` | error | error (unless `T` reads it) |
//! | `opt` | `Option<T>` | `None`, and omitted when written | error |
//! | `null` | `Option<T>` | error | `None`, and written as `null` |
//! | `opt_null` | `Option<Option<T>>` | `None` | `Some(None)` |

/// A required field.
pub mod req {
    use serde::ser::SerializeMap;
    use serde::Serialize;

    use crate::__private::ObjectSer;

    /// Writes the field; an error is kept for `end`.
    #[inline]
    pub fn put<M: SerializeMap, T: Serialize>(o: &mut ObjectSer<'_, M>, key: &str, value: &T) {
        o.keep(|o| o.field(key, value));
    }
}

/// An optional field: omitted when `None`.
pub mod opt {
    use serde::ser::SerializeMap;
    use serde::Serialize;

    use crate::__private::ObjectSer;

    /// Writes the field; an error is kept for `end`.
    #[inline]
    pub fn put<M: SerializeMap, T: Serialize>(
        o: &mut ObjectSer<'_, M>,
        key: &str,
        value: &Option<T>,
    ) {
        o.keep(|o| o.opt(key, value));
    }
}

/// A required, nullable field: `None` is written as `null`.
pub mod null {
    use serde::ser::SerializeMap;
    use serde::Serialize;

    use crate::__private::ObjectSer;

    /// Writes the field; an error is kept for `end`.
    #[inline]
    pub fn put<M: SerializeMap, T: Serialize>(
        o: &mut ObjectSer<'_, M>,
        key: &str,
        value: &Option<T>,
    ) {
        o.keep(|o| o.field(key, value));
    }
}

/// An optional, nullable field: absent, `null` or a value.
pub mod opt_null {
    use serde::ser::SerializeMap;
    use serde::Serialize;

    use crate::__private::ObjectSer;

    /// Writes the field; an error is kept for `end`.
    #[inline]
    pub fn put<M: SerializeMap, T: Serialize>(
        o: &mut ObjectSer<'_, M>,
        key: &str,
        value: &Option<Option<T>>,
    ) {
        o.keep(|o| o.opt(key, value));
    }
}
