//! Compile-fail cases: what users see when a lexicon or an attribute is wrong. Each case
//! is a compile, so there are few; the `.stderr` files are checked in (regenerate with
//! `TRYBUILD=overwrite cargo test -p lex-macros --test ui` and review the diff).

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/schema/*.rs");
    cases.compile_fail("tests/ui/derive/*.rs");
}
