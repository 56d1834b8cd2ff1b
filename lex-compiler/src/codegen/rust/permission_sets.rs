//! Permission sets -> the scope that requests one (`SCOPE`, `scope_with_aud`) and its
//! permissions as runtime constants (`permissions()`, `permission_set()`), so an app
//! names a set with a checked constant and a server expands it without reading JSON.
//!
//! The permissions are first read into the runtime's own type
//! ([`crate::ir::permission_set`]) and written from there, so the constants equal what
//! `PermissionSet::from_lexicon` reads from the same lexicon, unknown and malformed keys
//! included, and expansion skips the same permissions.

use lex_runtime::schema::PermissionSet;
use lex_runtime::scope::{IncludeScope, Permission, Strs};
use lex_runtime::Nsid;
use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::Emitter;
use crate::ir::permission_set;

/// The name pass 1 reserves for the scope constant in a permission-set lexicon.
pub(crate) const SCOPE_ITEM: &str = "SCOPE";

/// Emits the items of the permission set `set`, the `main` definition of its lexicon.
pub(crate) fn emit(em: &mut Emitter<'_>, set: &PermissionSet) {
    // A lexicon id that is no NSID already failed the schema stage; nothing to request.
    let Ok(nsid) = Nsid::new(em.nsid) else { return };
    let scope = IncludeScope { nsid, aud: None }.to_string();
    let rt = em.rt.clone();
    let cow = quote! { ::std::borrow::Cow::Borrowed };
    let scope_doc = docs::doc_attrs(&scope_doc(&scope, set));
    let with_aud = format!("{scope}?aud=");
    let permissions = permission_set::from_schema(set)
        .permissions
        .iter()
        .map(|p| permission(&rt, p))
        .collect::<Vec<_>>();
    let text = |t: &Option<String>| match t {
        Some(t) => quote! { ::std::option::Option::Some(#cow(#t)) },
        None => quote! { ::std::option::Option::None },
    };
    let (title, detail) = (text(&set.title), text(&set.detail));
    em.items.push(quote! {
        #scope_doc
        pub const SCOPE: &str = #scope;

        /// [`SCOPE`] for one service: `aud` is a DID service reference such as
        /// `did:web:api.example.com#svc`, which the set's `inheritAud` permissions apply
        /// to. The value is percent-encoded as in every normalized scope string (`#` is
        /// `%23`).
        pub fn scope_with_aud(aud: &str) -> ::std::string::String {
            let mut out = ::std::string::String::from(#with_aud);
            for b in aud.bytes() {
                if b.is_ascii_alphanumeric() || b"-_.*:/,@".contains(&b) {
                    out.push(char::from(b));
                } else {
                    let _ = ::std::fmt::Write::write_fmt(&mut out, format_args!("%{:02X}", b));
                }
            }
            out
        }

        /// The set's permissions as written; `lex_runtime::scope::expand` says which of
        /// them a request of [`SCOPE`] grants.
        pub fn permissions() -> &'static [#rt::scope::Permission] {
            static PERMISSIONS: &[#rt::scope::Permission] = &[#(#permissions),*];
            PERMISSIONS
        }

        /// The whole set (title, detail, permissions), as
        /// `lex_runtime::scope::IncludeScope::expand` takes it.
        pub fn permission_set() -> #rt::scope::PermissionSet {
            #rt::scope::PermissionSet {
                title: #title,
                detail: #detail,
                permissions: #cow(permissions()),
            }
        }
    });
}

/// The scope's documentation: what it is, then the texts a consent screen shows.
fn scope_doc(scope: &str, set: &PermissionSet) -> String {
    let mut parts = vec![format!(
        "{}: the OAuth scope that requests this permission set.",
        docs::code(scope)
    )];
    if let Some(d) = &set.description {
        parts.push(d.clone());
    }
    let mut shown = |label: &str,
                     text: &Option<String>,
                     localized: &std::collections::BTreeMap<String, String>| {
        if let Some(t) = text {
            parts.push(format!("{label}: {t}"));
        }
        for (lang, t) in localized {
            parts.push(format!("{label} ({}): {t}", docs::code(lang)));
        }
    };
    shown("Title", &set.title, &set.title_lang);
    shown("Detail", &set.detail, &set.detail_lang);
    parts.join("\n\n")
}

/// One `Permission` struct expression.
fn permission(rt: &TokenStream, p: &Permission) -> TokenStream {
    let cow = quote! { ::std::borrow::Cow::Borrowed };
    let strs = |s: &Strs| {
        let items = s.iter();
        quote! { #rt::scope::Strs::Static(&[#(#items),*]) }
    };
    let list = |s: &Option<Strs>| match s {
        Some(s) => {
            let s = strs(s);
            quote! { ::std::option::Option::Some(#s) }
        }
        None => quote! { ::std::option::Option::None },
    };
    let resource = p.resource.as_ref();
    let (collection, action, lxm) = (list(&p.collection), list(&p.action), list(&p.lxm));
    let aud = match p.aud.as_deref() {
        Some(a) => quote! { ::std::option::Option::Some(#cow(#a)) },
        None => quote! { ::std::option::Option::None },
    };
    let inherit_aud = match p.inherit_aud {
        Some(b) => quote! { ::std::option::Option::Some(#b) },
        None => quote! { ::std::option::Option::None },
    };
    let (unknown, malformed) = (strs(&p.unknown), strs(&p.malformed));
    quote! {
        #rt::scope::Permission {
            resource: #cow(#resource),
            collection: #collection,
            action: #action,
            lxm: #lxm,
            aud: #aud,
            inherit_aud: #inherit_aud,
            unknown: #unknown,
            malformed: #malformed,
        }
    }
}
