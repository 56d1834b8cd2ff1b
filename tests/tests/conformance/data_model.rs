//! The `data_model` area: every `data-model/*.json` file of the interop vectors against the
//! JSON and DAG-CBOR codecs of `lex_runtime`.
//!
//! * `data-model-fixtures.json`: JSON → `Value` → CBOR must equal `cbor_base64` and hash to
//!   `cid`; CBOR → `Value` must re-encode byte-identically and print the same JSON as the
//!   value parsed from JSON. The serde path (`cbor::to_vec`/`cbor::from_slice`) must agree.
//! * `data-model-valid.json` / `data-model-invalid.json`: the record must be accepted /
//!   rejected.
//!
//! A file we do not know counts as a failing case, so a new upstream file cannot be skipped.

use std::path::Path;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use lex_runtime::{cbor, json, Cid, Value};

use crate::report::Area;

const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Runs every file of `dir` (the `data-model/` folder) into `area`.
pub(crate) fn run(dir: &Path, area: &mut Area) {
    let mut files: Vec<_> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            area.case(dir, "<folder>", Err(format!("cannot list: {e}")));
            return;
        }
    };
    files.sort();
    for file in files {
        if file.extension().is_some_and(|x| x == "json") {
            run_file(&file, area);
        }
    }
}

fn run_file(file: &Path, area: &mut Area) {
    let cases = match std::fs::read_to_string(file)
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str::<Vec<serde_json::Value>>(&t).map_err(|e| e.to_string()))
    {
        Ok(cases) => cases,
        Err(e) => return area.case(file, "<file>", Err(format!("cannot read: {e}"))),
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let check: fn(&serde_json::Value) -> Result<(), String> = match name.as_str() {
        "data-model-fixtures.json" => fixture,
        "data-model-valid.json" => |case| valid(case, true),
        "data-model-invalid.json" => |case| valid(case, false),
        _ => return area.case(file, "<file name>", Err("unknown data-model file".into())),
    };
    for (i, case) in cases.iter().enumerate() {
        let label = case
            .get("note")
            .and_then(serde_json::Value::as_str)
            .map_or_else(|| format!("#{i}"), str::to_owned);
        area.case(file, &label, check(case));
    }
}

/// The `json` member of a case, as the text our parser reads.
fn json_text(case: &serde_json::Value) -> Result<String, String> {
    let json = case.get("json").ok_or("case has no `json`")?;
    serde_json::to_string(json).map_err(|e| e.to_string())
}

fn valid(case: &serde_json::Value, expect_valid: bool) -> Result<(), String> {
    let text = json_text(case)?;
    match (json::record_from_str(&text), expect_valid) {
        (Ok(map), true) => {
            // A valid record must also survive the CBOR round trip.
            let value = Value::Map(map);
            let back =
                cbor::decode(&cbor::encode(&value)).map_err(|e| format!("CBOR round trip: {e}"))?;
            if back == value {
                Ok(())
            } else {
                Err("CBOR round trip changed the value".into())
            }
        }
        (Err(_), false) => Ok(()),
        (Err(e), true) => Err(format!("rejected: {e}")),
        (Ok(_), false) => Err("accepted, but must be rejected".into()),
    }
}

fn fixture(case: &serde_json::Value) -> Result<(), String> {
    let text = json_text(case)?;
    let field = |k: &str| {
        case.get(k)
            .and_then(serde_json::Value::as_str)
            .ok_or(format!("case has no `{k}`"))
    };
    let expected_cbor = BASE64
        .decode(field("cbor_base64")?)
        .map_err(|e| format!("bad cbor_base64: {e}"))?;
    let expected_cid = field("cid")?;

    let from_json = json::from_str(&text).map_err(|e| format!("JSON rejected: {e}"))?;
    let cbor = cbor::encode(&from_json);
    if cbor != expected_cbor {
        return Err(format!("CBOR differs: got {}", BASE64.encode(&cbor)));
    }
    let cid = Cid::for_dag_cbor(&cbor).to_string();
    if cid != expected_cid || cbor::cid_of(&from_json).to_string() != expected_cid {
        return Err(format!("CID differs: got {cid}"));
    }
    let from_cbor = cbor::decode(&expected_cbor).map_err(|e| format!("CBOR rejected: {e}"))?;
    if cbor::encode(&from_cbor) != expected_cbor {
        return Err("CBOR -> Value -> CBOR is not byte-identical".into());
    }
    if json::to_string(&from_cbor) != json::to_string(&from_json) {
        return Err("CBOR -> JSON differs from JSON -> JSON".into());
    }
    // The serde path must agree with the direct codec.
    if cbor::to_vec(&from_json).map_err(|e| e.to_string())? != expected_cbor {
        return Err("serde CBOR serializer output differs".into());
    }
    let via_serde: Value =
        cbor::from_slice(&expected_cbor).map_err(|e| format!("serde CBOR rejected: {e}"))?;
    if via_serde != from_json {
        return Err("serde CBOR deserializer gives a different value".into());
    }
    let via_serde_json: Value =
        serde_json::from_str(&text).map_err(|e| format!("serde_json rejected: {e}"))?;
    if via_serde_json != from_json {
        return Err("Value::deserialize over serde_json gives a different value".into());
    }
    Ok(())
}
