//! Lexicons made up for load: chains of objects, each referencing the next, spread over
//! authorities so that installing them resolves several DNS names and repositories.

use std::io;
use std::path::Path;

use lex_compiler::manifest::lexicon_path;

/// Writes `n` lexicons under `dir` in `groups` authorities (`com.example.g<k>`); in each
/// group every lexicon references the next one. Returns their NSIDs.
pub fn synthetic_lexicons(dir: &Path, n: usize, groups: usize) -> io::Result<Vec<String>> {
    let per = n / groups.max(1);
    let mut ids = Vec::new();
    for g in 0..groups {
        for i in 0..per {
            let id = format!("com.example.g{g}.lex{i}");
            let mut props = serde_json::json!({"text": {"type": "string", "maxLength": 100}});
            if i + 1 < per {
                let next = format!("com.example.g{g}.lex{}", i + 1);
                props["next"] = serde_json::json!({"type": "ref", "ref": next});
            }
            let doc = serde_json::json!({
                "lexicon": 1,
                "id": id,
                "defs": {"main": {"type": "object", "properties": props}}
            });
            let path = lexicon_path(dir, &id);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, doc.to_string())?;
            ids.push(id);
        }
    }
    Ok(ids)
}
