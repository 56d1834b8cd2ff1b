//! A `getRecord` proof or a `getRepo` export from arbitrary bytes: CAR reading (block
//! hashes checked), the commit block, its signature against a fixed key, the MST walk to a
//! record and the walk over every key (`mst::leaves`). Every step must return an error for
//! bad input, never panic, loop or allocate without bound.

#![no_main]

use lex_runtime::car::Car;
use lex_runtime::commit::Commit;
use lex_runtime::did_doc::PublicKey;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(car) = Car::read(data) else { return };
    let Ok(root) = car.root() else { return };
    let Some(block) = car.get(&root) else { return };
    let Ok(commit) = Commit::decode(block) else {
        // Not a commit: walk it as an MST node instead.
        let _ = lex_runtime::mst::prove(&root, "com.atproto.lexicon.schema/a.b.c", |c| car.get(c));
        let _ = lex_runtime::mst::leaves(&root, |c| car.get(c));
        return;
    };
    if let Ok(key) =
        PublicKey::from_did_key("did:key:zQ3shXgWjVsCJsv9mBm6kVqFSjAnErMg3zG9CcyvmUCCaFRCr")
    {
        let _ = commit.verify(&key);
    }
    let _ = lex_runtime::mst::prove(&commit.data, "com.atproto.lexicon.schema/a.b.c", |c| {
        car.get(c)
    });
    let _ = lex_runtime::mst::leaves(&commit.data, |c| car.get(c));
});
