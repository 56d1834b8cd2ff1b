//! The `mst` area: `mst/*` of the interop vectors against `lex_runtime::mst`.
//!
//! * `key_heights.json`: `key_depth(key)` must be `height`.
//! * `common_prefix.json`: `common_prefix_len(left, right)` must be `len`.
//! * `example_keys.txt`: one key per line, named `<letter><height>/<digits>`; `key_depth`
//!   must give the height the name states.

use std::path::Path;

use lex_runtime::mst::{common_prefix_len, key_depth};
use serde_json::Value as Json;

use crate::cases::{files, json_cases, text};
use crate::report::Area;

/// Runs every file of `dir` (the `mst/` folder) into `area`.
pub(crate) fn run(dir: &Path, area: &mut Area) {
    for (name, file) in files(dir, area) {
        match name.as_str() {
            "key_heights.json" => json_file(&file, area, height),
            "common_prefix.json" => json_file(&file, area, prefix),
            "example_keys.txt" => example_keys(&file, area),
            _ => area.case(&file, "<file name>", Err("unknown mst file".into())),
        }
    }
}

fn json_file(file: &Path, area: &mut Area, check: fn(&Json) -> Result<(), String>) {
    match json_cases(file) {
        Ok(cases) => {
            for (i, case) in cases.iter().enumerate() {
                area.case(file, &format!("#{i} {case}"), check(case));
            }
        }
        Err(why) => area.case(file, "<file>", Err(why)),
    }
}

fn number(case: &Json, key: &str) -> Result<u64, String> {
    case.get(key)
        .and_then(Json::as_u64)
        .ok_or_else(|| format!("case has no integer `{key}`"))
}

fn height(case: &Json) -> Result<(), String> {
    let depth = key_depth(text(case, "key")?.as_bytes());
    let expected = number(case, "height")?;
    if u64::from(depth) != expected {
        return Err(format!("depth {depth}"));
    }
    Ok(())
}

fn prefix(case: &Json) -> Result<(), String> {
    let got = common_prefix_len(
        text(case, "left")?.as_bytes(),
        text(case, "right")?.as_bytes(),
    );
    let expected = number(case, "len")?;
    if got as u64 != expected {
        return Err(format!("prefix length {got}"));
    }
    Ok(())
}

fn example_keys(file: &Path, area: &mut Area) {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => return area.case(file, "<file>", Err(format!("cannot read: {e}"))),
    };
    for key in text.lines().filter(|l| !l.is_empty()) {
        area.case(file, key, example_key(key));
    }
}

fn example_key(key: &str) -> Result<(), String> {
    let stated = key
        .split_once('/')
        .and_then(|(name, _)| name.get(1..))
        .and_then(|h| h.parse::<u32>().ok())
        .ok_or("name does not state a height")?;
    let depth = key_depth(key.as_bytes());
    if depth != stated {
        return Err(format!("depth {depth}"));
    }
    Ok(())
}
