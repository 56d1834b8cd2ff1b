//! Templates for new lexicons (`lex new`): a kind and an NSID in, a style-guide-conformant
//! document out, in the fixed layout of generated documents.
//!
//! Every text a designer must write is a placeholder starting with [`PLACEHOLDER`]; the
//! lint rule `placeholder-description` reports each one as a warning, so a new file
//! passes `lex check` and `lex lint` has no errors on it, yet nothing is forgotten.
//!
//! ```
//! use lex_compiler::template::{render, Kind};
//! let text = render(Kind::Record, "com.example.blog.post")?;
//! assert!(text.contains("\"key\": \"tid\""));
//! # Ok::<(), lex_compiler::template::TemplateError>(())
//! ```

use lex_runtime::Nsid;

/// The marker at the start of every placeholder text a template writes.
pub const PLACEHOLDER: &str = "TODO(lex new)";

/// What kind of lexicon to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A record type, keyed by TID, with a `createdAt`.
    Record,
    /// A query (HTTP GET) returning one object.
    Query,
    /// A paginated list query: `limit` and `cursor` in, `cursor` and items out.
    QueryList,
    /// A procedure (HTTP POST) with a JSON input and output.
    Procedure,
    /// A subscription (event stream) with a cursor and a union of messages.
    Subscription,
    /// A permission set (OAuth scopes bundle); its name must start with `auth`.
    PermissionSet,
    /// A reusable object definition.
    Object,
}

/// Why no template was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// The NSID is not valid.
    #[error("`{nsid}` is not a valid NSID: {reason}")]
    InvalidNsid {
        /// The NSID as given.
        nsid: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A permission set's name (the NSID's last segment) does not start with `auth`.
    #[error("a permission set's name must start with `auth` (e.g. `{suggestion}`), not `{name}`")]
    PermissionSetName {
        /// The name as given.
        name: String,
        /// The NSID with the name prefixed by `auth`.
        suggestion: String,
    },
}

/// The text of a new lexicon of `kind` with id `nsid`, ending with a newline.
pub fn render(kind: Kind, nsid: &str) -> Result<String, TemplateError> {
    if let Err(e) = Nsid::validate(nsid) {
        return Err(TemplateError::InvalidNsid {
            nsid: nsid.to_owned(),
            reason: e.to_string(),
        });
    }
    let (authority, name) = nsid.rsplit_once('.').unwrap_or(("", nsid));
    if kind == Kind::PermissionSet && !name.starts_with("auth") {
        let mut capital = name.chars();
        let rest: String = capital.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(capital).collect()
        });
        return Err(TemplateError::PermissionSetName {
            name: name.to_owned(),
            suggestion: format!("{authority}.auth{rest}"),
        });
    }
    let defs = match kind {
        Kind::Record => record(name),
        Kind::Query => query(),
        Kind::QueryList => query_list(name),
        Kind::Procedure => procedure(),
        Kind::Subscription => subscription(),
        Kind::PermissionSet => permission_set(authority),
        Kind::Object => object(),
    };
    let text = format!(r#"{{"lexicon": 1, "id": "{nsid}", "defs": {defs}}}"#);
    // The template text is valid JSON by construction and the NSID holds no characters
    // that need escaping, so laying it out cannot fail.
    Ok(crate::syntax::format::fixed_layout(&text).unwrap_or(text))
}

/// `"TODO(lex new): <what>"` as a JSON string.
fn todo(what: &str) -> String {
    format!(r#""{PLACEHOLDER}: {what}""#)
}

fn record(name: &str) -> String {
    format!(
        r#"{{"main": {{"type": "record", "description": {}, "key": "tid",
          "record": {{"type": "object", "required": ["text", "createdAt"], "properties": {{
            "text": {{"type": "string", "description": {}, "maxLength": 3000, "maxGraphemes": 300}},
            "createdAt": {{"type": "string", "format": "datetime", "description": "When the record was created, as the client says."}}}}}}}}}}"#,
        todo(&format!("what one {name} record holds, and who writes it.")),
        todo("describe this field, or replace it with the record's own fields."),
    )
}

fn query() -> String {
    format!(
        r#"{{"main": {{"type": "query", "description": {},
          "parameters": {{"type": "params", "required": ["actor"], "properties": {{
            "actor": {{"type": "string", "format": "at-identifier", "description": {}}}}}}},
          "output": {{"encoding": "application/json", "schema": {{"type": "object", "required": ["value"], "properties": {{
            "value": {{"type": "string", "description": {}, "maxLength": 3000, "maxGraphemes": 300}}}}}}}}}}}}"#,
        todo("what this returns, and whether it requires auth."),
        todo("describe this parameter."),
        todo("describe this field, or replace it with the output's own fields."),
    )
}

fn query_list(name: &str) -> String {
    // `listPosts` lists `posts`; other names list `items`.
    let items = ["list", "search", "get"]
        .iter()
        .find_map(|verb| name.strip_prefix(verb))
        .and_then(|rest| {
            let mut chars = rest.chars();
            let first = chars.next()?;
            first
                .is_ascii_uppercase()
                .then(|| first.to_ascii_lowercase().to_string() + chars.as_str())
        })
        .unwrap_or_else(|| "items".to_owned());
    format!(
        r##"{{"main": {{"type": "query", "description": {},
          "parameters": {{"type": "params", "properties": {{
            "limit": {{"type": "integer", "minimum": 1, "maximum": 100, "default": 50}},
            "cursor": {{"type": "string", "maxLength": 640}}}}}},
          "output": {{"encoding": "application/json", "schema": {{"type": "object", "required": ["{items}"], "properties": {{
            "cursor": {{"type": "string", "maxLength": 640}},
            "{items}": {{"type": "array", "maxLength": 100, "items": {{"type": "ref", "ref": "#view"}}}}}}}}}}}},
          "view": {{"type": "object", "description": {}, "required": ["uri"], "properties": {{
            "uri": {{"type": "string", "format": "at-uri"}}}}}}}}"##,
        todo("what this lists, in which order, and whether it requires auth."),
        todo("what one listed item shows."),
    )
}

fn procedure() -> String {
    format!(
        r#"{{"main": {{"type": "procedure", "description": {},
          "input": {{"encoding": "application/json", "schema": {{"type": "object", "required": ["subject"], "properties": {{
            "subject": {{"type": "string", "format": "at-uri", "description": {}}}}}}}}},
          "output": {{"encoding": "application/json", "schema": {{"type": "object", "required": ["uri"], "properties": {{
            "uri": {{"type": "string", "format": "at-uri", "description": {}}}}}}}}}}}}}"#,
        todo("what this does, and whether it requires auth."),
        todo("describe this input field, or replace it with the input's own fields."),
        todo("describe this output field, or replace it with the output's own fields."),
    )
}

fn subscription() -> String {
    format!(
        r##"{{"main": {{"type": "subscription", "description": {},
          "parameters": {{"type": "params", "properties": {{
            "cursor": {{"type": "integer", "description": "The last known event seq number to backfill from."}}}}}},
          "message": {{"schema": {{"type": "union", "refs": ["#event"]}}}},
          "errors": [{{"name": "FutureCursor"}}]}},
          "event": {{"type": "object", "description": {}, "required": ["seq"], "properties": {{
            "seq": {{"type": "integer", "description": "The stream sequence number of this event."}}}}}}}}"##,
        todo("what events this streams, and whether it requires auth."),
        todo("what one event says."),
    )
}

fn permission_set(authority: &str) -> String {
    format!(
        r#"{{"main": {{"type": "permission-set", "title": {}, "detail": {},
          "permissions": [{{"type": "permission", "resource": "repo", "collection": ["{authority}.TODO"]}}]}}}}"#,
        todo("a short title shown to users."),
        todo("what granting this lets an app do, in one sentence shown to users."),
    )
}

fn object() -> String {
    format!(
        r#"{{"main": {{"type": "object", "description": {}, "required": ["name"], "properties": {{
            "name": {{"type": "string", "description": {}, "maxLength": 640, "maxGraphemes": 64}}}}}}}}"#,
        todo("what this object represents."),
        todo("describe this field, or replace it with the object's own fields."),
    )
}

#[cfg(test)]
mod tests {
    use super::{render, Kind, TemplateError};

    #[test]
    fn every_kind_is_valid_json_in_the_fixed_layout() {
        for kind in [
            Kind::Record,
            Kind::Query,
            Kind::QueryList,
            Kind::Procedure,
            Kind::Subscription,
            Kind::PermissionSet,
            Kind::Object,
        ] {
            let text = match render(kind, "com.example.blog.authThing") {
                Ok(t) => t,
                Err(e) => panic!("{kind:?}: {e}"),
            };
            assert!(
                serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                "{text}"
            );
            let fixed = crate::syntax::format::fixed_layout(&text).ok();
            assert_eq!(fixed.as_deref(), Some(text.as_str()), "{kind:?}");
            let formatted = crate::syntax::format::format_json(&text).ok();
            assert_eq!(formatted.as_deref(), Some(text.as_str()), "{kind:?}");
        }
    }

    #[test]
    fn refuses_bad_nsids_and_permission_set_names() {
        assert!(matches!(
            render(Kind::Record, "not an nsid"),
            Err(TemplateError::InvalidNsid { .. })
        ));
        assert!(matches!(
            render(Kind::Record, "com.example"),
            Err(TemplateError::InvalidNsid { .. })
        ));
        assert_eq!(
            render(Kind::PermissionSet, "com.example.blog.write").err(),
            Some(TemplateError::PermissionSetName {
                name: "write".into(),
                suggestion: "com.example.blog.authWrite".into()
            })
        );
    }

    #[test]
    fn list_items_are_named_after_the_query() {
        let text = render(Kind::QueryList, "com.example.blog.listPosts").unwrap_or_default();
        assert!(text.contains("\"required\": [\"posts\"]"), "{text}");
        let text = render(Kind::QueryList, "com.example.blog.feed").unwrap_or_default();
        assert!(text.contains("\"items\": {"), "{text}");
    }
}
