//! [`SchemaSet`]: lexicon documents loaded at run time, compiled for validation.
//!
//! Loading does all the string work once: every definition gets a slot in one node table,
//! every `ref` and union ref (`#x`, `nsid`, `nsid#x`, `nsid#main` ≡ `nsid`) is resolved to
//! the slot of its target, properties are sorted into the data's key order and limits are
//! converted. Validation then follows indices only.
//!
//! References that do not resolve are load problems. [`SchemaSet::from_documents`] refuses
//! a set with any problem; [`SchemaSet::from_documents_lenient`] keeps going, records the
//! problems ([`SchemaSet::problems`]) and turns each unresolved reference into a node that
//! fails validation only when data actually reaches it (useful when a service knows only
//! part of the lexicons that its data may use).

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::fmt;

use crate::constraint::StrRule;
use crate::schema::{self, Document, Schema, SchemaMap};
use crate::value::key_order;

use super::node::{
    ArrayRule, BlobRule, Body, Format, IntegerRule, LengthRange, Node, NodeId, ObjectRule,
    Property, RecordRule, StringRule, UnionRule, XrpcRule,
};

/// Handle of a definition in a [`SchemaSet`] (look it up once, validate many times).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DefId(u32);

#[derive(Debug, Clone)]
struct Def {
    /// As data names it: `nsid` for `main`, `nsid#name` otherwise.
    name: Box<str>,
    node: NodeId,
}

/// A problem found while loading schemas (an unresolved reference, a duplicate definition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    /// The definition where the problem is (`nsid` or `nsid#name`).
    pub def: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.def, self.message)
    }
}

/// Why [`SchemaSet::from_documents`] refused a set of documents: every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The problems, in document and definition order.
    pub problems: Vec<LoadProblem>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Lexicon definitions compiled for validation; see the [module docs](crate::validate).
///
/// ```
/// use lex_runtime::schema::Document;
/// use lex_runtime::validate::SchemaSet;
///
/// let doc = Document::from_json_str(r#"{"lexicon": 1, "id": "com.example.note",
///   "defs": {"main": {"type": "record", "key": "tid", "record": {"type": "object",
///     "required": ["text"], "properties": {"text": {"type": "string", "maxGraphemes": 10}}}}}}"#)?;
/// let set = SchemaSet::from_documents([doc])?;
/// let ok = lex_runtime::json::from_str(r#"{"$type": "com.example.note", "text": "hi"}"#)?;
/// assert!(set.validator().validate("com.example.note", &ok).is_ok());
/// let bad = lex_runtime::json::from_str(r#"{"$type": "com.example.note", "text": 1}"#)?;
/// let errors = set.validator().validate("com.example.note", &bad).unwrap_err();
/// assert_eq!(errors.to_string(), "$.text: expected a string, found an integer");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct SchemaSet {
    pub(crate) nodes: Vec<Node>,
    defs: Vec<Def>,
    by_name: BTreeMap<Box<str>, DefId>,
    problems: Vec<LoadProblem>,
}

impl SchemaSet {
    /// Compiles `documents`; any load problem (unresolved reference, duplicate definition,
    /// unknown string format, malformed reference) refuses the whole set.
    pub fn from_documents<I>(documents: I) -> Result<SchemaSet, LoadError>
    where
        I: IntoIterator,
        I::Item: Borrow<Document>,
    {
        let set = SchemaSet::from_documents_lenient(documents);
        if set.problems.is_empty() {
            Ok(set)
        } else {
            Err(LoadError {
                problems: set.problems,
            })
        }
    }

    /// Compiles `documents`, keeping whatever can be used: problems are listed by
    /// [`SchemaSet::problems`], and data that reaches an unresolved reference fails
    /// validation with an "unresolved reference" error.
    pub fn from_documents_lenient<I>(documents: I) -> SchemaSet
    where
        I: IntoIterator,
        I::Item: Borrow<Document>,
    {
        let documents: Vec<I::Item> = documents.into_iter().collect();
        let mut set = SchemaSet::default();
        // Pass 1: a slot per definition, so references (even cyclic ones) can point at it.
        let mut slots = Vec::new();
        for doc in &documents {
            let doc = doc.borrow();
            for (name, schema) in &doc.defs {
                let data_name = data_name(&doc.id, name);
                if set.by_name.contains_key(data_name.as_str()) {
                    set.problems.push(LoadProblem {
                        def: data_name,
                        message: "defined more than once (the first definition is used)".into(),
                    });
                    continue;
                }
                let node = set.push(Node::Pending);
                let id = DefId(u32::try_from(set.defs.len()).unwrap_or(u32::MAX));
                set.defs.push(Def {
                    name: data_name.clone().into(),
                    node,
                });
                set.by_name.insert(data_name.into(), id);
                slots.push((doc.id.as_str(), name.as_str(), schema, node));
            }
        }
        // Pass 2: compile each definition into its slot.
        for (doc, name, schema, slot) in slots {
            let mut cx = Build {
                set: &mut set,
                doc,
                def: name,
            };
            let node = cx.node(schema, Some(name));
            if let Some(entry) = set.nodes.get_mut(slot.0 as usize) {
                *entry = node;
            }
        }
        set
    }

    /// The definition named `name`: `nsid` (its `main`), `nsid#main` or `nsid#name`.
    pub fn def(&self, name: &str) -> Option<DefId> {
        let name = name.strip_suffix("#main").unwrap_or(name);
        self.by_name.get(name).copied()
    }

    /// The name of a definition as data writes it (`nsid` or `nsid#name`).
    pub fn def_name(&self, id: DefId) -> &str {
        self.defs.get(id.0 as usize).map_or("", |d| &d.name)
    }

    /// Every definition name, sorted.
    pub fn def_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.by_name.keys().map(|k| &**k)
    }

    /// Number of definitions.
    pub fn len(&self) -> usize {
        self.defs.len()
    }

    /// True when no definition is loaded.
    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }

    /// The problems found while loading (always empty for [`SchemaSet::from_documents`]).
    pub fn problems(&self) -> &[LoadProblem] {
        &self.problems
    }

    /// A validator over this set with the strict default [`super::Options`].
    pub fn validator(&self) -> super::Validator<'_> {
        super::Validator::new(self)
    }

    pub(crate) fn def_node(&self, id: DefId) -> Option<NodeId> {
        self.defs.get(id.0 as usize).map(|d| d.node)
    }

    #[inline]
    pub(crate) fn node(&self, id: NodeId) -> &Node {
        self.nodes.get(id.0 as usize).unwrap_or(&Node::Pending)
    }

    fn push(&mut self, node: Node) -> NodeId {
        let id = NodeId(u32::try_from(self.nodes.len()).unwrap_or(u32::MAX));
        self.nodes.push(node);
        id
    }
}

/// `nsid` for `main`, `nsid#name` otherwise.
fn data_name(nsid: &str, def: &str) -> String {
    if def == "main" {
        nsid.to_owned()
    } else {
        format!("{nsid}#{def}")
    }
}

/// Compiles the schemas of one definition.
struct Build<'a> {
    set: &'a mut SchemaSet,
    /// The document id, for local references.
    doc: &'a str,
    /// The definition name, for problem reports.
    def: &'a str,
}

impl Build<'_> {
    fn problem(&mut self, message: String) {
        self.set.problems.push(LoadProblem {
            def: data_name(self.doc, self.def),
            message,
        });
    }

    /// A nested schema: references point straight at their target's slot.
    fn child(&mut self, schema: &Schema) -> NodeId {
        match schema {
            Schema::Ref(r) => self.resolve(&r.target),
            other => {
                let node = self.node(other, None);
                self.set.push(node)
            }
        }
    }

    /// The slot of the definition that `reference` names.
    fn resolve(&mut self, reference: &str) -> NodeId {
        match self.target_name(reference) {
            Some(name) => {
                if let Some(node) = self.set.def(&name).and_then(|id| self.set.def_node(id)) {
                    return node;
                }
                self.problem(format!("unresolved reference `{reference}`"));
            }
            None => self.problem(format!("malformed reference `{reference}`")),
        }
        self.set.push(Node::Unresolved(reference.into()))
    }

    /// The data name (`nsid` or `nsid#name`) a reference string points at.
    fn target_name(&self, reference: &str) -> Option<String> {
        let (nsid, name) = match reference.split_once('#') {
            Some(("", name)) => (self.doc, name),
            Some((nsid, name)) => (nsid, name),
            None => (reference, "main"),
        };
        if nsid.is_empty() || name.is_empty() || name.contains('#') {
            return None;
        }
        Some(data_name(nsid, name))
    }

    fn node(&mut self, schema: &Schema, def_name: Option<&str>) -> Node {
        match schema {
            Schema::Boolean(b) => Node::Boolean {
                const_value: b.const_value,
            },
            Schema::Integer(i) => Node::Integer(IntegerRule {
                const_value: i.const_value,
                enum_values: i.enum_values.as_ref().map(|v| v.clone().into_boxed_slice()),
                minimum: i.minimum,
                maximum: i.maximum,
            }),
            Schema::String(s) => Node::String(Box::new(self.string(s))),
            Schema::Bytes(b) => Node::Bytes(LengthRange::new(b.min_length, b.max_length)),
            Schema::CidLink(_) => Node::CidLink,
            Schema::Blob(b) => Node::Blob(Box::new(BlobRule {
                accept: b
                    .accept
                    .as_ref()
                    .map(|list| list.iter().map(|p| p.as_str().into()).collect()),
                max_size: b.max_size,
            })),
            Schema::Array(a) => Node::Array(ArrayRule {
                items: self.child(&a.items),
                len: LengthRange::new(a.min_length, a.max_length),
            }),
            Schema::Object(o) => {
                let name = def_name.map(|n| data_name(self.doc, n).into_boxed_str());
                Node::Object(Box::new(self.object(
                    name,
                    &o.properties,
                    &o.required,
                    &o.nullable,
                )))
            }
            Schema::Params(p) => {
                Node::Params(Box::new(self.object(None, &p.properties, &p.required, &[])))
            }
            Schema::Token(_) => Node::Token(data_name(self.doc, def_name.unwrap_or("main")).into()),
            Schema::Ref(r) => {
                // Only as a definition (a schema error): validate as its target would.
                let target = self.resolve(&r.target);
                self.set.node(target).clone()
            }
            Schema::Union(u) => self.union(u),
            Schema::Unknown(_) => Node::Unknown,
            Schema::Record(r) => Node::Record(Box::new(RecordRule {
                nsid: self.doc.into(),
                key: r.key.clone(),
                body: self.child(&r.record),
            })),
            Schema::Query(q) => {
                let params = q.parameters.as_deref();
                self.xrpc("query", params, None, q.output.as_ref(), None)
            }
            Schema::Procedure(p) => {
                let (params, input) = (p.parameters.as_deref(), p.input.as_ref());
                self.xrpc("procedure", params, input, p.output.as_ref(), None)
            }
            Schema::Subscription(s) => {
                let message = s.message.as_ref().and_then(|m| m.schema.as_deref());
                self.xrpc("subscription", s.parameters.as_deref(), None, None, message)
            }
            Schema::PermissionSet(_) => {
                Node::Unusable("a permission set is not a data type".into())
            }
            Schema::Permission(_) => Node::Unusable("a permission is not a data type".into()),
            Schema::Unsupported(u) => Node::Unusable(
                format!(
                    "the schema type `{}` is not supported",
                    u.type_name.as_deref().unwrap_or("?")
                )
                .into(),
            ),
        }
    }

    /// A union: each member's name and slot.
    fn union(&mut self, u: &schema::Union) -> Node {
        let mut variants = Vec::with_capacity(u.refs.len());
        for reference in &u.refs {
            let name = self
                .target_name(reference)
                .unwrap_or_else(|| reference.clone());
            let node = self.resolve(reference);
            variants.push((name.into_boxed_str(), node));
        }
        Node::Union(Box::new(UnionRule {
            variants: variants.into_boxed_slice(),
            closed: u.is_closed(),
        }))
    }

    /// An XRPC method's parameters, bodies and (for a subscription) message.
    fn xrpc(
        &mut self,
        kind: &'static str,
        params: Option<&Schema>,
        input: Option<&schema::Body>,
        output: Option<&schema::Body>,
        message: Option<&Schema>,
    ) -> Node {
        Node::Xrpc(Box::new(XrpcRule {
            kind,
            nsid: self.doc.into(),
            params: params.map(|p| self.child(p)),
            input: input.map(|b| self.body(b)),
            output: output.map(|b| self.body(b)),
            message: message.map(|m| self.child(m)),
        }))
    }

    fn string(&mut self, s: &schema::StringSchema) -> StringRule {
        let format = s.format.as_ref().map(|f| match f {
            schema::StringFormat::Cid => Format::Cid,
            other => match crate::StringFormat::from_lexicon_name(other.name()) {
                Some(known) => Format::Syntax(known),
                None => Format::Unknown,
            },
        });
        if format == Some(Format::Unknown) {
            let name = s.format.as_ref().map_or("", |f| f.name()).to_owned();
            self.problem(format!("unknown string format `{name}`"));
        }
        StringRule {
            const_value: s.const_value.as_deref().map(Into::into),
            enum_values: s
                .enum_values
                .as_ref()
                .map(|v| v.iter().map(|e| e.as_str().into()).collect()),
            lengths: {
                let bytes = LengthRange::new(s.min_length, s.max_length);
                let graphemes = LengthRange::new(s.min_graphemes, s.max_graphemes);
                StrRule {
                    min_len: bytes.min,
                    max_len: bytes.max,
                    min_graphemes: graphemes.min,
                    max_graphemes: graphemes.max,
                    ..StrRule::ANY
                }
            },
            format,
        }
    }

    fn object(
        &mut self,
        name: Option<Box<str>>,
        properties: &SchemaMap,
        required: &[String],
        nullable: &[String],
    ) -> ObjectRule {
        for listed in required.iter().chain(nullable) {
            if !properties.contains_key(listed) {
                self.problem(format!(
                    "`{listed}` is listed as required or nullable but is not a property"
                ));
            }
        }
        let mut props: Vec<Property> = properties
            .iter()
            .map(|(key, schema)| Property {
                name: key.as_str().into(),
                node: self.child(schema),
                required: required.contains(key),
                nullable: nullable.contains(key),
            })
            .collect();
        props.sort_by(|a, b| key_order(&a.name, &b.name));
        ObjectRule {
            name,
            properties: props.into_boxed_slice(),
        }
    }

    fn body(&mut self, body: &schema::Body) -> Body {
        Body {
            encoding: body.encoding.as_str().into(),
            schema: body.schema.as_deref().map(|s| self.child(s)),
        }
    }
}
