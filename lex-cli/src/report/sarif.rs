//! A SARIF 2.1.0 log of findings (code-scanning tools read it): one run, the registry's
//! rule table, one result per finding.

use lex_compiler::check::rule::{Finding, Level, RuleEntry};

use super::github::artifact_path;

/// A minimal SARIF 2.1.0 log: one run, the rule table, one result per finding.
pub(super) fn log(findings: &[Finding], tool: &str, rules: &[RuleEntry]) -> serde_json::Value {
    let rule_table: Vec<serde_json::Value> = rules
        .iter()
        .map(|e| {
            serde_json::json!({
                "id": e.info.id,
                "shortDescription": { "text": e.info.summary() },
                "fullDescription": { "text": e.info.documentation() },
                "defaultConfiguration": { "level": sarif_level(e.info.level) },
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            let mut result = serde_json::json!({
                "ruleId": f.rule,
                "level": sarif_level(f.level),
                "message": { "text": f.diagnostic.message() },
            });
            if let Some(index) = rules.iter().position(|e| e.info.id == f.rule) {
                result["ruleIndex"] = serde_json::json!(index);
            }
            if let Some(at) = super::location(&f.diagnostic) {
                let mut physical = serde_json::json!({
                    "region": { "startLine": at.line, "startColumn": at.column },
                });
                if let Some(file) = at.file {
                    physical["artifactLocation"] =
                        serde_json::json!({ "uri": artifact_path(&file) });
                }
                let mut location = serde_json::json!({ "physicalLocation": physical });
                if let Some(pointer) = f.diagnostic.json_pointer() {
                    location["logicalLocations"] = serde_json::json!([{
                        "fullyQualifiedName": format!("{}{}", f.nsid.as_deref().unwrap_or(""), pointer),
                    }]);
                }
                result["locations"] = serde_json::json!([location]);
            }
            result
        })
        .collect();
    serde_json::json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": {
                "driver": {
                    "name": format!("lex {tool}"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rule_table,
                }
            },
            "results": results,
        }]
    })
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info => "note",
    }
}
