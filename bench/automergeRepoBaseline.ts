// Raw automerge-repo doing the same work the straightforward way: a Repo with one document,
// `handle.change(d => ...)` per operation, objects in a flat map `d.objects[id] = {...}` with
// plain JS strings (Automerge 3 stores those as collaborative text). Plus the
// one-document-per-object layout for create + query at 1,000 objects.
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as A from '@automerge/automerge'
import { Repo, type AutomergeUrl, type DocHandle } from '@automerge/automerge-repo'
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs'
import { diff } from './engine.ts'
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
interface FlatDoc {
  objects: Record<string, Task>
}

const match = (o: Task) => o['@type'] === 'task' && o.done === false
const query = (doc: FlatDoc) => Object.values(doc.objects).filter(match)

/** Fills the flat map up to `size` objects (setup: chunks of 5,000 per change). */
function fill(handle: DocHandle<FlatDoc>, ids: string[], size: number): void {
  while (ids.length < size) {
    const start = ids.length
    const end = Math.min(size, start + 5_000)
    const fresh: string[] = []
    for (let i = start; i < end; i++) fresh.push(randomUUID())
    handle.change((d) => {
      for (let i = 0; i < fresh.length; i++) d.objects[fresh[i]!] = taskValue(start + i)
    })
    ids.push(...fresh)
  }
}

function newRepo(storageDir?: string): Repo {
  return new Repo({ network: [], ...(storageDir ? { storage: new NodeFSStorageAdapter(storageDir) } : {}) })
}

/** Workloads 1, 3, 4 for the flat single-document layout, in memory. */
async function createWriteQuery(out: SuiteResult): Promise<void> {
  const repo = newRepo()
  try {
    const handle = repo.create<FlatDoc>({ objects: {} })
    const ids: string[] = []
    let n = 1_000_000
    for (const [label, size] of [['small', SIZES.small], ['large', SIZES.large]] as const) {
      const t0 = now()
      fill(handle, ids, size)
      log(`  automerge-repo: filled ${ids.length} objects in ${(now() - t0).toFixed(0)} ms`)
      await settle(30)
      await gc()
      // (a) the burst in one handle.change (what an app gets by batching by hand)
      const { burst, burstRounds } = SIZES
      const rounds = label === 'large' ? Math.max(3, Math.floor(burstRounds / 2)) : burstRounds
      const a = summarize(
        sampleSync(rounds, () => {
          handle.change((d) => {
            for (let j = 0; j < burst; j++) d.objects[randomUUID()] = taskValue(n++)
          })
        }, 1),
        1000 / burst,
      )
      delete a.p99
      a.detail = { ...a.detail, burst }
      out[`create.burst.${label}`] = a
      await settle(30)
      await gc()
      // (b) one handle.change per object
      out[`create.each.${label}`] = summarize(
        await sampleBudget(label === 'large' ? SIZES.perOpSlow : SIZES.perOp, 8_000, 10, () => {
          handle.change((d) => {
            d.objects[randomUUID()] = taskValue(n++)
          })
        }, 3),
        1000,
      )
      await settle(30)
    }

    const pick = rng(7)
    let v = 10_000
    await gc()
    {
      const { burst, burstRounds } = SIZES
      const a = summarize(
        sampleSync(Math.max(3, Math.floor(burstRounds / 2)), () => {
          handle.change((d) => {
            for (let j = 0; j < burst; j++) d.objects[ids[pick(ids.length)]!]!.priority = v++
          })
        }, 1),
        1000 / burst,
      )
      delete a.p99
      a.detail = { ...a.detail, burst }
      out['write.burst'] = a
    }
    await settle(30)
    await gc()
    out['write.each'] = summarize(
      await sampleBudget(SIZES.perOpSlow, 8_000, 10, () => {
        const id = ids[pick(ids.length)]!
        handle.change((d) => {
          d.objects[id]!.priority = v++
        })
      }, 3),
      1000,
    )
    out['write.each.sameObject'] = summarize(
      await sampleBudget(SIZES.perOpSlow, 8_000, 10, () => {
        handle.change((d) => {
          d.objects[ids[0]!]!.priority = v++
        })
      }, 3),
      1000,
    )
    await settle(30)
    await gc()
    const expected = query(handle.doc()).length
    let count = 0
    const q = summarize(
      sampleSync(SIZES.queryIters, () => {
        count = query(handle.doc()).length
      }, 1),
    )
    if (count !== expected) throw new Error('raw query mismatch')
    q.detail = { ...q.detail, matches: count, spaceSize: Object.keys(handle.doc().objects).length }
    out['query.warm'] = q
  } finally {
    await repo.shutdown()
  }
}

/** Workload 2: handle.change + await repo.flush() per object, NodeFSStorageAdapter, 1,000 objects. */
async function createDurable(out: SuiteResult, dirs: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'am-bench-flush-'))
  dirs.push(dir)
  const repo = newRepo(dir)
  try {
    const handle = repo.create<FlatDoc>({ objects: {} })
    fill(handle, [], SIZES.small)
    await repo.flush([handle.documentId])
    await settle(50)
    await gc()
    let n = 2_000_000
    const samples = await sampleBudget(SIZES.durable, 20_000, 20, async () => {
      handle.change((d) => {
        d.objects[randomUUID()] = taskValue(n++)
      })
      await repo.flush([handle.documentId])
    }, 5)
    out['create.flush.small'] = summarize(samples, 1000)
    await gc()
    const { burst } = SIZES
    const grouped = await sampleBudget(Math.max(3, Math.floor(SIZES.burstRounds / 2)), 10_000, 3, async () => {
      handle.change((d) => {
        for (let j = 0; j < burst; j++) d.objects[randomUUID()] = taskValue(n++)
      })
      await repo.flush([handle.documentId])
    }, 1)
    const g = summarize(grouped, 1000 / burst)
    delete g.p99
    g.detail = { ...g.detail, burst }
    out['create.flush.burst'] = g
  } finally {
    await repo.shutdown()
  }
}

/**
 * Workload 5: a typical automerge-repo app re-derives the filtered list on every 'change'
 * event (what useDocument + filter does); time from handle.change to that listener's end.
 */
async function updateLatency(out: SuiteResult): Promise<void> {
  for (const [label, size] of [['100', 100], ['large', SIZES.large], ['huge', SIZES.huge]] as const) {
    await gc()
    const repo = newRepo()
    try {
      const handle = repo.create<FlatDoc>({ objects: {} })
      const ids: string[] = []
      const t0 = now()
      let tooSlow = false
      while (ids.length < size) {
        fill(handle, ids, Math.min(size, ids.length + 5_000))
        if (now() - t0 > 60_000) {
          tooSlow = true
          break
        }
      }
      const setupMs = now() - t0
      log(`  automerge-repo: update workload, ${ids.length} objects set up in ${setupMs.toFixed(0)} ms`)
      if (tooSlow) {
        out[`update.${label}`] = { value: NaN, note: `setup exceeded 60 s (${ids.length} objects in ${setupMs.toFixed(0)} ms)` }
        continue
      }
      await settle(50)
      await gc()
      let result = query(handle.doc())
      const memberIds = ids.filter((id) => handle.doc().objects[id]!.done === false)
      let calls = 0
      const onChange = ({ doc }: { doc: FlatDoc }) => {
        result = query(doc)
        calls++
      }
      handle.on('change', onChange)
      const pick = rng(11)
      let v = 1_000
      const maxN = label === 'huge' ? SIZES.updateItersHuge : SIZES.updateIters
      const samples = await sampleBudget(maxN, label === 'huge' ? 10_000 : 8_000, 5, () => {
        const id = memberIds[pick(memberIds.length)]!
        const before = calls
        handle.change((d) => {
          d.objects[id]!.priority = v++
        })
        if (calls !== before + 1) throw new Error('raw: change listener was not called synchronously')
      }, 3)
      // sampleBudget times the whole op; the listener runs last inside handle.change, so the op
      // time is the change-to-listener latency.
      handle.off('change', onChange)
      const m = summarize(samples, 1000)
      m.detail = { ...m.detail, objects: ids.length, setupMs: round(setupMs), resultSize: result.length }
      out[`update.${label}`] = m
    } finally {
      await repo.shutdown()
    }
  }
}

/** Workload 6: flat document of 10,000 objects in files; time new Repo + find + first filter. */
async function reopen(out: SuiteResult, dirs: string[]): Promise<{ dir: string; url: AutomergeUrl }> {
  const dir = mkdtempSync(join(tmpdir(), 'am-bench-reopen-'))
  dirs.push(dir)
  let url: AutomergeUrl
  {
    const repo = newRepo(dir)
    const handle = repo.create<FlatDoc>({ objects: {} })
    url = handle.url
    fill(handle, [], SIZES.large)
    await repo.flush()
    await repo.shutdown()
  }
  await settle(50)
  const expected = Math.floor(SIZES.large / 2)
  const samples: number[] = []
  const findMs: number[] = []
  for (let k = -1; k < SIZES.reopenIters; k++) {
    await gc()
    const t0 = now()
    const repo = newRepo(dir)
    const handle = await repo.find<FlatDoc>(url)
    const t1 = now()
    const count = query(handle.doc()).length
    const t2 = now()
    if (count !== expected) throw new Error(`raw reopen found ${count}, expected ${expected}`)
    if (k >= 0) {
      samples.push(t2 - t0)
      findMs.push(t1 - t0)
    }
    await repo.shutdown()
  }
  const m = summarize(samples)
  m.detail = { ...m.detail, findMs: round(summarize(findMs).value) }
  out['reopen.large'] = m
  return { dir, url }
}

/**
 * One document per object (plus an index document listing their URLs, which such an app needs
 * to find its objects again): create cost, warm query, and reopen + first query from files.
 */
async function docPerObject(out: SuiteResult, dirs: string[]): Promise<void> {
  const size = SIZES.docPerObject
  const dir = mkdtempSync(join(tmpdir(), 'am-bench-docs-'))
  dirs.push(dir)
  let indexUrl: AutomergeUrl
  {
    const repo = newRepo(dir)
    try {
      const index = repo.create<{ urls: string[] }>({ urls: [] })
      indexUrl = index.url
      const handles: DocHandle<Task>[] = []
      const samples = sampleSync(size, (i) => {
        const h = repo.create<Task>(taskValue(i))
        index.change((d) => {
          d.urls.push(h.url)
        })
        handles.push(h)
      })
      out['docs.create'] = summarize(samples, 1000)
      await gc()
      let count = 0
      out['docs.query.warm'] = summarize(
        sampleSync(SIZES.queryIters, () => {
          count = handles.map((h) => h.doc()).filter(match).length
        }, 1),
      )
      out['docs.query.warm']!.detail = { ...out['docs.query.warm']!.detail, matches: count, objects: size }
      await repo.flush()
    } finally {
      await repo.shutdown()
    }
  }
  await settle(50)
  const samples: number[] = []
  for (let k = 0; k < Math.min(2, SIZES.reopenIters); k++) {
    await gc()
    const t0 = now()
    const repo = newRepo(dir)
    const index = await repo.find<{ urls: string[] }>(indexUrl)
    const handles = await Promise.all(index.doc().urls.map((u) => repo.find<Task>(u as AutomergeUrl)))
    const count = handles.map((h) => h.doc()).filter(match).length
    samples.push(now() - t0)
    if (count !== Math.floor(size / 2)) throw new Error(`doc-per-object reopen found ${count}`)
    await repo.shutdown()
  }
  out['docs.reopen'] = summarize(samples)
}

/**
 * The floor under echo-kit: automerge-repo alone with echo-kit's document layout (256 buckets
 * by the first two hex chars of the id, atomic strings as ImmutableString), one handle.change per
 * write and no listener. What echo-kit adds on top of this is its own cost.
 */
async function echoLayoutFloor(out: SuiteResult): Promise<void> {
  type Bucketed = { objects: Record<string, Record<string, Record<string, unknown>>> }
  const hex = (i: number) => i.toString(16).padStart(2, '0')
  const toDoc = (t: Task) => ({ ...t, task: new A.ImmutableString(t.task), '@type': new A.ImmutableString(t['@type']) })
  const newId = () => randomUUID().replaceAll('-', '')
  for (const [label, size] of [['100', 100], ['large', SIZES.large], ['huge', SIZES.huge]] as const) {
    await gc()
    const repo = newRepo()
    try {
      const buckets: Bucketed['objects'] = {}
      for (let i = 0; i < 256; i++) buckets[hex(i)] = {}
      const handle = repo.create<Bucketed>({ objects: buckets })
      const ids: string[] = []
      const t0 = now()
      while (ids.length < size && now() - t0 < 60_000) {
        const fresh = Array.from({ length: Math.min(5_000, size - ids.length) }, newId)
        const base = ids.length
        handle.change((d) => {
          fresh.forEach((id, k) => (d.objects[id.slice(0, 2)]![id] = toDoc(taskValue(base + k))))
        })
        ids.push(...fresh)
      }
      if (ids.length < size) {
        out[`floor.update.${label}`] = { value: NaN, note: 'setup exceeded 60 s' }
        continue
      }
      await settle(30)
      await gc()
      const pick = rng(11)
      let v = 1_000
      out[`floor.update.${label}`] = summarize(
        sampleSync(label === 'huge' ? SIZES.updateItersHuge : SIZES.updateIters, () => {
          const id = ids[pick(ids.length)]!
          handle.change((d) => {
            d.objects[id.slice(0, 2)]![id]!.priority = v++
          })
        }, 10),
        1000,
      )
      if (label === 'large') {
        let n = 0
        const { burst, burstRounds } = SIZES
        const a = summarize(
          sampleSync(burstRounds, () => {
            handle.change((d) => {
              for (let j = 0; j < burst; j++) {
                const id = newId()
                d.objects[id.slice(0, 2)]![id] = toDoc(taskValue(n++))
              }
            })
          }, 2),
          1000 / burst,
        )
        delete a.p99
        out['floor.create.burst.large'] = a
      }
    } finally {
      await repo.shutdown()
    }
  }
}

/** Runs raw automerge-repo's workloads one after the other. */
export async function runAutomergeRepo(dirs: string[]): Promise<{ result: SuiteResult; fixture: { dir: string; url: AutomergeUrl } }> {
  const out: SuiteResult = {}
  log('automerge-repo: create / write / query')
  await createWriteQuery(out)
  await gc()
  log('automerge-repo: create + durable flush')
  await createDurable(out, dirs)
  await gc()
  log('automerge-repo: update latency (re-filter on change)')
  await updateLatency(out)
  await gc()
  log('automerge-repo: reopen from files')
  const fixture = await reopen(out, dirs)
  await gc()
  log('automerge-repo: one document per object')
  await docPerObject(out, dirs)
  await gc()
  log("automerge-repo: echo-kit's layout, handle.change only (the floor under echo-kit)")
  await echoLayoutFloor(out)
  await gc()
  return { result: out, fixture }
}

/** Heap with the 10,000-object document loaded (fresh child process). */
export async function heapLoaded(dir: string, url: AutomergeUrl): Promise<Record<string, number>> {
  await gc()
  const before = memory()
  const repo = newRepo(dir)
  const handle = await repo.find<FlatDoc>(url)
  const count = query(handle.doc()).length
  await settle(50)
  await gc()
  const after = memory()
  const result = diff(before, after, count)
  await repo.shutdown()
  return result
}

export type { Measure }
