//! How [`__object!`](crate::__object) handles a field of each kind, so one field list can
//! drive writing, reading and checking: the kind names a module here, and the macro calls
//! its `write`, `take` and `get` without matching on the kind itself.
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

    /// The value to check.
    #[inline]
    pub fn get<T>(value: &T) -> Option<&T> {
        Some(value)
    }
}

/// An optional field: omitted when `None`.
pub mod opt {
    use serde::ser::SerializeMap;
    use serde::{de, Serialize};

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

    /// The field's value from its read slot (`None` when the key was absent).
    #[inline]
    pub fn take<T, E: de::Error>(slot: Option<T>, _key: &'static str) -> Result<Option<T>, E> {
        Ok(slot)
    }

    /// The value to check, if present.
    #[inline]
    pub fn get<T>(value: &Option<T>) -> Option<&T> {
        value.as_ref()
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

    /// The value to check, unless it is `null`.
    #[inline]
    pub fn get<T>(value: &Option<T>) -> Option<&T> {
        value.as_ref()
    }
}

/// An optional, nullable field: absent, `null` or a value.
pub mod opt_null {
    use serde::ser::SerializeMap;
    use serde::{de, Serialize};

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

    /// The field's value from its read slot (`None` when the key was absent).
    #[inline]
    pub fn take<T, E: de::Error>(
        slot: Option<Option<T>>,
        _key: &'static str,
    ) -> Result<Option<Option<T>>, E> {
        Ok(slot)
    }

    /// The value to check, if present and not `null`.
    #[inline]
    pub fn get<T>(value: &Option<Option<T>>) -> Option<&T> {
        value.as_ref().and_then(Option::as_ref)
    }
}
