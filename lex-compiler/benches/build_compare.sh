#!/bin/sh
# Debug `cargo build` time and peak memory of the generated corpus against atrium-api.
#
#   sh lex-compiler/benches/build_compare.sh [WORK_DIR]   (default /tmp/lex-build-compare)
#
# Makes two scratch crates in WORK_DIR: `ours` (the `lex build` output of
# $LEX_SHARED_DIR/corpus/atproto, default ../shared, plus a lex-runtime path dependency)
# and `atrium` (atrium-api from crates.io with every namespace feature). Each is built once
# so its dependencies (serde, lex-runtime / atrium-xrpc, ...) are compiled; then, RUNS
# times (default 3), only the API crate is cleaned (`cargo clean -p`) and rebuilt under
# `/usr/bin/time -v`. The figure is therefore the API crate itself (plus the empty crate
# on top), dev profile, incremental on, dependencies prebuilt. Peak memory is the largest
# process (rustc of the API crate). Needs a release `lex` on PATH or in $LEX.
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-/tmp/lex-build-compare}
corpus=${LEX_SHARED_DIR:-$repo/../shared}/corpus/atproto
lex=${LEX:-lex}
runs=${RUNS:-3}
atrium_version=${ATRIUM_VERSION:-0.26}

mkdir -p "$work/ours/src" "$work/atrium/src"
cat >"$work/ours/Cargo.toml" <<EOF
[package]
name = "bench-ours"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
lex-runtime = { path = "$repo/lex-runtime" }

[workspace]
EOF
printf '//! The generated corpus.\n#![allow(missing_docs)]\npub mod gen;\n' >"$work/ours/src/lib.rs"
rm -rf "$work/ours/src/gen"
"$lex" build --lexicons "$corpus" --out "$work/ours/src/gen"

cat >"$work/atrium/Cargo.toml" <<EOF
[package]
name = "bench-atrium"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
atrium-api = { version = "$atrium_version", default-features = false, features = ["namespace-appbsky", "namespace-chatbsky", "namespace-toolsozone"] }

[workspace]
EOF
printf '//! atrium-api with every namespace.\npub use atrium_api;\n' >"$work/atrium/src/lib.rs"

measure() { # name dir packages...
    name=$1 dir=$2
    shift 2
    (cd "$dir" && CARGO_TARGET_DIR="$work/target-$name" cargo build -q)
    i=0
    while [ "$i" -lt "$runs" ]; do
        for p in "$@"; do
            (cd "$dir" && CARGO_TARGET_DIR="$work/target-$name" cargo clean -q -p "$p")
        done
        (cd "$dir" && CARGO_TARGET_DIR="$work/target-$name" /usr/bin/time -f "$name: %e s wall, %U s user, %S s sys, %M KB peak" cargo build -q)
        i=$((i + 1))
    done
}
measure ours "$work/ours" bench-ours
measure atrium "$work/atrium" atrium-api bench-atrium
