//! Module names of generated trees, property-style: random sets of NSIDs drawn from
//! segments that collide after mangling (`fooBar`/`FooBar`/`foo-bar`), are Rust keywords
//! (`type`, `self`, `Self`, `crate`), are `mod` (whose file would be the namespace's
//! `mod.rs`) or are Windows device names (`con`, `com1`). Every set must generate a tree in
//! which each NSID prefix has its own module, each module its own file, and every path
//! component is an identifier (plain or raw) and a file name any OS accepts. The fixture
//! `fixtures/codegen/module-names` is the same idea compiled by the `lex-tests` build.

use std::collections::BTreeSet;

/// Authority segments (hyphens allowed) and name segments (letters and digits).
const AUTHORITY: &[&str] = &[
    "mod", "Mod", "MOD", "type", "self", "Self", "super", "crate", "con", "aux", "com", "Com",
    "com1", "lpt9", "foo-bar", "fooBar", "FooBar", "foobar", "a", "async", "x3d", "x-3d",
];
const NAME: &[&str] = &[
    "mod", "Mod", "type", "self", "Self", "super", "crate", "con", "Con", "nul", "com", "com1",
    "com2", "fooBar", "FooBar", "foobar", "a", "b", "async", "x3d", "X3d", "gen",
];

/// Windows device names (case-insensitive, with or without an extension).
const DEVICES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// xorshift64: deterministic, so a failure reproduces from the printed seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from.get(self.below(from.len())).copied().unwrap_or("a")
    }
}

fn nsids(rng: &mut Rng) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let count = 2 + rng.below(10);
    for _ in 0..count {
        let depth = 2 + rng.below(3);
        let mut segs: Vec<&str> = (0..depth).map(|_| rng.pick(AUTHORITY)).collect();
        segs.push(rng.pick(NAME));
        out.insert(segs.join("."));
    }
    out
}

fn lexicon(id: &str, next: &str) -> String {
    format!(
        r#"{{"lexicon": 1, "id": "{id}", "defs": {{"main": {{"type": "object",
            "properties": {{"next": {{"type": "ref", "ref": "{next}"}}}}}}}}}}"#
    )
}

/// Checks one set; returns what is wrong, if anything.
fn check(ids: &BTreeSet<String>) -> Result<(), String> {
    let list: Vec<&String> = ids.iter().collect();
    let sources: Vec<(String, String)> = list
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let next = list.get((i + 1) % list.len()).map_or("", |s| s.as_str());
            (format!("{i}.json"), lexicon(id, next))
        })
        .collect();
    let loaded = lex_compiler::load_sources(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    if loaded.diagnostics.has_errors() {
        return Err(format!("does not load: {:?}", loaded.diagnostics));
    }
    let modules = lex_compiler::Config::new()
        .generate_catalog(&loaded.catalog)
        .map_err(|e| format!("does not generate: {e}"))?;

    // One module per distinct NSID prefix, plus the root: no two prefixes share a module.
    let mut prefixes: BTreeSet<Vec<&str>> = BTreeSet::new();
    for id in ids {
        let segs: Vec<&str> = id.split('.').collect();
        for i in 1..=segs.len() {
            prefixes.insert(segs.iter().take(i).copied().collect());
        }
    }
    if modules.len() != prefixes.len() + 1 {
        return Err(format!(
            "{} modules for {} NSID prefixes: {:?}",
            modules.len(),
            prefixes.len(),
            modules.keys().collect::<Vec<_>>()
        ));
    }

    // One file per module, distinct even on a case-insensitive file system.
    let files = lex_compiler::codegen::rust::files(&modules);
    let mut seen = BTreeSet::new();
    for (path, src) in &files {
        let folded = path.to_string_lossy().to_lowercase();
        if !seen.insert(folded) {
            return Err(format!("two modules share the file {}", path.display()));
        }
        syn::parse_file(src).map_err(|e| format!("{} does not parse: {e}", path.display()))?;
        let comps: Vec<String> = path
            .iter()
            .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_owned())
            .collect();
        let Some((last, folders)) = comps.split_last() else {
            return Err("an empty path".to_owned());
        };
        for comp in folders.iter().chain((last != "mod").then_some(last)) {
            // `r#type` lives in `type.rs`; `self`, `super`, `crate` cannot be raw.
            let plain = syn::parse_str::<syn::Ident>(comp).is_ok();
            if !plain && syn::parse_str::<syn::Ident>(&format!("r#{comp}")).is_err() {
                return Err(format!(
                    "`{comp}` in {} is not an identifier",
                    path.display()
                ));
            }
            if comp == "mod" || DEVICES.contains(&comp.to_lowercase().as_str()) {
                return Err(format!(
                    "`{comp}` in {} is a reserved file name",
                    path.display()
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn module_names_never_collide() {
    for seed in 1..=300u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let ids = nsids(&mut rng);
        if let Err(e) = check(&ids) {
            panic!("seed {seed}, NSIDs {ids:?}: {e}");
        }
    }
}

#[test]
fn module_named_mod_beside_a_sibling() {
    let ids: BTreeSet<String> = ["com.example.mod", "com.example.other", "com.example.mod.x"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(check(&ids), Ok(()));
}

#[test]
fn the_checker_sees_a_collision() {
    // The property above must be able to fail: the raw keyword module `r#mod` is the file
    // `mod.rs`, and a device name is caught however it is cased.
    let module = lex_compiler::codegen::rust::ident::ident_text(
        "mod",
        lex_compiler::codegen::rust::ident::Case::Snake,
    );
    assert_eq!(module, "r#mod");
    assert_eq!(
        lex_compiler::codegen::rust::ident::module_text("mod"),
        "mod_"
    );
    assert_eq!(
        lex_compiler::codegen::rust::ident::module_text("CON"),
        "con_"
    );
    assert_eq!(
        lex_compiler::codegen::rust::ident::module_text("type"),
        "r#type"
    );
}
