//! Arbitrary strings -> `Scope::parse`, `ScopeSet::parse` and the lenient list reader:
//! none may panic; an accepted scope (or list) displays as a string that parses back to an
//! equal value and displays identically; the strict and lenient list readers agree.
#![no_main]

use lex_runtime::scope::{Scope, ScopeSet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    match Scope::parse(s) {
        Ok(scope) => {
            let shown = scope.to_string();
            let again = Scope::parse(&shown).unwrap_or_else(|e| panic!("{s:?} -> {shown:?}: {e}"));
            assert_eq!(again, scope, "{s:?} -> {shown:?}");
            assert_eq!(again.to_string(), shown, "{s:?}");
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    let (lenient, errors) = ScopeSet::parse_lenient(s);
    match ScopeSet::parse(s) {
        Ok(set) => {
            assert!(errors.is_empty(), "{s:?}");
            assert_eq!(set, lenient, "{s:?}");
            let shown = set.to_string();
            let again =
                ScopeSet::parse(&shown).unwrap_or_else(|e| panic!("{s:?} -> {shown:?}: {e}"));
            assert_eq!(again, set, "{s:?} -> {shown:?}");
            assert_eq!(again.to_string(), shown, "{s:?}");
        }
        Err(e) => {
            assert!(!errors.is_empty(), "{s:?}: {e}");
        }
    }
});
