#!/bin/sh
# Time and peak memory of `lex lint` / `lex check` on generated worst cases (issue 10,
# items 10 and 18):
#
#   sh lex-compiler/benches/hostile_sizes.sh [WORK_DIR]   (default /tmp/lex-hostile-sizes)
#
# - findings-N: one pretty-printed lexicon with N `unlimited-string` findings (N = 5k,
#   10k, 20k); the report used to rescan the file for every finding (quadratic).
# - defs-N: one minified lexicon (a single line) with N object defs, each with one
#   unlimited string (N = 50k, 100k, 200k; 200k is the 12.9 MB file of the issue). Read
#   with the size cap raised.
#
# Each case runs once under `/usr/bin/time -f`; the figures are wall time and maximum
# RSS. Needs a release `lex` on PATH or in $LEX, and python3 to write the inputs.
set -eu
work=${1:-/tmp/lex-hostile-sizes}
lex=${LEX:-lex}
mkdir -p "$work"
python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
for n in (5000, 10000, 20000):
    d = f"{work}/findings-{n}"
    os.makedirs(d, exist_ok=True)
    props = {f"field{i}": {"type": "string"} for i in range(n)}
    doc = {"lexicon": 1, "id": "com.example.wide",
           "defs": {"main": {"type": "object", "description": "Wide.", "properties": props}}}
    json.dump(doc, open(f"{d}/wide.json", "w"), indent=2)
for n in (50000, 100000, 200000):
    d = f"{work}/defs-{n}"
    os.makedirs(d, exist_ok=True)
    defs = {"main": {"type": "object", "properties": {"a": {"type": "ref", "ref": "#d0"}}}}
    for i in range(n):
        defs[f"d{i}"] = {"type": "object", "properties": {"v": {"type": "string"}}}
    doc = {"lexicon": 1, "id": "com.example.many", "defs": defs}
    json.dump(doc, open(f"{d}/many.json", "w"), separators=(",", ":"))
PY
run() {
    label=$1
    shift
    /usr/bin/time -f "$label: %e s, %M KB max RSS" "$@" >/dev/null 2>"$work/stderr" || true
    tail -n 1 "$work/stderr"
}
for n in 5000 10000 20000; do
    run "lint --format json, $n findings" "$lex" lint --format json "$work/findings-$n"
    run "lint (text), $n findings" "$lex" lint "$work/findings-$n"
done
for n in 50000 100000 200000; do
    run "check, $n defs" "$lex" check --max-lexicon-size 64MiB "$work/defs-$n"
    run "lint --format json, $n defs" "$lex" lint --max-lexicon-size 64MiB --format json "$work/defs-$n"
done
