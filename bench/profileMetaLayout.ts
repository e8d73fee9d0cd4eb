// How `@meta` is stored, measured (issue 14, "stored layout"): flat keys in the object's map
// (`@meta.createdAt`, ..., this version) against the nested map per object of the previous version.
// With `--base <dir>` (a checkout of the previous version, node_modules linked to the same copy),
// both versions run in THIS process, interleaved round by round with the order alternated (the
// one run second works on a wasm heap the first grew), on spaces each filled through its own
// public API:
//
//   - the data document: stored bytes, ops, ops per object;
//   - the Automerge floor (CPU ms, process.cpuUsage) on the document's changes (an uncompacted
//     store) and on its compacted save: `A.loadIncremental(A.init(), bytes)` (automerge-repo's
//     loadDoc) + the first `A.diff` (DocHandle's first change event), and `A.load` + `A.diff`;
//   - echo-kit's reopen from files + first query (wall and CPU ms);
//   - a burst of 1,000 `db.add` in one task on A until all are in B's query, two clients linked
//     in memory (linkClients): CPU of this process, i.e. both peers.
//
//   git -C <repo> archive <base-commit> | tar -x -C /tmp/echo-base && ln -s $PWD/node_modules /tmp/echo-base/
//   node --expose-gc --import tsx bench/profileMetaLayout.ts [objects=10000] [rounds=4] [--base /tmp/echo-base]
import * as A from '@automerge/automerge'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import { join, resolve } from 'node:path'
import { largestDocument } from './storedDocument.ts'
import { gc, now, round, taskValue } from './stats.ts'

type Core = typeof import('../src/core.ts')
type Testing = typeof import('../src/testing/index.ts')
interface Version {
  name: string
  core: Core
  testing: Testing
  dir: string
  spaceId: string
  bytes: Uint8Array
  chunks: Record<string, number>
  /** The same document as its changes only (what an uncompacted store holds) and compacted. */
  changes: Uint8Array
  compacted: Uint8Array
}

const args = process.argv.slice(2)
const baseAt = args.indexOf('--base')
const BASE = baseAt >= 0 ? resolve(args[baseAt + 1]!) : undefined
const positional = args.filter((_, i) => baseAt < 0 || (i !== baseAt && i !== baseAt + 1))
const SIZE = Number(positional[0] ?? 10_000)
const ROUNDS = Number(positional[1] ?? 4)
const FILTER = { '@type': 'task', done: false } as const

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!
const cpu = (): number => {
  const c = process.cpuUsage()
  return (c.user + c.system) / 1000
}

async function fill(name: string, core: Core, testing: Testing): Promise<Version> {
  const dir = mkdtempSync(join(os.tmpdir(), `echo-meta-layout-${name}-`))
  const client = await core.createClient({ storage: { directory: dir }, signaling: false, broadcast: false })
  await client.createIdentity({ displayName: 'Bench' })
  const space = await client.createSpace({ name: 'layout' })
  for (let i = 0; i < SIZE; ) {
    const end = Math.min(SIZE, i + 5_000)
    for (; i < end; i++) space.db.add(taskValue(i))
    space.commit()
  }
  await space.db.flush()
  await client.close()
  const stored = largestDocument(dir)
  // Whether a fill ends up compacted on disk is timing (see "Fast reopen" in RESULTS.md): the
  // floors run on both normalised forms, so the two versions are compared on like bytes.
  const doc = A.load(stored.bytes)
  const changes = Buffer.concat(A.getAllChanges(doc))
  return { name, core, testing, dir, spaceId: space.id, bytes: stored.bytes, chunks: stored.chunks, changes, compacted: A.save(doc) }
}

const rows: Record<string, number[]> = {}
const add = (k: string, v: number) => (rows[k] ??= []).push(v)

async function floors(v: Version): Promise<void> {
  await gc()
  const c0 = cpu()
  const viaRepo = A.loadIncremental(A.init(), v.changes)
  const c1 = cpu()
  A.diff(viaRepo, [], A.getHeads(viaRepo))
  const c2 = cpu()
  await gc()
  const c3 = cpu()
  const compacted = A.loadIncremental(A.init(), v.compacted)
  const c4 = cpu()
  A.diff(compacted, [], A.getHeads(compacted))
  const c5 = cpu()
  await gc()
  const c6 = cpu()
  const viaLoad = A.load(v.compacted)
  const c7 = cpu()
  A.diff(viaLoad, [], A.getHeads(viaLoad))
  const c8 = cpu()
  add(`${v.name}: changes: loadIncremental(A.init()) CPU`, c1 - c0)
  add(`${v.name}: changes: + first A.diff CPU`, c2 - c1)
  add(`${v.name}: changes: loadIncremental + diff CPU`, c2 - c0)
  add(`${v.name}: compacted: loadIncremental + diff CPU`, c5 - c3)
  add(`${v.name}: compacted: A.load + first A.diff CPU`, c8 - c6)
}

async function reopen(v: Version): Promise<void> {
  await gc()
  const t0 = now()
  const c0 = cpu()
  const client = await v.core.createClient({ storage: { directory: v.dir }, signaling: false, broadcast: false })
  const space = client.getSpace(v.spaceId)!
  await space.whenReady()
  const count = space.db.query(FILTER).objects.length
  const t1 = now()
  const c1 = cpu()
  await client.close()
  if (count !== Math.floor(SIZE / 2)) throw new Error(`${v.name}: reopened query found ${count}`)
  add(`${v.name}: echo-kit reopen + first query wall`, t1 - t0)
  add(`${v.name}: echo-kit reopen + first query CPU`, c1 - c0)
}

async function burst(v: Version): Promise<void> {
  const make = async (name: string) => {
    const c = await v.core.createClient({ storage: 'memory', signaling: false, broadcast: false, name })
    await c.createIdentity({ displayName: name })
    return c
  }
  const ada = await make('ada')
  const bob = await make('bob')
  try {
    const space = await ada.createSpace({ name: 'burst' })
    await space.admit({ identityKey: bob.identity!.identityKey, role: 'editor' })
    v.testing.linkClients(ada, bob)
    const remote = await bob.openSpace(space.address, { timeout: 20_000 })
    await remote.whenReady()
    await gc()
    const t0 = now()
    const c0 = cpu()
    const all = new Promise<void>((done) => {
      const q = remote.db.query({ burst: 1 })
      const stop = q.subscribe(() => q.objects.length >= 1000 && (stop(), done()))
    })
    for (let i = 0; i < 1000; i++) space.db.add({ burst: 1, i })
    const c1 = cpu()
    space.commit()
    const c2 = cpu()
    await all
    add(`${v.name}: burst 1,000 adds, A's task (adds) CPU`, c1 - c0)
    add(`${v.name}: burst 1,000 adds, A's commit CPU`, c2 - c1)
    add(`${v.name}: burst 1,000 adds -> all on B, wall`, now() - t0)
    add(`${v.name}: burst 1,000 adds -> all on B, CPU (both peers)`, cpu() - c0)
  } finally {
    await ada.close()
    await bob.close()
  }
}

const versions: Version[] = []
try {
  const self = await fill('flat', await import('../src/core.ts'), await import('../src/testing/index.ts'))
  versions.push(self)
  if (BASE) versions.push(await fill('nested', await import(join(BASE, 'src/core.ts')), await import(join(BASE, 'src/testing/index.ts'))))
  for (const v of versions) {
    const doc = A.load(v.bytes)
    const stats = A.stats(doc)
    const changes = A.getAllChanges(doc).reduce((s, c) => s + c.length, 0)
    console.log(`${v.name}: ${SIZE} objects, stored ${v.bytes.length} B ${JSON.stringify(v.chunks)}, compacted ${A.save(doc).length} B, changes ${changes} B; ${stats.numOps} ops (${round(stats.numOps / SIZE)} per object), ${stats.numChanges} changes`)
  }
  console.log(`load average at start ${os.loadavg().map(round).join(' / ')}`)
  for (let r = -1; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? versions : [...versions].reverse()
    for (const step of [floors, reopen, burst]) for (const v of order) await step(v)
    if (r < 0) for (const k of Object.keys(rows)) rows[k] = [] // warm-up round
  }
  const keys = Object.keys(rows).sort((a, b) => a.slice(a.indexOf(':')).localeCompare(b.slice(b.indexOf(':'))) || a.localeCompare(b))
  for (const k of keys) console.log(`${k.padEnd(64)} median ${round(median(rows[k]!))} ms  (${rows[k]!.map(round).join(', ')})`)
  if (BASE) {
    for (const k of keys.filter((k) => k.startsWith('flat:'))) {
      const other = rows[k.replace('flat:', 'nested:')]
      if (other) console.log(`ratio flat / nested ${k.slice(5).trim().padEnd(50)} ${round(median(rows[k]!) / median(other))}`)
    }
  }
  console.log(`load average at end ${os.loadavg().map(round).join(' / ')}`)
} finally {
  for (const v of versions) rmSync(v.dir, { recursive: true, force: true })
}
