// Where a reopen from files spends its time (issue 14, "fast reopen"). Creates an N-object space
// in a temp directory through the public API, closes the client, then interleaves, R rounds:
//
//   - echo-kit: createClient + space.whenReady() + first query (the `npm run bench` reopen row);
//   - the Automerge floor automerge-repo pays on the same bytes before echo-kit sees anything:
//     `StorageSubsystem.loadDoc` = `A.loadIncremental(A.init(), bytes)`, then the DocHandle's
//     first `change` event = `A.diff(doc, [], heads)` (the whole document as patches);
//   - the same with `A.load(bytes)` instead of `loadIncremental` (what an upstream loader could use).
//
// echo-kit minus the first floor is echo-kit's own share (HALO, credential chain, read model,
// first query). The data document's bytes are read from the storage directory (bench/storedDocument.ts).
//
//   node --expose-gc --import tsx bench/profileReopen.ts [objects=10000] [rounds=3]
//   (add --cpu-prof --cpu-prof-dir=/tmp/reopen to profile; bench/profileSummary.ts reads it)
import * as A from '@automerge/automerge'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { createClient } from '../src/core.ts'
import { largestDocument } from './storedDocument.ts'
import { gc, now, round, taskValue } from './stats.ts'

const SIZE = Number(process.argv[2] ?? 10_000)
const ROUNDS = Number(process.argv[3] ?? 3)
const FILTER = { '@type': 'task', done: false } as const

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!

const dir = mkdtempSync(join(os.tmpdir(), 'echo-reopen-profile-'))
try {
  let spaceId: string
  {
    const client = await createClient({ storage: { directory: dir }, signaling: false, broadcast: false })
    await client.createIdentity({ displayName: 'Bench' })
    const space = await client.createSpace({ name: 'reopen' })
    spaceId = space.id
    for (let i = 0; i < SIZE; ) {
      const end = Math.min(SIZE, i + 5_000)
      for (; i < end; i++) space.db.add(taskValue(i))
      space.commit()
    }
    await space.db.flush()
    await client.close()
  }
  const doc = largestDocument(dir)
  const stats = A.stats(A.load(doc.bytes))
  console.log(`${SIZE} objects; data document ${doc.bytes.length} B in chunks ${JSON.stringify(doc.chunks)}; ${stats.numOps} ops, ${stats.numChanges} changes`)
  console.log(`load average at start ${os.loadavg().map(round).join(' / ')}`)
  const rows: Record<string, number[]> = {}
  const add = (k: string, v: number) => (rows[k] ??= []).push(v)
  const echoKit = async (): Promise<void> => {
    await gc()
    const t0 = now()
    const client = await createClient({ storage: { directory: dir }, signaling: false, broadcast: false })
    const t1 = now()
    const space = client.getSpace(spaceId)!
    await space.whenReady()
    const t2 = now()
    const count = space.db.query(FILTER).objects.length
    const t3 = now()
    await client.close()
    if (count !== Math.floor(SIZE / 2)) throw new Error(`reopened query found ${count}`)
    add('echo-kit reopen + first query', t3 - t0)
    add('  createClient', t1 - t0)
    add('  whenReady', t2 - t1)
    add('  first query', t3 - t2)
  }
  const floors = async (): Promise<void> => {
    await gc()
    const t0 = now()
    const viaRepo = A.loadIncremental(A.init(), doc.bytes)
    const t1 = now()
    A.diff(viaRepo, [], A.getHeads(viaRepo))
    const t2 = now()
    await gc()
    const t3 = now()
    const viaLoad = A.load(doc.bytes)
    const t4 = now()
    A.diff(viaLoad, [], A.getHeads(viaLoad))
    const t5 = now()
    add('floor: loadIncremental(A.init()) (automerge-repo loadDoc)', t1 - t0)
    add('floor: + A.diff([] -> heads) (DocHandle change event)', t2 - t1)
    add('alternative: A.load', t4 - t3)
    add('alternative: + A.diff([] -> heads)', t5 - t4)
  }
  // Alternate which goes first: the one measured second runs on a wasm heap the first grew.
  for (let r = -1; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? [floors, echoKit] : [echoKit, floors]
    for (const step of order) await step()
    if (r < 0) for (const k of Object.keys(rows)) rows[k] = [] // warm-up round
  }
  for (const [k, v] of Object.entries(rows)) console.log(`${k.padEnd(62)} median ${round(median(v))} ms  (${v.map(round).join(', ')})`)
  console.log(`load average at end ${os.loadavg().map(round).join(' / ')}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
