//! Unit tests of the scope module: the scope-string table, round-trip properties, access
//! checks and permission-set expansion.

mod access;
mod expansion;
mod property;
mod table;
