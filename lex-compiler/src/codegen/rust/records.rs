//! Records -> the record body struct (`$type` checked on read, always written) plus
//! `lex_runtime::Record` (collection NSID, record-key type).

use lex_runtime::schema::{Record, RecordKeyType, Schema};
use quote::quote;

use super::ident;
use super::objects::{self, Shape};
use super::types::Emitter;

pub(crate) fn emit(em: &mut Emitter<'_>, name: &str, record: &Record) {
    let Schema::Object(object) = record.record.as_ref() else {
        return;
    };
    let nsid = em.nsid;
    let description = record
        .description
        .as_deref()
        .or(object.description.as_deref());
    let slot = objects::emit_struct(em, name, object, description, Shape::Record(nsid));
    let rt = em.rt.clone();
    let (key, key_ty) = match &record.key {
        RecordKeyType::Tid => (quote! { Tid }, quote! { #rt::Tid }),
        RecordKeyType::Nsid => (quote! { Nsid }, quote! { #rt::Nsid }),
        RecordKeyType::Literal(v) => (quote! { Literal(#v) }, quote! { #rt::RecordKey }),
        RecordKeyType::Any | RecordKeyType::Other(_) => (quote! { Any }, quote! { #rt::RecordKey }),
    };
    let ident = ident::make(name);
    em.fill(
        slot,
        quote! {
            impl #rt::Record for #ident {
                const NSID: &'static str = #nsid;
                const KEY: #rt::record::KeyType = #rt::record::KeyType::#key;
                type Key = #key_ty;
            }
        },
    );
}
