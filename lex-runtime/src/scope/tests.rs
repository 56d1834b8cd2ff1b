//! Unit tests of the scope module.
