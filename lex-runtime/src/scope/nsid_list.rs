//! [`NsidList`]: the `collection` of `repo` and the `lxm` of `rpc`, a set of NSIDs or `*`.

use super::error::ScopeError;
use super::error::ScopeErrorKind;
use super::syntax::Params;
use crate::Nsid;

/// NSIDs a scope names, or all of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NsidList {
    /// `*`: any NSID. A list holding `*` next to NSIDs normalizes to this.
    All,
    /// These NSIDs, deduplicated and sorted; never empty.
    Only(Vec<Nsid>),
}

impl NsidList {
    /// A list of the given NSIDs, deduplicated and sorted; `None` when empty.
    pub fn only(nsids: impl IntoIterator<Item = Nsid>) -> Option<NsidList> {
        let mut nsids: Vec<Nsid> = nsids.into_iter().collect();
        nsids.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
        nsids.dedup_by(|a, b| a.as_str() == b.as_str());
        (!nsids.is_empty()).then_some(NsidList::Only(nsids))
    }

    /// Whether `nsid` is in the list (exact, case-sensitive comparison, as the reference
    /// does); `*` contains everything.
    pub fn contains(&self, nsid: &str) -> bool {
        match self {
            NsidList::All => true,
            NsidList::Only(list) => list.iter().any(|n| n.as_str() == nsid),
        }
    }

    /// The values as written in a scope string: `["*"]` or the NSIDs.
    pub fn values(&self) -> Vec<&str> {
        match self {
            NsidList::All => vec!["*"],
            NsidList::Only(list) => list.iter().map(Nsid::as_str).collect(),
        }
    }

    /// Validates raw values for parameter `param`.
    pub(crate) fn parse(
        params: &Params<'_>,
        param: &'static str,
        values: Vec<String>,
    ) -> Result<NsidList, ScopeError> {
        let mut nsids = Vec::with_capacity(values.len());
        let mut all = false;
        for value in values {
            if value == "*" {
                all = true;
            } else if value.contains('*') {
                return Err(params.error(ScopeErrorKind::PartialWildcard { param, value }));
            } else {
                match Nsid::new(&value) {
                    Ok(nsid) => nsids.push(nsid),
                    Err(e) => return Err(params.bad_value(param, &value, e.reason())),
                }
            }
        }
        if all {
            return Ok(NsidList::All);
        }
        NsidList::only(nsids).ok_or_else(|| params.error(ScopeErrorKind::Missing(param)))
    }
}
