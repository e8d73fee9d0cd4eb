// echo-kit's side of the benchmark suite: the engine driven through its public API only
// (createClient, space.db.add/get/query, live objects, space.commit, db.flush).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient, type Client, type EchoObject, type Space } from '../src/core.ts'
import { largestDocument } from './storedDocument.ts'
import {
  gc,
  log,
  memory,
  now,
  rng,
  round,
  sampleBudget,
  sampleSync,
  settle,
  SIZES,
  summarize,
  taskValue,
  type Measure,
  type SuiteResult,
} from './stats.ts'

type Task = ReturnType<typeof taskValue>
const FILTER = { '@type': 'task', done: false } as const

async function memoryClient(): Promise<Client> {
  const client = await createClient({ storage: 'memory', signaling: false, broadcast: false })
  await client.createIdentity({ displayName: 'Bench' })
  return client
}

/** Adds objects until the space holds `size` (in bursts of 5,000, one commit each). */
function fill(space: Space, size: number, objects?: EchoObject<Task>[]): void {
  let i = space.db.size
  while (i < size) {
    const end = Math.min(size, i + 5_000)
    for (; i < end; i++) {
      const o = space.db.add(taskValue(i))
      objects?.push(o)
    }
    space.commit()
  }
}

/** (a) B adds then one commit, per object; the sync add() share goes into detail. */
function createBurst(space: Space, seq: { n: number }): Measure {
  const { burst, burstRounds } = SIZES
  const addOnly: number[] = []
  const samples = sampleSync(
    burstRounds,
    () => {
      const t0 = now()
      for (let j = 0; j < burst; j++) space.db.add(taskValue(seq.n++))
      addOnly.push(now() - t0)
      space.commit()
    },
    2,
  )
  const m = summarize(samples, 1000 / burst)
  m.detail = { ...m.detail, addCallOnlyUs: round(summarize(addOnly, 1000 / burst).value), burst }
  delete m.p99
  return m
}

/** (b) add + space.commit() per object: one Automerge change per object. */
function createEach(space: Space, seq: { n: number }): Measure {
  return summarize(
    sampleSync(SIZES.perOp, () => {
      space.db.add(taskValue(seq.n++))
      space.commit()
    }, 10),
    1000,
  )
}

/**
 * Workloads 1, 3, 4: create (burst / commit each) at 1,000 and 10,000, write one field
 * (burst / commit each) and the warm field-filter query at 10,000. One in-memory client.
 */
async function createWriteQuery(out: SuiteResult): Promise<void> {
  const client = await memoryClient()
  try {
    const space = await client.createSpace({ name: 'bench' })
    const objects: EchoObject<Task>[] = []
    const seq = { n: 1_000_000 }

    for (const [label, size] of [['small', SIZES.small], ['large', SIZES.large]] as const) {
      const t0 = now()
      fill(space, size, objects)
      log(`  echo-kit: filled ${space.db.size} objects in ${(now() - t0).toFixed(0)} ms`)
      await settle(30)
      await gc()
      out[`create.burst.${label}`] = createBurst(space, seq)
      await settle(30)
      await gc()
      out[`create.each.${label}`] = createEach(space, seq)
      await settle(30)
    }

    // Workload 3: one field of a random object among the 10,000 (mostly objects not written
    // since they were created: Automerge's first write to an object costs more than a rewrite).
    const pick = rng(7)
    let v = 10_000
    await gc()
    {
      const { burst, burstRounds } = SIZES
      const assignOnly: number[] = []
      const samples = sampleSync(
        burstRounds,
        () => {
          const t0 = now()
          for (let j = 0; j < burst; j++) objects[pick(objects.length)]!.priority = v++
          assignOnly.push(now() - t0)
          space.commit()
        },
        2,
      )
      const m = summarize(samples, 1000 / burst)
      delete m.p99
      m.detail = { ...m.detail, burst, assignOnlyUs: round(summarize(assignOnly, 1000 / burst).value) }
      out['write.burst'] = m
    }
    await settle(30)
    await gc()
    out['write.each'] = summarize(
      sampleSync(SIZES.perOp, () => {
        objects[pick(objects.length)]!.priority = v++
        space.commit()
      }, 10),
      1000,
    )
    // The same object written again and again (a slider, typing into one field).
    const one = objects[0]!
    out['write.each.sameObject'] = summarize(
      sampleSync(SIZES.perOp, () => {
        one.priority = v++
        space.commit()
      }, 10),
      1000,
    )
    await settle(30)

    // Workload 4: warm query, fresh query object each iteration (first run excluded).
    await gc()
    const expected = space.db.query(FILTER).objects.length
    let count = 0
    const q = summarize(
      sampleSync(SIZES.queryIters, () => {
        count = space.db.query(FILTER).objects.length
      }, 1),
    )
    if (count !== expected) throw new Error(`echo-kit query returned ${count}, expected ${expected}`)
    q.detail = { ...q.detail, matches: count, spaceSize: space.db.size }
    out['query.warm'] = q
    // The same query object re-read after one write elsewhere (an unsubscribed query recomputes).
    const reused = space.db.query(FILTER)
    void reused.objects
    out['query.reread'] = summarize(
      sampleSync(SIZES.queryIters, () => {
        objects[pick(objects.length)]!.priority = v++
        space.commit()
        void reused.objects
      }, 1),
    )
  } finally {
    await client.close()
  }
}

/** Workload 2: add + await db.flush() per object, file storage, space of 1,000. */
async function createDurable(out: SuiteResult, dirs: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'echo-bench-flush-'))
  dirs.push(dir)
  const client = await createClient({ storage: { directory: dir }, signaling: false, broadcast: false })
  try {
    await client.createIdentity({ displayName: 'Bench' })
    const space = await client.createSpace({ name: 'durable' })
    fill(space, SIZES.small)
    await space.db.flush()
    await settle(50)
    await gc()
    let n = 2_000_000
    const samples = await sampleBudget(SIZES.durable, 20_000, 20, async () => {
      space.db.add(taskValue(n++))
      await space.db.flush()
    }, 5)
    out['create.flush.small'] = summarize(samples, 1000)
    // Group commit: a burst of adds, then one flush (per object).
    await gc()
    const { burst } = SIZES
    const grouped = await sampleBudget(Math.max(3, Math.floor(SIZES.burstRounds / 2)), 10_000, 3, async () => {
      for (let j = 0; j < burst; j++) space.db.add(taskValue(n++))
      await space.db.flush()
    }, 1)
    const g = summarize(grouped, 1000 / burst)
    delete g.p99
    g.detail = { ...g.detail, burst }
    out['create.flush.burst'] = g
  } finally {
    await client.close()
  }
}

/**
 * Workload 5: `obj.priority = x; space.commit()` until the subscribed query's listener has run,
 * at 100, 10,000 and 100,000 objects. The query's `evaluations` counter shows how many objects
 * the engine re-checked per update (should be 1 whatever the size).
 */
async function updateLatency(out: SuiteResult): Promise<void> {
  for (const [label, size] of [['100', 100], ['large', SIZES.large], ['huge', SIZES.huge]] as const) {
    await gc()
    const client = await memoryClient()
    try {
      const space = await client.createSpace({ name: `update-${size}` })
      const t0 = now()
      let i = 0
      let tooSlow = false
      while (i < size) {
        const end = Math.min(size, i + 5_000)
        for (; i < end; i++) space.db.add(taskValue(i))
        space.commit()
        if (now() - t0 > 60_000) {
          tooSlow = true
          break
        }
      }
      const setupMs = now() - t0
      log(`  echo-kit: update workload, ${space.db.size} objects set up in ${setupMs.toFixed(0)} ms`)
      if (tooSlow) {
        out[`update.${label}`] = { value: NaN, note: `setup exceeded 60 s (${space.db.size} objects in ${setupMs.toFixed(0)} ms)` }
        continue
      }
      await settle(50)
      await gc()
      const query = space.db.query<Task>(FILTER)
      let calls = 0
      let t1 = 0
      let wake: (() => void) | undefined
      const stop = query.subscribe(() => {
        t1 = now()
        calls++
        wake?.()
      })
      const members = query.objects.slice()
      const pick = rng(11)
      let v = 1_000
      const iters = label === 'huge' ? SIZES.updateItersHuge : SIZES.updateIters
      const samples: number[] = []
      const evalBefore = query.evaluations
      for (let k = -10; k < iters; k++) {
        const obj = members[pick(members.length)]!
        const before = calls
        const start = now()
        obj.priority = v++
        space.commit()
        if (calls !== before + 1) throw new Error('echo-kit: query listener was not called synchronously by commit()')
        if (k >= 0) samples.push(t1 - start)
      }
      const evaluationsPerUpdate = (query.evaluations - evalBefore) / (iters + 10)
      // The natural path: no explicit commit, the microtask commit notifies the listener.
      const natural: number[] = []
      for (let k = 0; k < Math.min(100, iters); k++) {
        const obj = members[pick(members.length)]!
        const woke = new Promise<void>((resolve) => (wake = resolve))
        const start = now()
        obj.priority = v++
        await woke
        natural.push(now() - start)
      }
      wake = undefined
      stop()
      const m = summarize(samples, 1000)
      m.detail = {
        ...m.detail,
        objects: space.db.size,
        setupMs: round(setupMs),
        evaluationsPerUpdate: round(evaluationsPerUpdate),
        microtaskPathP50Us: round(summarize(natural, 1000).value),
      }
      out[`update.${label}`] = m
    } finally {
      await client.close()
    }
  }
}

/**
 * Workload 6: a space of `size` objects written to files, then (timed) createClient + getSpace +
 * whenReady + first query, as `reopen.<label>`. Returns the directory and space id (the heap
 * child reopens the 10,000-object one).
 */
async function reopen(out: SuiteResult, dirs: string[], size: number, label: 'large' | 'huge', iters: number): Promise<{ dir: string; spaceId: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'echo-bench-reopen-'))
  dirs.push(dir)
  let spaceId: string
  {
    const client = await createClient({ storage: { directory: dir }, signaling: false, broadcast: false })
    await client.createIdentity({ displayName: 'Bench' })
    const space = await client.createSpace({ name: 'reopen' })
    spaceId = space.id
    fill(space, size)
    await space.db.flush()
    await client.close()
  }
  await settle(50)
  // How the data document was left on disk varies from run to run (automerge-repo compacts on the
  // save after the incremental outgrows the snapshot, and a close can land mid-compaction), and
  // the reopen time with it: recorded beside the row.
  const stored = largestDocument(dir)
  await gc()
  const phases: { create: number; ready: number; query: number }[] = []
  const expected = Math.floor(size / 2)
  const samples: number[] = []
  for (let k = -1; k < iters; k++) {
    await gc()
    const t0 = now()
    const client = await createClient({ storage: { directory: dir }, signaling: false, broadcast: false })
    const t1 = now()
    const space = client.getSpace(spaceId)
    if (!space) throw new Error('echo-kit: reopened client has no space')
    await space.whenReady()
    const t2 = now()
    const count = space.db.query(FILTER).objects.length
    const t3 = now()
    if (count !== expected) throw new Error(`echo-kit: reopened query found ${count}, expected ${expected}`)
    if (k >= 0) {
      samples.push(t3 - t0)
      phases.push({ create: t1 - t0, ready: t2 - t1, query: t3 - t2 })
    }
    await client.close()
  }
  const m = summarize(samples)
  const med = (f: (p: (typeof phases)[0]) => number) => round(summarize(phases.map(f)).value)
  m.detail = {
    ...m.detail,
    createClientMs: med((p) => p.create),
    whenReadyMs: med((p) => p.ready),
    firstQueryMs: med((p) => p.query),
    storedSnapshotKB: round((stored.chunks.snapshot ?? 0) / 1024),
    storedIncrementalKB: round((stored.chunks.incremental ?? 0) / 1024),
  }
  out[`reopen.${label}`] = m
  return { dir, spaceId }
}

/** Runs echo-kit's workloads one after the other. `dirs` collects temp dirs for cleanup. */
export async function runEngine(dirs: string[]): Promise<{ result: SuiteResult; fixture: { dir: string; spaceId: string } }> {
  const out: SuiteResult = {}
  log('echo-kit: create / write / query')
  await createWriteQuery(out)
  await gc()
  log('echo-kit: create + durable flush')
  await createDurable(out, dirs)
  await gc()
  log('echo-kit: update latency with a live query')
  await updateLatency(out)
  await gc()
  log('echo-kit: reopen from files')
  const fixture = await reopen(out, dirs, SIZES.large, 'large', SIZES.reopenIters)
  await gc()
  log('echo-kit: reopen from files, huge')
  await reopen(out, dirs, SIZES.huge, 'huge', 2)
  await gc()
  return { result: out, fixture }
}

/**
 * Heap with a 10,000-object space loaded (run in a fresh child process): reopen the files
 * written by {@link runEngine}, run the first query, then measure after a full GC.
 */
export async function heapLoaded(dir: string, spaceId: string): Promise<Record<string, number>> {
  await gc()
  const before = memory()
  const client = await createClient({ storage: { directory: dir }, signaling: false, broadcast: false })
  const space = client.getSpace(spaceId)!
  await space.whenReady()
  const query = space.db.query(FILTER)
  const count = query.objects.length
  await settle(50)
  await gc()
  const after = memory()
  const result = diff(before, after, count)
  await client.close()
  return result
}

export function diff(before: ReturnType<typeof memory>, after: ReturnType<typeof memory>, count: number): Record<string, number> {
  return {
    heapUsedMB: round(after.heapUsed - before.heapUsed),
    externalMB: round(after.external - before.external),
    arrayBuffersMB: round(after.arrayBuffers - before.arrayBuffers),
    rssMB: round(after.rss - before.rss),
    matches: count,
  }
}
