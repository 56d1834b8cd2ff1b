//! One file per schema rule (file name = rule id with `_`); helpers `limits` and
//! `permission_util` are shared by several rules.

pub(crate) mod def_name_syntax;
pub(crate) mod def_type_not_allowed;
pub(crate) mod default_const_conflict;
pub(crate) mod empty_closed_union;
pub(crate) mod empty_defs;
pub(crate) mod invalid_accept;
pub(crate) mod invalid_default;
pub(crate) mod invalid_encoding;
pub(crate) mod invalid_error_name;
pub(crate) mod invalid_language;
pub(crate) mod invalid_max_size;
pub(crate) mod invalid_nsid;
pub(crate) mod invalid_range;
pub(crate) mod invalid_record_key_type;
pub(crate) mod invalid_ref;
pub(crate) mod lexicon_version;
pub(crate) mod limits;
pub(crate) mod misplaced_type;
pub(crate) mod negative_length;
pub(crate) mod null_type;
pub(crate) mod permission_action;
pub(crate) mod permission_aud;
pub(crate) mod permission_collection;
pub(crate) mod permission_lxm;
pub(crate) mod permission_outside_namespace;
pub(crate) mod permission_parameter;
pub(crate) mod permission_resource;
pub(crate) mod permission_util;
pub(crate) mod primary_not_main;
pub(crate) mod property_name_syntax;
pub(crate) mod undeclared_property;
pub(crate) mod unknown_format;
pub(crate) mod unsupported_type;
