//! The one list of lint rules: which run by default and which categories they are in.
//! Rules only say what they flag; this file decides how they are grouped.

use super::rules::*;
use super::LintRule;
use crate::check::rule::{Category, RuleEntry};

/// Every lint rule, in the order stage findings are offered to them (`lexicon-schema`,
/// the catch-all, is asked last by the engine).
pub(super) static RULES: &[&dyn LintRule] = &[
    &schema_json_parse::SchemaJsonParse,
    &lexicon_schema::LexiconSchema,
    &invalid_nsid::InvalidNsid,
    &lexicon_version::LexiconVersion,
    &non_main_primary::NonMainPrimary,
    &unresolved_ref::UnresolvedRef,
    &unexpected_field::UnexpectedField,
    &def_name_syntax::DefNameSyntax,
    &defs_main_definition::DefsMainDefinition,
    &empty_defs::EmptyDefs,
    &missing_primary_description::MissingPrimaryDescription,
    &endpoint_output_undefined::EndpointOutputUndefined,
    &subscription_no_messages::SubscriptionNoMessages,
    &non_object_message::NonObjectMessage,
    &permissionset_no_title::PermissionsetNoTitle,
    &permissionset_no_permissions::PermissionsetNoPermissions,
    &large_string::LargeString,
    &large_bytes::LargeBytes,
    &unlimited_string::UnlimitedString,
    &known_string_local_ref::KnownStringLocalRef,
    &unlimited_bytes::UnlimitedBytes,
    &field_name_syntax::FieldNameSyntax,
    &nullable_and_optional::NullableAndOptional,
    &undescribed_token::UndescribedToken,
    &unspecified_encoding::UnspecifiedEncoding,
    &permission_outside_namespace::PermissionOutsideNamespace,
    &unsupported_permission_resource::UnsupportedPermissionResource,
    &skipped_permission::SkippedPermission,
    &schema_name_casing::SchemaNameCasing,
    &field_name_casing::FieldNameCasing,
    &error_name_casing::ErrorNameCasing,
    &known_value_casing::KnownValueCasing,
    &dollar_prefixed_field::DollarPrefixedField,
    &reserved_word_name::ReservedWordName,
    &plural_record_name::PluralRecordName,
    &endpoint_without_verb::EndpointWithoutVerb,
    &unconventional_subscription_name::UnconventionalSubscriptionName,
    &unprefixed_permission_set::UnprefixedPermissionSet,
    &record_handle_field::RecordHandleField,
    &closed_string_enum::ClosedStringEnum,
    &closed_union::ClosedUnion,
    &graphemes_without_byte_limit::GraphemesWithoutByteLimit,
    &grapheme_byte_ratio::GraphemeByteRatio,
    &format_with_length::FormatWithLength,
    &boolean_default_true::BooleanDefaultTrue,
    &irregular_pagination::IrregularPagination,
    &placeholder_description::PlaceholderDescription,
];

/// The categories, besides `all` and `default`.
pub(super) static CATEGORIES: &[Category] = &[
    Category {
        name: "spec",
        summary: "the document is not a valid lexicon (parse, schema and resolve stages)",
    },
    Category {
        name: "goat",
        summary: "the rules of `goat lex lint`, with the same ids and meaning",
    },
    Category {
        name: "style",
        summary: "the Lexicon Style Guide",
    },
    Category {
        name: "naming",
        summary: "names of lexicons, definitions, fields, errors and values",
    },
    Category {
        name: "limits",
        summary: "size limits of strings and bytes",
    },
    Category {
        name: "docs",
        summary: "descriptions and titles",
    },
    Category {
        name: "evolution",
        summary: "choices that freeze a schema (closed enums and unions)",
    },
    Category {
        name: "permissions",
        summary: "permission sets",
    },
];

const SPEC: &[&str] = &["spec", "goat"];
const GOAT_STYLE: &[&str] = &["goat", "style"];
const GOAT_NAMING: &[&str] = &["goat", "style", "naming"];
const GOAT_LIMITS: &[&str] = &["goat", "style", "limits"];
const GOAT_DOCS: &[&str] = &["goat", "style", "docs"];
const GOAT_PERMS: &[&str] = &["goat", "style", "permissions"];
const GOAT_PERMS_DOCS: &[&str] = &["goat", "style", "permissions", "docs"];
const NAMING: &[&str] = &["style", "naming"];
const LIMITS: &[&str] = &["style", "limits"];
const EVOLUTION: &[&str] = &["style", "evolution"];
const STYLE: &[&str] = &["style"];

const fn on(
    info: &'static crate::check::rule::RuleInfo,
    categories: &'static [&'static str],
) -> RuleEntry {
    RuleEntry {
        info,
        default_on: true,
        categories,
    }
}

/// Every rule with default-on and categories, in registry order.
pub(super) static ENTRIES: &[RuleEntry] = &[
    on(&schema_json_parse::SchemaJsonParse::INFO, SPEC),
    on(&lexicon_schema::LexiconSchema::INFO, SPEC),
    on(&invalid_nsid::InvalidNsid::INFO, SPEC),
    on(&lexicon_version::LexiconVersion::INFO, SPEC),
    on(&non_main_primary::NonMainPrimary::INFO, SPEC),
    on(&unresolved_ref::UnresolvedRef::INFO, &["spec"]),
    on(&unexpected_field::UnexpectedField::INFO, GOAT_STYLE),
    on(&def_name_syntax::DefNameSyntax::INFO, GOAT_NAMING),
    on(&defs_main_definition::DefsMainDefinition::INFO, GOAT_STYLE),
    on(&empty_defs::EmptyDefs::INFO, &["spec"]),
    on(
        &missing_primary_description::MissingPrimaryDescription::INFO,
        GOAT_DOCS,
    ),
    on(
        &endpoint_output_undefined::EndpointOutputUndefined::INFO,
        GOAT_STYLE,
    ),
    on(
        &subscription_no_messages::SubscriptionNoMessages::INFO,
        GOAT_STYLE,
    ),
    on(&non_object_message::NonObjectMessage::INFO, &["spec"]),
    on(
        &permissionset_no_title::PermissionsetNoTitle::INFO,
        GOAT_PERMS_DOCS,
    ),
    on(
        &permissionset_no_permissions::PermissionsetNoPermissions::INFO,
        GOAT_PERMS,
    ),
    on(&large_string::LargeString::INFO, GOAT_LIMITS),
    on(&large_bytes::LargeBytes::INFO, GOAT_LIMITS),
    on(&unlimited_string::UnlimitedString::INFO, GOAT_LIMITS),
    on(
        &known_string_local_ref::KnownStringLocalRef::INFO,
        GOAT_STYLE,
    ),
    on(&unlimited_bytes::UnlimitedBytes::INFO, GOAT_LIMITS),
    on(&field_name_syntax::FieldNameSyntax::INFO, GOAT_NAMING),
    on(
        &nullable_and_optional::NullableAndOptional::INFO,
        GOAT_STYLE,
    ),
    on(&undescribed_token::UndescribedToken::INFO, GOAT_DOCS),
    on(&unspecified_encoding::UnspecifiedEncoding::INFO, GOAT_STYLE),
    on(
        &permission_outside_namespace::PermissionOutsideNamespace::INFO,
        &["spec", "permissions"],
    ),
    on(
        &unsupported_permission_resource::UnsupportedPermissionResource::INFO,
        &["spec", "permissions"],
    ),
    on(
        &skipped_permission::SkippedPermission::INFO,
        &["spec", "permissions"],
    ),
    on(&schema_name_casing::SchemaNameCasing::INFO, NAMING),
    on(&field_name_casing::FieldNameCasing::INFO, NAMING),
    on(&error_name_casing::ErrorNameCasing::INFO, NAMING),
    on(&known_value_casing::KnownValueCasing::INFO, NAMING),
    on(
        &dollar_prefixed_field::DollarPrefixedField::INFO,
        &["spec", "style", "naming"],
    ),
    on(&reserved_word_name::ReservedWordName::INFO, NAMING),
    on(&plural_record_name::PluralRecordName::INFO, NAMING),
    on(&endpoint_without_verb::EndpointWithoutVerb::INFO, NAMING),
    on(
        &unconventional_subscription_name::UnconventionalSubscriptionName::INFO,
        NAMING,
    ),
    on(
        &unprefixed_permission_set::UnprefixedPermissionSet::INFO,
        &["style", "naming", "permissions"],
    ),
    on(&record_handle_field::RecordHandleField::INFO, STYLE),
    on(&closed_string_enum::ClosedStringEnum::INFO, EVOLUTION),
    on(&closed_union::ClosedUnion::INFO, EVOLUTION),
    on(
        &graphemes_without_byte_limit::GraphemesWithoutByteLimit::INFO,
        LIMITS,
    ),
    on(&grapheme_byte_ratio::GraphemeByteRatio::INFO, LIMITS),
    on(&format_with_length::FormatWithLength::INFO, LIMITS),
    on(&boolean_default_true::BooleanDefaultTrue::INFO, STYLE),
    on(&irregular_pagination::IrregularPagination::INFO, STYLE),
    on(
        &placeholder_description::PlaceholderDescription::INFO,
        &["style", "docs"],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_and_entries_agree() {
        let rules: Vec<&str> = RULES.iter().map(|r| r.info().id).collect();
        let entries: Vec<&str> = ENTRIES.iter().map(|e| e.info.id).collect();
        assert_eq!(rules, entries);
    }

    #[test]
    fn categories_are_declared() {
        for e in ENTRIES {
            for c in e.categories {
                assert!(
                    CATEGORIES.iter().any(|k| k.name == *c),
                    "{} uses unknown category {c}",
                    e.info.id
                );
            }
        }
    }
}
