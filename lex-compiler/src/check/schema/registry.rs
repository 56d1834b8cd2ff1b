//! The one list of schema rules, in the order their findings are produced.

use super::rule::SchemaRule;
use super::rules::*;

/// Every schema rule. A meta-test checks the codes are unique kebab-case `lex::schema::*`.
pub(crate) static RULES: &[&dyn SchemaRule] = &[
    // Document level.
    &lexicon_version::LexiconVersion,
    &invalid_nsid::InvalidNsid,
    &empty_defs::EmptyDefs,
    &def_name_syntax::DefNameSyntax,
    // Types and placement.
    &null_type::NullType,
    &unsupported_type::UnsupportedType,
    &primary_not_main::PrimaryNotMain,
    &def_type_not_allowed::DefTypeNotAllowed,
    &misplaced_type::MisplacedType,
    // Objects and params.
    &property_name_syntax::PropertyNameSyntax,
    &undeclared_property::UndeclaredProperty,
    // Constraints.
    &invalid_range::InvalidRange,
    &negative_length::NegativeLength,
    &default_const_conflict::DefaultConstConflict,
    &invalid_default::InvalidDefault,
    &unknown_format::UnknownFormat,
    &invalid_max_size::InvalidMaxSize,
    &invalid_accept::InvalidAccept,
    // References.
    &invalid_ref::InvalidRef,
    &empty_closed_union::EmptyClosedUnion,
    // Primary types.
    &invalid_record_key_type::InvalidRecordKeyType,
    &invalid_encoding::InvalidEncoding,
    &invalid_error_name::InvalidErrorName,
    // Permission sets.
    &invalid_language::InvalidLanguage,
    &permission_resource::PermissionResource,
    &permission_parameter::PermissionParameter,
    &permission_collection::PermissionCollection,
    &permission_action::PermissionAction,
    &permission_lxm::PermissionLxm,
    &permission_aud::PermissionAud,
    &permission_outside_namespace::PermissionOutsideNamespace,
];
