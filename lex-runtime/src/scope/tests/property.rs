//! Round-trip properties over generated scopes: every valid scope string, in positional
//! or query form, shuffled, duplicated and percent-encoded at random, parses; its display
//! parses back to an equal value and displays identically. A small deterministic
//! generator stands in for proptest (not a dependency of the workspace).

use crate::scope::{Scope, ScopeSet};

/// xorshift64*: deterministic, so a failure reproduces from the printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn word(&mut self, first: &[u8], rest: &[u8], max: usize) -> String {
        let len = 1 + self.below(max);
        let mut s = String::new();
        s.push(char::from(first[self.below(first.len())]));
        for _ in 1..len {
            s.push(char::from(rest[self.below(rest.len())]));
        }
        s
    }
}

const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

fn nsid(r: &mut Rng) -> String {
    let segments = 3 + r.below(3);
    let mut parts: Vec<String> = (0..segments - 1)
        .map(|_| r.word(LOWER, b"abcxyz019-", 8))
        .collect();
    for p in &mut parts {
        // Labels may not end with a hyphen.
        if p.ends_with('-') {
            p.push('a');
        }
    }
    parts.push(r.word(b"abcXYZ", ALNUM, 10));
    parts.join(".")
}

fn service_ref(r: &mut Rng) -> String {
    let did = match r.below(3) {
        0 => format!(
            "did:plc:{}",
            r.word(
                b"abcdefghijklmnopqrstuvwxyz234567",
                b"abcdefghijklmnopqrstuvwxyz234567",
                1
            )
            .repeat(24)
        ),
        1 => format!("did:web:localhost%3A{}", r.below(65536)),
        _ => format!(
            "did:web:{}.{}",
            r.word(LOWER, b"abc-_.0", 12).replace("..", "."),
            r.pick(&["com", "app", "example"])
        ),
    };
    let frag = r.word(b"abs_", b"abc_-.~!$&'()*+,;=:@/?XZ09", 12);
    let frag = if r.chance(5) {
        format!("{frag}%4a")
    } else {
        frag
    };
    format!("{did}#{frag}")
}

fn mime(r: &mut Rng) -> String {
    if r.chance(10) {
        return "*/*".into();
    }
    let kind = r.pick(&["image", "video", "text", "application", "Audio"]);
    let sub = if r.chance(4) {
        "*".to_owned()
    } else {
        r.word(ALNUM, b"abcxyz+-.019", 10)
    };
    format!("{kind}/{sub}")
}

/// Writes `value` into a scope, escaping what must be and, at random, more.
fn encode(r: &mut Rng, value: &str, query: bool) -> String {
    let mut out = String::new();
    for c in value.chars() {
        let must = matches!(c, '&' | '%' | '?') || (query && c == '+') || (!query && c == '#');
        if must || (c != '#' && r.chance(8)) {
            for b in c.to_string().bytes() {
                let hex = if r.chance(2) {
                    format!("%{b:02X}")
                } else {
                    format!("%{b:02x}")
                };
                out.push_str(&hex);
            }
        } else {
            out.push(c);
        }
    }
    // A `%4a` escape written by `service_ref` is text, so its `%` must be escaped too.
    out
}

/// A scope string for `resource` with the positional parameter `pos` holding `values`
/// and the other parameters `other`, in a random form.
fn write(
    r: &mut Rng,
    resource: &str,
    pos: &str,
    values: &[String],
    other: &[(&str, String)],
) -> String {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut out = resource.to_owned();
    let positional = values.len() == 1 && r.chance(2);
    if positional {
        out.push(':');
        out.push_str(&encode(r, &values[0], false));
    } else {
        pairs.extend(values.iter().map(|v| (pos.to_owned(), v.clone())));
    }
    pairs.extend(other.iter().map(|(n, v)| ((*n).to_owned(), v.clone())));
    for i in (1..pairs.len()).rev() {
        pairs.swap(i, r.below(i + 1));
    }
    if !pairs.is_empty() || r.chance(6) {
        out.push('?');
    }
    let pairs: Vec<String> = pairs
        .iter()
        .map(|(n, v)| format!("{}={}", encode(r, n, true), encode(r, v, true)))
        .collect();
    out.push_str(&pairs.join("&"));
    out
}

fn list(r: &mut Rng, max: usize, wildcard: bool, item: fn(&mut Rng) -> String) -> Vec<String> {
    let mut v: Vec<String> = (0..1 + r.below(max)).map(|_| item(r)).collect();
    if wildcard && r.chance(6) {
        v.push("*".into());
    }
    if r.chance(4) {
        v.push(v[0].clone());
    }
    v
}

fn scope(r: &mut Rng) -> String {
    match r.below(9) {
        0 => r
            .pick(&[
                "atproto",
                "transition:generic",
                "transition:chat.bsky",
                "transition:email",
            ])
            .into(),
        1 | 2 => {
            let c = list(r, 4, true, nsid);
            let actions = ["create", "update", "delete"];
            let a: Vec<(&str, String)> = (0..r.below(4))
                .map(|_| ("action", r.pick(&actions).to_owned()))
                .collect();
            write(r, "repo", "collection", &c, &a)
        }
        3 | 4 => {
            let lxm = list(r, 4, false, nsid);
            let aud = if r.chance(3) {
                "*".to_owned()
            } else {
                service_ref(r)
            };
            write(r, "rpc", "lxm", &lxm, &[("aud", aud)])
        }
        5 => {
            let accept = list(r, 4, false, mime);
            write(r, "blob", "accept", &accept, &[])
        }
        6 => {
            let attr = vec![r.pick(&["email", "repo"]).to_owned()];
            let action: Vec<(&str, String)> = (0..r.below(2))
                .map(|_| ("action", r.pick(&["read", "manage"]).to_owned()))
                .collect();
            write(r, "account", "attr", &attr, &action)
        }
        7 => {
            let attr = [r.pick(&["handle", "*"]).to_owned()];
            write(r, "identity", "attr", &attr, &[])
        }
        _ => {
            let aud: Vec<(&str, String)> = if r.chance(2) {
                vec![("aud", service_ref(r))]
            } else {
                vec![]
            };
            let set = [nsid(r)];
            write(r, "include", "nsid", &set, &aud)
        }
    }
}

fn assert_round_trip(input: &str, scope: &Scope) {
    let shown = scope.to_string();
    let again = Scope::parse(&shown).unwrap_or_else(|e| panic!("{input} -> {shown}: {e}"));
    assert_eq!(&again, scope, "{input} -> {shown}");
    assert_eq!(again.to_string(), shown, "{input}");
}

#[test]
fn generated_valid_scopes_round_trip() {
    let mut r = Rng(0x5eed_0f5c_09e5);
    let mut kinds = std::collections::BTreeSet::new();
    for _ in 0..4000 {
        let s = scope(&mut r);
        let parsed = Scope::parse(&s).unwrap_or_else(|e| panic!("generated `{s}`: {e}"));
        kinds.insert(parsed.resource());
        assert_round_trip(&s, &parsed);
    }
    assert_eq!(kinds.len(), 8, "{kinds:?}");
}

#[test]
fn generated_scope_sets_round_trip() {
    let mut r = Rng(42);
    for _ in 0..300 {
        let items: Vec<String> = (0..r.below(8)).map(|_| scope(&mut r)).collect();
        let text = items.join(if r.chance(3) { "  " } else { " " });
        let set = ScopeSet::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let shown = set.to_string();
        let again = ScopeSet::parse(&shown).unwrap_or_else(|e| panic!("{shown}: {e}"));
        assert_eq!(again, set);
        assert_eq!(again.to_string(), shown);
        let mut sorted: Vec<&str> = shown.split(' ').filter(|s| !s.is_empty()).collect();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.join(" "), shown, "sorted and deduplicated");
    }
}

#[test]
fn mutated_scopes_never_panic_and_round_trip_when_valid() {
    let mut r = Rng(7);
    let noise: &[u8] = b"*:?&=%#+/.,@ ~aZ09!";
    let mut still_valid = 0;
    for _ in 0..4000 {
        let mut bytes = scope(&mut r).into_bytes();
        for _ in 0..1 + r.below(3) {
            let at = r.below(bytes.len() + 1);
            match r.below(3) {
                0 if at < bytes.len() => {
                    bytes.remove(at);
                }
                1 => bytes.insert(at, noise[r.below(noise.len())]),
                _ if at < bytes.len() => bytes[at] = r.next() as u8,
                _ => {}
            }
        }
        let s = String::from_utf8_lossy(&bytes);
        if let Ok(scope) = Scope::parse(&s) {
            still_valid += 1;
            assert_round_trip(&s, &scope);
        }
        let _ = ScopeSet::parse_lenient(&s);
    }
    // The mutations must leave some valid scopes, or the round-trip branch is untested.
    assert!(still_valid > 200, "{still_valid}");
}
