// Yjs doing the same work: one Y.Doc, a Y.Map per object inside a top-level Y.Map `objects`.
// Create / write / query / live update / reopen from a file / heap. No storage adapter is
// installed for Node, so "reopen" reads one Y.encodeStateAsUpdate file (the best case for Yjs).
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { diff } from './engine.ts'
import { gc, log, memory, now, rng, round, sampleSync, settle, SIZES, summarize, taskValue, type SuiteResult } from './stats.ts'

type Task = ReturnType<typeof taskValue>

const toMap = (t: Task) => new Y.Map<unknown>(Object.entries(t))
const query = (objects: Y.Map<Y.Map<unknown>>) => {
  const out: Y.Map<unknown>[] = []
  for (const m of objects.values()) if (m.get('@type') === 'task' && m.get('done') === false) out.push(m)
  return out
}

function fill(doc: Y.Doc, objects: Y.Map<Y.Map<unknown>>, ids: string[], size: number): void {
  while (ids.length < size) {
    const start = ids.length
    const end = Math.min(size, start + 5_000)
    doc.transact(() => {
      for (let i = start; i < end; i++) {
        const id = randomUUID()
        objects.set(id, toMap(taskValue(i)))
        ids.push(id)
      }
    })
  }
}

async function createWriteQuery(out: SuiteResult): Promise<void> {
  const doc = new Y.Doc()
  const objects = doc.getMap<Y.Map<unknown>>('objects')
  const ids: string[] = []
  let n = 1_000_000
  for (const [label, size] of [['small', SIZES.small], ['large', SIZES.large]] as const) {
    fill(doc, objects, ids, size)
    await gc()
    const { burst, burstRounds } = SIZES
    const a = summarize(
      sampleSync(burstRounds, () => {
        doc.transact(() => {
          for (let j = 0; j < burst; j++) objects.set(randomUUID(), toMap(taskValue(n++)))
        })
      }, 2),
      1000 / burst,
    )
    delete a.p99
    out[`create.burst.${label}`] = a
    await gc()
    out[`create.each.${label}`] = summarize(
      sampleSync(SIZES.perOp, () => {
        objects.set(randomUUID(), toMap(taskValue(n++)))
      }, 10),
      1000,
    )
  }
  const pick = rng(7)
  let v = 10_000
  await gc()
  {
    const { burst, burstRounds } = SIZES
    const a = summarize(
      sampleSync(burstRounds, () => {
        doc.transact(() => {
          for (let j = 0; j < burst; j++) objects.get(ids[pick(ids.length)]!)!.set('priority', v++)
        })
      }, 2),
      1000 / burst,
    )
    delete a.p99
    out['write.burst'] = a
  }
  await gc()
  out['write.each'] = summarize(
    sampleSync(SIZES.perOp, () => {
      objects.get(ids[pick(ids.length)]!)!.set('priority', v++)
    }, 10),
    1000,
  )
  const first = objects.get(ids[0]!)!
  out['write.each.sameObject'] = summarize(
    sampleSync(SIZES.perOp, () => {
      first.set('priority', v++)
    }, 10),
    1000,
  )
  await gc()
  let count = 0
  const q = summarize(
    sampleSync(SIZES.queryIters, () => {
      count = query(objects).length
    }, 1),
  )
  q.detail = { ...q.detail, matches: count, spaceSize: objects.size }
  out['query.warm'] = q
  doc.destroy()
}

/** Workload 5: observeDeep on `objects`, re-filter on every event (what a typical Yjs view does). */
async function updateLatency(out: SuiteResult): Promise<void> {
  for (const [label, size] of [['100', 100], ['large', SIZES.large], ['huge', SIZES.huge]] as const) {
    await gc()
    const doc = new Y.Doc()
    const objects = doc.getMap<Y.Map<unknown>>('objects')
    const ids: string[] = []
    const t0 = now()
    fill(doc, objects, ids, size)
    const setupMs = now() - t0
    await gc()
    const memberIds = ids.filter((id) => objects.get(id)!.get('done') === false)
    let result = query(objects)
    let calls = 0
    let t1 = 0
    const onDeep = () => {
      result = query(objects)
      t1 = now()
      calls++
    }
    objects.observeDeep(onDeep)
    const pick = rng(11)
    let v = 1_000
    const iters = label === 'huge' ? SIZES.updateItersHuge : SIZES.updateIters
    const samples: number[] = []
    for (let k = -10; k < iters; k++) {
      const m = objects.get(memberIds[pick(memberIds.length)]!)!
      const before = calls
      const start = now()
      m.set('priority', v++)
      if (calls !== before + 1) throw new Error('yjs: observeDeep was not called synchronously')
      if (k >= 0) samples.push(t1 - start)
    }
    objects.unobserveDeep(onDeep)
    const m = summarize(samples, 1000)
    m.detail = { ...m.detail, objects: ids.length, setupMs: round(setupMs), resultSize: result.length }
    out[`update.${label}`] = m
    doc.destroy()
  }
}

async function reopen(out: SuiteResult, dirs: string[]): Promise<{ file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'yjs-bench-reopen-'))
  dirs.push(dir)
  const file = join(dir, 'doc.bin')
  {
    const doc = new Y.Doc()
    fill(doc, doc.getMap('objects'), [], SIZES.large)
    writeFileSync(file, Y.encodeStateAsUpdate(doc))
    doc.destroy()
  }
  const expected = Math.floor(SIZES.large / 2)
  const samples: number[] = []
  for (let k = -1; k < SIZES.reopenIters; k++) {
    await gc()
    const t0 = now()
    const doc = new Y.Doc()
    Y.applyUpdate(doc, readFileSync(file))
    const count = query(doc.getMap('objects')).length
    if (k >= 0) samples.push(now() - t0)
    if (count !== expected) throw new Error(`yjs reopen found ${count}`)
    doc.destroy()
  }
  out['reopen.large'] = summarize(samples)
  return { file }
}

export async function runYjs(dirs: string[]): Promise<{ result: SuiteResult; fixture: { file: string } }> {
  const out: SuiteResult = {}
  log('yjs: create / write / query')
  await createWriteQuery(out)
  await gc()
  log('yjs: update latency (re-filter on observeDeep)')
  await updateLatency(out)
  await gc()
  log('yjs: reopen from a file')
  const fixture = await reopen(out, dirs)
  await settle(10)
  await gc()
  return { result: out, fixture }
}

export async function heapLoaded(file: string): Promise<Record<string, number>> {
  await gc()
  const before = memory()
  const doc = new Y.Doc()
  Y.applyUpdate(doc, readFileSync(file))
  const count = query(doc.getMap('objects')).length
  await gc()
  const after = memory()
  const result = diff(before, after, count)
  doc.destroy()
  return result
}
