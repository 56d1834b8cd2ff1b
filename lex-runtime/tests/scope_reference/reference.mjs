// Records what @atproto/oauth-scopes answers for the inputs in this folder, so the Rust
// test `lex-runtime/tests/scope_reference.rs` can compare without Node. See README.md.
import { createRequire } from 'node:module'
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { join, dirname, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const modules = process.env.SCOPES_MODULES
if (!modules) throw new Error('set SCOPES_MODULES to a node_modules folder holding @atproto/oauth-scopes')
const require = createRequire(join(modules, 'x.js'))
const scopes = require('@atproto/oauth-scopes')
const version = JSON.parse(
  readFileSync(join(modules, '@atproto/oauth-scopes/package.json'), 'utf8'),
).version
const shared = process.env.LEX_SHARED_DIR ?? join(here, '../../../../shared')
const AUD = 'did:web:api.example.com#svc_appview'

function normalize(input) {
  try {
    return { input, normalized: scopes.normalizeAtprotoOauthScopeValue(input) }
  } catch (e) {
    return { input, normalized: null, threw: String(e) }
  }
}

function expandSet(source, lexicon) {
  const def = lexicon.defs.main
  const run = (aud) => new scopes.IncludeScope(lexicon.id, aud).toScopes(def)
  return { source, nsid: lexicon.id, without_aud: run(undefined), with_aud: run(AUD) }
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
    .filter((f) => f.endsWith('.json'))
    .sort()
}

const sets = []
for (const f of walk(join(here, 'sets'))) {
  sets.push(expandSet(relative(here, f), JSON.parse(readFileSync(f, 'utf8'))))
}
for (const root of ['corpus/atproto', 'conformance/lexicon']) {
  if (!existsSync(join(shared, root))) throw new Error(`missing ${join(shared, root)}`)
  for (const f of walk(join(shared, root))) {
    const doc = JSON.parse(readFileSync(f, 'utf8'))
    const source = relative(shared, f)
    // Conformance files hold lists of cases, each with a `lexicon`.
    const docs = Array.isArray(doc) ? doc.map((c, i) => [`${source}#${i}`, c.lexicon]) : [[source, doc]]
    for (const [src, lex] of docs) {
      if (lex?.defs?.main?.type === 'permission-set') sets.push(expandSet(src, lex))
    }
  }
}

const requests = JSON.parse(readFileSync(join(here, 'requests.json'), 'utf8')).map((r) => {
  const p = new scopes.ScopePermissionsTransition(r.granted)
  let allowed
  if (r.repo) allowed = p.allowsRepo({ collection: r.repo[0], action: r.repo[1] })
  else if (r.rpc) allowed = p.allowsRpc({ lxm: r.rpc[0], aud: r.rpc[1] })
  else if (r.blob) allowed = p.allowsBlob({ mime: r.blob })
  else if (r.account) allowed = p.allowsAccount({ attr: r.account[0], action: r.account[1] })
  else if (r.identity) allowed = p.allowsIdentity({ attr: r.identity })
  return { ...r, allowed }
})

const lines = readFileSync(join(here, 'scopes.txt'), 'utf8').split('\n').filter((l) => l !== '')
const out = {
  generator: `reference.mjs with @atproto/oauth-scopes ${version}, node ${process.version}`,
  audience: AUD,
  scopes: lines.map(normalize),
  sets,
  requests,
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n')
