//! The one list of breaking rules and their strictness categories: `data` (old records
//! and old clients keep working on the wire) is nested in `codegen` (code generated from
//! the old version keeps compiling), as buf nests `WIRE` in `FILE`.

use super::rules::*;
use super::BreakingRule;
use crate::check::rule::RuleInfo;
use crate::check::rule::{Category, RuleEntry};

/// Every breaking rule, in reporting order.
pub(super) static RULES: &[&dyn BreakingRule] = &[
    &lexicon_removed::LexiconRemoved,
    &def_removed::DefRemoved,
    &type_change::TypeChange,
    &record_key_type::RecordKeyType,
    &body_encoding::BodyEncoding,
    &const_value::ConstValue,
    &enum_values::EnumValues,
    &integer_range::IntegerRange,
    &string_length::StringLength,
    &string_format::StringFormat,
    &bytes_length::BytesLength,
    &array_length::ArrayLength,
    &object_required::ObjectRequired,
    &object_nullable::ObjectNullable,
    &params_required::ParamsRequired,
    &union_open_closed::UnionOpenClosed,
    &union_closed_refs::UnionClosedRefs,
    &union_ref_removed::UnionRefRemoved,
    &blob_accept::BlobAccept,
    &blob_size::BlobSize,
    &ref_change::RefChange,
    &property_removed::PropertyRemoved,
    &params_added::ParamsAdded,
    &params_removed::ParamsRemoved,
    &input_added::InputAdded,
    &input_removed::InputRemoved,
    &output_added::OutputAdded,
    &output_removed::OutputRemoved,
    &error_removed::ErrorRemoved,
    &permission_set_narrowed::PermissionSetNarrowed,
    &permission_set_widened::PermissionSetWidened,
];

/// The categories, strictest last.
pub(super) static CATEGORIES: &[Category] = &[
    Category {
        name: "data",
        summary: "old records validate under the new schema (and new under old); old clients keep working on the wire",
    },
    Category {
        name: "codegen",
        summary: "everything in `data`, plus changes that break code generated from the old version",
    },
    Category {
        name: "goat",
        summary: "the checks of `goat lex breaking`, with the same ids and meaning",
    },
];

const DATA: &[&str] = &["data", "codegen"];
const DATA_GOAT: &[&str] = &["data", "codegen", "goat"];
const CODEGEN: &[&str] = &["codegen"];

const fn on(info: &'static RuleInfo, categories: &'static [&'static str]) -> RuleEntry {
    RuleEntry {
        info,
        default_on: true,
        categories,
    }
}

/// Every rule with default-on and categories, in registry order.
pub(super) static ENTRIES: &[RuleEntry] = &[
    on(&lexicon_removed::LexiconRemoved::INFO, DATA),
    on(&def_removed::DefRemoved::INFO, DATA),
    on(&type_change::TypeChange::INFO, DATA_GOAT),
    on(&record_key_type::RecordKeyType::INFO, DATA_GOAT),
    on(&body_encoding::BodyEncoding::INFO, DATA_GOAT),
    on(&const_value::ConstValue::INFO, DATA_GOAT),
    on(&enum_values::EnumValues::INFO, DATA_GOAT),
    on(&integer_range::IntegerRange::INFO, DATA_GOAT),
    on(&string_length::StringLength::INFO, DATA_GOAT),
    on(&string_format::StringFormat::INFO, DATA_GOAT),
    on(&bytes_length::BytesLength::INFO, DATA_GOAT),
    on(&array_length::ArrayLength::INFO, DATA_GOAT),
    on(&object_required::ObjectRequired::INFO, DATA_GOAT),
    on(&object_nullable::ObjectNullable::INFO, DATA_GOAT),
    on(&params_required::ParamsRequired::INFO, DATA_GOAT),
    on(&union_open_closed::UnionOpenClosed::INFO, DATA_GOAT),
    on(&union_closed_refs::UnionClosedRefs::INFO, DATA_GOAT),
    on(&union_ref_removed::UnionRefRemoved::INFO, DATA),
    on(&blob_accept::BlobAccept::INFO, DATA_GOAT),
    on(&blob_size::BlobSize::INFO, DATA_GOAT),
    on(&ref_change::RefChange::INFO, DATA_GOAT),
    on(&property_removed::PropertyRemoved::INFO, CODEGEN),
    on(&params_added::ParamsAdded::INFO, CODEGEN),
    on(&params_removed::ParamsRemoved::INFO, CODEGEN),
    on(&input_added::InputAdded::INFO, DATA),
    on(&input_removed::InputRemoved::INFO, CODEGEN),
    on(&output_added::OutputAdded::INFO, CODEGEN),
    on(&output_removed::OutputRemoved::INFO, DATA),
    on(&error_removed::ErrorRemoved::INFO, CODEGEN),
    on(&permission_set_narrowed::PermissionSetNarrowed::INFO, DATA),
    on(&permission_set_widened::PermissionSetWidened::INFO, DATA),
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
    fn data_is_nested_in_codegen() {
        for e in ENTRIES {
            if e.categories.contains(&"data") {
                assert!(e.categories.contains(&"codegen"), "{}", e.info.id);
            }
        }
    }
}
