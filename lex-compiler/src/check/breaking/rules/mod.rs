//! One file per breaking rule (file name = rule id with `_`); `limits`, `sets` and
//! `permission_grants` are helpers shared by several rules.

pub(crate) mod array_length;
pub(crate) mod blob_accept;
pub(crate) mod blob_size;
pub(crate) mod body_encoding;
pub(crate) mod bytes_length;
pub(crate) mod const_value;
pub(crate) mod def_removed;
pub(crate) mod enum_values;
pub(crate) mod error_removed;
pub(crate) mod input_added;
pub(crate) mod input_removed;
pub(crate) mod integer_range;
pub(crate) mod lexicon_removed;
pub(crate) mod limits;
pub(crate) mod object_nullable;
pub(crate) mod object_required;
pub(crate) mod output_added;
pub(crate) mod output_removed;
pub(crate) mod params_added;
pub(crate) mod params_removed;
pub(crate) mod params_required;
pub(crate) mod permission_grants;
pub(crate) mod permission_set_narrowed;
pub(crate) mod permission_set_widened;
pub(crate) mod property_removed;
pub(crate) mod record_key_type;
pub(crate) mod ref_change;
pub(crate) mod sets;
pub(crate) mod string_format;
pub(crate) mod string_length;
pub(crate) mod type_change;
pub(crate) mod union_closed_refs;
pub(crate) mod union_open_closed;
pub(crate) mod union_ref_removed;
