// The TypeScript reference point for `lex validate` and for lex-runtime's `validate`
// benchmark: @atproto/lexicon validating the bench-data posts in process, with the
// app.bsky.feed.post lexicon closure loaded from the corpus. Two figures, like the Rust
// benchmark's: `json` (JSON.parse + jsonToLex + assertValidRecord per line) and `values`
// (assertValidRecord alone, on values converted beforehand). See ./README.md.
//
// node validate-posts.mjs <corpus/atproto> <posts.jsonl> [repeat]

import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Lexicons, jsonToLex } from '@atproto/lexicon'

const [corpus, postsFile, repeatArg] = process.argv.slice(2)
if (!corpus || !postsFile) {
  console.error('usage: node validate-posts.mjs <corpus/atproto> <posts.jsonl> [repeat]')
  process.exit(2)
}
const repeat = Number(repeatArg ?? 20)

// Every lexicon of the corpus by id, then the closure of app.bsky.feed.post over refs.
const byId = new Map()
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path)
    else if (name.endsWith('.json')) {
      const doc = JSON.parse(readFileSync(path, 'utf8'))
      if (doc && typeof doc.id === 'string') byId.set(doc.id, doc)
    }
  }
}
walk(corpus)
const refsOf = (node, out) => {
  if (Array.isArray(node)) node.forEach((n) => refsOf(n, out))
  else if (node && typeof node === 'object') {
    if (node.type === 'ref' && typeof node.ref === 'string') out.push(node.ref)
    if (node.type === 'union' && Array.isArray(node.refs)) out.push(...node.refs)
    Object.values(node).forEach((n) => refsOf(n, out))
  }
}
const closure = new Set()
const todo = ['app.bsky.feed.post']
while (todo.length > 0) {
  const id = todo.pop()
  if (closure.has(id) || !byId.has(id)) continue
  closure.add(id)
  const refs = []
  refsOf(byId.get(id), refs)
  for (const r of refs) {
    const nsid = r.split('#')[0]
    if (nsid !== '') todo.push(nsid)
  }
}
const lexicons = new Lexicons([...closure].map((id) => byId.get(id)))

const lines = readFileSync(postsFile, 'utf8').split('\n').filter((l) => l.trim() !== '')
const values = lines.map((line) => jsonToLex(JSON.parse(line)))
let invalid = 0
const fromJson = () => {
  for (const line of lines) {
    try {
      lexicons.assertValidRecord('app.bsky.feed.post', jsonToLex(JSON.parse(line)))
    } catch {
      invalid += 1
    }
  }
}
const fromValues = () => {
  for (const value of values) {
    try {
      lexicons.assertValidRecord('app.bsky.feed.post', value)
    } catch {
      invalid += 1
    }
  }
}
// Records per wall-second, and per CPU-second of the process (which also counts Node's
// GC and compiler threads, so it flatters Node less than it penalizes it).
const measure = (name, run) => {
  run() // warm-up
  invalid = 0
  const cpu0 = process.cpuUsage()
  const start = process.hrtime.bigint()
  for (let i = 0; i < repeat; i++) run()
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const cpu = process.cpuUsage(cpu0)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  const records = lines.length * repeat
  console.log(
    `@atproto/lexicon ${name}: ${closure.size} lexicons, ${records} records in ` +
      `${seconds.toFixed(2)} s: ${Math.round(records / seconds)} records/s, ` +
      `${Math.round(records / cpuSeconds)} per CPU-second (${invalid} invalid)`,
  )
}
measure('values', fromValues)
measure('json', fromJson)
