//! `include` scopes: [`IncludeScope`], a reference to a permission set (see
//! [`super::expand`] for what it grants).

use std::fmt;

use super::audience::ServiceRef;
use super::error::ScopeError;
use super::syntax::{write_scope, Params};
use crate::Nsid;

/// `include:<nsid>[?aud=<service>]`: everything the permission set `nsid` grants, with
/// `aud` for its `inheritAud` permissions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IncludeScope {
    /// The permission set.
    pub nsid: Nsid,
    /// The service the set's `inheritAud` permissions apply to.
    pub aud: Option<ServiceRef>,
}

impl IncludeScope {
    pub(crate) fn from_params(mut p: Params<'_>) -> Result<IncludeScope, ScopeError> {
        p.only(&["nsid", "aud"])?;
        let nsid = p.required_single("nsid")?;
        if nsid.contains('*') {
            return Err(p.bad_value("nsid", &nsid, "a permission set is one NSID, not a pattern"));
        }
        let nsid = Nsid::new(&nsid).map_err(|e| p.bad_value("nsid", &nsid, e.reason()))?;
        let aud = match p.single("aud")? {
            None => None,
            Some(a) if a == "*" => {
                return Err(p.bad_value("aud", &a, "an include names one service, not `*`"))
            }
            Some(a) => {
                Some(ServiceRef::parse(&a).map_err(|reason| p.bad_value("aud", &a, reason))?)
            }
        };
        Ok(IncludeScope { nsid, aud })
    }
}

impl fmt::Display for IncludeScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let aud: Vec<(&str, &str)> = self.aud.iter().map(|a| ("aud", a.as_str())).collect();
        write_scope(f, "include", "nsid", &[self.nsid.as_str()], &aud)
    }
}
