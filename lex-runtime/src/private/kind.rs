//! How [`__object!`](crate::__object) writes and reads a field of each kind: the kind names
//! a module here, whose `write` the macro calls without matching on the kind, and whose
//! `take` turns a required field's read slot into its value. (Optional fields need no
//! `take`, and checks need no helper: the macro matches the kind there, because a call per
//! field costs the generated crate more type checking than the expansion does.)
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
    use serde::{de, Serialize};

    use crate::__private::ObjectSer;

    /// Writes the field.
    #[inline]
    pub fn write<M: SerializeMap, T: Serialize>(
        o: &mut ObjectSer<'_, M>,
        key: &str,
        value: &T,
    ) -> Result<(), M::Error> {
        o.field(key, value)
    }

    /// The field's value from its read slot; a missing key is an error.
    #[inline]
    pub fn take<T, E: de::Error>(slot: Option<T>, key: &'static str) -> Result<T, E> {
        slot.ok_or_else(|| E::missing_field(key))
    }
}

/// An optional field: omitted when `None`.
pub mod opt {
    use serde::ser::SerializeMap;
    use serde::Serialize;

    use crate::__private::ObjectSer;

    /// Writes the field when it is present.
    #[inline]
    pub fn write<M: SerializeMap, T: Serialize>(
        o: &mut ObjectSer<'_, M>,
        key: &str,
        value: &Option<T>,
    ) -> Result<(), M::Error> {
        o.opt(key, value)
    }
}

/// A required, nullable field: `None` is written as `null`.
pub mod null {
    use serde::ser::SerializeMap;
    use serde::{de, Serialize};

    use crate::__private::ObjectSer;

    /// Writes the field, `null` for `None`.
    #[inline]
    pub fn write<M: SerializeMap, T: Serialize>(
        o: &mut ObjectSer<'_, M>,
        key: &str,
        value: &Option<T>,
    ) -> Result<(), M::Error> {
        o.field(key, value)
    }

    /// The field's value from its read slot; a missing key is an error.
    #[inline]
    pub fn take<T, E: de::Error>(
        slot: Option<Option<T>>,
        key: &'static str,
    ) -> Result<Option<T>, E> {
        slot.ok_or_else(|| E::missing_field(key))
    }
}

/// An optional, nullable field: absent, `null` or a value.
pub mod opt_null {
    use serde::ser::SerializeMap;
    use serde::Serialize;

    use crate::__private::ObjectSer;

    /// Writes the field when it is present (`null` for `Some(None)`).
    #[inline]
    pub fn write<M: SerializeMap, T: Serialize>(
        o: &mut ObjectSer<'_, M>,
        key: &str,
        value: &Option<Option<T>>,
    ) -> Result<(), M::Error> {
        o.opt(key, value)
    }
}
