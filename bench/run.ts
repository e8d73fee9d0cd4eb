// `npm run bench`: echo-kit beside raw automerge-repo and Yjs doing the same work in one run,
// then the network benchmarks colleagues provide (when present). Writes bench/RESULTS.md and
// bench/results.json. BENCH_QUICK=1 shrinks every size for a smoke run.
//
// Run with: node --expose-gc --import tsx bench/run.ts
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gc, hasGc, log, now, round, SIZES, withTimeout, type Measure, type SuiteResult } from './stats.ts'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')

type Impl = 'echo' | 'raw' | 'yjs'
interface NetRow {
  name: string
  value: number
  unit: string
  [key: string]: unknown
}

// ---- heap child: `run.ts --heap-child <impl> <json args>` prints one JSON line ----------------

// (dispatched at the end of the file, once every declaration is initialised)

async function heapChild(impl: Impl, args: Record<string, unknown>): Promise<Measure> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--heap-child', impl, JSON.stringify(args)], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const code = await withTimeout(
    new Promise<number | null>((resolve) => child.on('close', resolve)),
    120_000,
    `heap child (${impl})`,
  ).catch((error) => {
    child.kill()
    throw error
  })
  const line = stdout.split('\n').find((l) => l.startsWith('HEAP '))
  if (code !== 0 || !line) throw new Error(`heap child (${impl}) failed (exit ${code}): ${stderr.slice(-500)}`)
  const r = JSON.parse(line.slice(5)) as Record<string, number>
  return { value: r.heapUsedMB!, detail: r }
}

// ---- network benchmarks written by colleagues ------------------------------------------------

async function network(): Promise<{ name: string; rows: NetRow[]; note?: string }[]> {
  const out: { name: string; rows: NetRow[]; note?: string }[] = []
  const suites = [
    { file: 'signalingRelay.ts', fn: 'benchSignalingRelay', name: 'signaling relay' },
    { file: 'signalingCluster.ts', fn: 'benchSignalingCluster', name: 'signaling across processes (Redis)' },
    { file: 'webrtcLatency.ts', fn: 'benchWebRTCLatency', name: 'WebRTC latency' },
    { file: 'browserLatency.ts', fn: 'benchBrowserLatency', name: 'Chromium peers over WebRTC' },
    { file: 'bundleSize.ts', fn: 'benchBundleSize', name: 'bundle size' },
  ]
  for (const s of suites) {
    const path = join(here, s.file)
    if (!existsSync(path)) {
      out.push({ name: s.name, rows: [], note: `skipped: bench/${s.file} does not exist yet` })
      continue
    }
    try {
      log(`network: ${s.name}`)
      const mod = (await import(`./${s.file}`)) as Record<string, () => Promise<NetRow[]>>
      const fn = mod[s.fn]
      if (typeof fn !== 'function') throw new Error(`bench/${s.file} has no export ${s.fn}()`)
      const rows = await withTimeout(fn(), s.file === 'browserLatency.ts' ? 1_200_000 : 180_000, `${s.fn}()`)
      out.push({ name: s.name, rows: Array.isArray(rows) ? rows : [] })
    } catch (error) {
      out.push({ name: s.name, rows: [], note: `failed: ${(error as Error)?.message ?? String(error)}`.slice(0, 300) })
    }
    await gc()
  }
  return out
}

// ---- table ---------------------------------------------------------------------------------

interface RowSpec {
  id: string
  workload: string
  unit: 'µs' | 'ms' | 'MB'
  /** Show p50 / p99. */
  latency?: boolean
  target: string
  /** Upper bound for echo-kit's headline value, when the target is a number. */
  limit?: number
  note?: (r: Results) => string
}

type Results = Record<Impl, SuiteResult>

const fmt = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '—' : String(round(x)))
const d = (m: Measure | undefined, key: string) => m?.detail?.[key]

const ROWS: RowSpec[] = [
  {
    id: 'create.burst.small',
    workload: `create one object, space of ${SIZES.small.toLocaleString('en')}: burst of ${SIZES.burst} adds + 1 commit (amortised, per object)`,
    unit: 'µs',
    target: '≤ 50 µs, flat in N',
    limit: 50,
    note: (r) =>
      `echo add() call alone ${fmt(d(r.echo['create.burst.small'], 'addCallOnlyUs') as number)} µs, the rest is the Automerge change at commit; raw = the burst in one handle.change; yjs = one transact`,
  },
  {
    id: 'create.burst.large',
    workload: `create one object, space of ${SIZES.large.toLocaleString('en')}: burst + 1 commit (amortised)`,
    unit: 'µs',
    target: '≤ 50 µs, flat in N',
    limit: 50,
    note: (r) => `echo add() call alone ${fmt(d(r.echo['create.burst.large'], 'addCallOnlyUs') as number)} µs`,
  },
  {
    id: 'create.each.small',
    workload: `create one object, space of ${SIZES.small.toLocaleString('en')}: add + space.commit() each (one change per object)`,
    unit: 'µs',
    latency: true,
    target: '≤ 50 µs',
    limit: 50,
    note: () => 'raw = handle.change per object; yjs = one implicit transaction per set',
  },
  {
    id: 'create.each.large',
    workload: `create one object, space of ${SIZES.large.toLocaleString('en')}: add + space.commit() each`,
    unit: 'µs',
    latency: true,
    target: '≤ 50 µs, flat in N',
    limit: 50,
    note: () => `raw: one flat map of ${SIZES.large.toLocaleString('en')} keys; every change costs more as it grows`,
  },
  {
    id: 'create.flush.small',
    workload: `create + durable flush per object, files, space of ${SIZES.small.toLocaleString('en')}`,
    unit: 'µs',
    latency: true,
    target: '≤ 100 µs',
    limit: 100,
    note: () => 'echo: add + await db.flush(); raw: change + await repo.flush([doc]); NodeFSStorageAdapter (writeFile, no fsync) for both',
  },
  {
    id: 'create.flush.burst',
    workload: `create + durable flush, burst of ${SIZES.burst} adds then one flush (amortised, per object)`,
    unit: 'µs',
    target: '≤ 100 µs',
    limit: 100,
    note: () => 'group commit: raw = one handle.change for the burst + repo.flush',
  },
  {
    id: 'write.burst',
    workload: `write one field (random object of ${SIZES.large.toLocaleString('en')}): burst of ${SIZES.burst} + 1 commit (amortised)`,
    unit: 'µs',
    target: '≤ 20 µs',
    limit: 20,
    note: (r) => `echo \`obj.priority = x\` alone (read model updated, commit deferred) ${fmt(d(r.echo['write.burst'], 'assignOnlyUs') as number)} µs; raw = the burst in one handle.change`,
  },
  {
    id: 'write.each',
    workload: 'write one field (random object): obj.field = x + space.commit() each',
    unit: 'µs',
    latency: true,
    target: '≤ 20 µs',
    limit: 20,
    note: () => 'mostly first writes to an object since it was created (the dearer case in Automerge)',
  },
  {
    id: 'write.each.sameObject',
    workload: 'write one field of the same object again and again, commit each',
    unit: 'µs',
    latency: true,
    target: '≤ 20 µs',
    limit: 20,
  },
  {
    id: 'query.warm',
    workload: `warm query { '@type': 'task', done: false } over ${SIZES.large.toLocaleString('en')} objects (fresh query object)`,
    unit: 'ms',
    target: '≤ 2 ms at 10,000',
    limit: 2,
    note: (r) =>
      `${fmt(d(r.echo['query.warm'], 'matches') as number)} matches; raw = Object.values(doc.objects).filter; yjs = iterate Y.Maps + get()`,
  },
  {
    id: 'query.reread',
    workload: 'same (unsubscribed) query object re-read after one write elsewhere, incl. the write',
    unit: 'ms',
    target: '—',
    note: () => 'an unsubscribed query recomputes everything when the database version moved',
  },
  ...(['100', 'large', 'huge'] as const).map(
    (label): RowSpec => ({
      id: `update.${label}`,
      workload: `update one object with a live subscribed query, ${label === '100' ? '100' : (label === 'large' ? SIZES.large : SIZES.huge).toLocaleString('en')} objects: obj.field = x → commit → listener`,
      unit: 'µs',
      latency: true,
      target: 'same at 100 and 100,000',
      note: (r) => {
        const e = r.echo[`update.${label}`]
        const parts = [] as string[]
        if (e?.detail) parts.push(`echo re-evaluated ${fmt(d(e, 'evaluationsPerUpdate') as number)} object(s) per update, microtask path p50 ${fmt(d(e, 'microtaskPathP50Us') as number)} µs, setup ${fmt(d(e, 'setupMs') as number)} ms`)
        if (r.raw[`update.${label}`]?.detail) parts.push(`raw/yjs re-filter all objects on every change`)
        if (e?.note) parts.push(`echo: ${e.note}`)
        return parts.join('; ')
      },
    }),
  ),
  {
    id: 'reopen.large',
    workload: `reopen ${SIZES.large.toLocaleString('en')} objects from files + first query`,
    unit: 'ms',
    target: '≤ 300 ms at 10,000',
    limit: 300,
    note: (r) => {
      const e = r.echo['reopen.large']
      return `echo: createClient ${fmt(d(e, 'createClientMs') as number)} + whenReady ${fmt(d(e, 'whenReadyMs') as number)} + first query ${fmt(d(e, 'firstQueryMs') as number)} ms, data document stored as ${fmt(d(e, 'storedSnapshotKB') as number)} kB snapshot + ${fmt(d(e, 'storedIncrementalKB') as number)} kB incremental; raw: new Repo + find ${fmt(d(r.raw['reopen.large'], 'findMs') as number)} ms + filter; yjs: read one state file + applyUpdate`
    },
  },
  {
    id: 'reopen.huge',
    workload: `reopen ${SIZES.huge.toLocaleString('en')} objects from files + first query`,
    unit: 'ms',
    target: '≤ 3,000 ms at 100,000',
    limit: 3000,
    note: (r) => {
      const e = r.echo['reopen.huge']
      return `echo only (median of 2): createClient ${fmt(d(e, 'createClientMs') as number)} + whenReady ${fmt(d(e, 'whenReadyMs') as number)} + first query ${fmt(d(e, 'firstQueryMs') as number)} ms, data document stored as ${fmt(d(e, 'storedSnapshotKB') as number)} kB snapshot + ${fmt(d(e, 'storedIncrementalKB') as number)} kB incremental`
    },
  },
  {
    id: 'heap.large',
    workload: `heap with a ${SIZES.large.toLocaleString('en')}-object space loaded (JS heapUsed delta)`,
    unit: 'MB',
    target: '≤ 60 MB at 10,000',
    limit: 60,
    note: (r) =>
      `fresh child process, loaded from the files above, after gc; Automerge's wasm memory is outside the JS heap: external delta echo ${fmt(d(r.echo['heap.large'], 'externalMB') as number)} MB, raw ${fmt(d(r.raw['heap.large'], 'externalMB') as number)} MB, yjs ${fmt(d(r.yjs['heap.large'], 'externalMB') as number)} MB; rss delta echo ${fmt(d(r.echo['heap.large'], 'rssMB') as number)} MB, raw ${fmt(d(r.raw['heap.large'], 'rssMB') as number)} MB`,
  },
  {
    id: 'floor.create.burst.large',
    workload: `floor: automerge-repo with echo-kit's layout (256 buckets, ImmutableString), create burst of ${SIZES.burst} in one change, ${SIZES.large.toLocaleString('en')} objects (per object)`,
    unit: 'µs',
    target: '—',
    note: (r) => `what the Automerge change alone costs; echo-kit's burst above: ${fmt(r.echo['create.burst.large']?.value)} µs`,
  },
  ...(['100', 'large', 'huge'] as const).map(
    (label): RowSpec => ({
      id: `floor.update.${label}`,
      workload: `floor: same layout, one handle.change per field write, no listener, ${label === '100' ? '100' : (label === 'large' ? SIZES.large : SIZES.huge).toLocaleString('en')} objects`,
      unit: 'µs',
      latency: true,
      target: '—',
      note: (r) => `echo-kit's update row at this size: ${fmt(r.echo[`update.${label}`]?.value)} µs p50`,
    }),
  ),
  {
    id: 'docs.create',
    workload: `one document per object: create one object (repo.create + index doc change), ${SIZES.docPerObject.toLocaleString('en')} objects`,
    unit: 'µs',
    latency: true,
    target: '—',
    note: () => 'automerge-repo column only',
  },
  {
    id: 'docs.query.warm',
    workload: `one document per object: warm query over ${SIZES.docPerObject.toLocaleString('en')} handles`,
    unit: 'ms',
    target: '—',
    note: () => 'automerge-repo column only',
  },
  {
    id: 'docs.reopen',
    workload: `one document per object: reopen ${SIZES.docPerObject.toLocaleString('en')} objects from files + first query`,
    unit: 'ms',
    target: '—',
    note: () => 'automerge-repo column only: new Repo, find index, find every document, filter',
  },
]

function cell(m: Measure | undefined, spec: RowSpec, withVerdict: boolean): string {
  if (!m) return '—'
  if (!Number.isFinite(m.value)) return m.note ? `n/a (${m.note})` : 'n/a'
  let s = spec.latency && m.p99 !== undefined ? `${fmt(m.value)} / ${fmt(m.p99)}` : fmt(m.value)
  s += ` ${spec.unit}`
  if (withVerdict && spec.limit !== undefined) s += m.value <= spec.limit ? ' ✅' : ' ❌'
  return s
}

function machine() {
  const cpus = os.cpus()
  const version = (pkg: string) => {
    try {
      return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version as string
    } catch {
      return 'unknown'
    }
  }
  let commit = 'unknown'
  let dirty = false
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
    dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, encoding: 'utf8' }).trim().length > 0
  } catch {
    // not a git checkout
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGB: round(os.totalmem() / 1024 ** 3),
    automerge: version('@automerge/automerge'),
    automergeRepo: version('@automerge/automerge-repo'),
    yjs: version('yjs'),
    commit,
    srcDirty: dirty,
    quick: SIZES.quick,
    loadAverage: os.loadavg().map(round),
  }
}

async function main(): Promise<void> {
  const t0 = now()
  if (!hasGc()) log('warning: run with --expose-gc (npm run bench does) or the heap and gc-between figures are meaningless')
  const info = machine()
  log(`bench: node ${info.node}, ${info.cpus} cpus, ${SIZES.quick ? 'QUICK sizes' : 'full sizes'}`)
  const dirs: string[] = []
  const results: Results = { echo: {}, raw: {}, yjs: {} }
  const errors: string[] = []
  const fixtures: Partial<Record<Impl, Record<string, unknown>>> = {}

  const suites: [Impl, () => Promise<{ result: SuiteResult; fixture: Record<string, unknown> }>][] = [
    ['echo', async () => (await import('./engine.ts')).runEngine(dirs)],
    ['raw', async () => (await import('./automergeRepoBaseline.ts')).runAutomergeRepo(dirs)],
    ['yjs', async () => (await import('./yjsBaseline.ts')).runYjs(dirs)],
  ]
  const timings: Record<string, number> = {}
  try {
    for (const [impl, run] of suites) {
      const s0 = now()
      try {
        const { result, fixture } = await run()
        results[impl] = result
        fixtures[impl] = fixture
      } catch (error) {
        errors.push(`${impl}: ${(error as Error)?.stack ?? String(error)}`)
        log(`!! ${impl} suite failed: ${(error as Error)?.message}`)
      }
      timings[impl] = round((now() - s0) / 1000)
      await gc()
    }

    log('heap: fresh child process per implementation')
    for (const impl of ['echo', 'raw', 'yjs'] as const) {
      if (!fixtures[impl]) continue
      try {
        results[impl]['heap.large'] = await heapChild(impl, fixtures[impl]!)
      } catch (error) {
        errors.push(`heap ${impl}: ${(error as Error)?.message}`)
      }
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  }

  const net = await network()
  const totalS = round((now() - t0) / 1000)

  // Ratio of update cost at the largest size vs 100 objects.
  const ratio = (impl: Impl) => {
    const small = results[impl]['update.100']?.value
    const big = results[impl]['update.huge']?.value ?? NaN
    const mid = results[impl]['update.large']?.value
    return { large: small && mid ? mid / small : NaN, huge: small ? big / small : NaN }
  }

  // ---- Markdown ----
  const lines: string[] = []
  lines.push('# echo-kit benchmarks', '')
  lines.push(
    `Generated by \`npm run bench\` (bench/run.ts) on ${info.date}: Node ${info.node}, ${info.cpus} × ${info.cpuModel}, ${info.memoryGB} GB RAM, ${info.platform}; ` +
      `@automerge/automerge ${info.automerge}, automerge-repo ${info.automergeRepo}, yjs ${info.yjs}; echo-kit at ${info.commit}${info.srcDirty ? ' + uncommitted src/ changes' : ''}. ` +
      `Load average at start ${info.loadAverage.join(' / ')}, at end ${os.loadavg().map(round).join(' / ')}${Math.max(info.loadAverage[0]!, os.loadavg()[0]!) > info.cpus ? ' (**the machine was busy with other work: p99s are noisy**)' : ''}. ` +
      `${SIZES.quick ? '**BENCH_QUICK=1: smoke sizes, figures are not comparable to the targets.** ' : ''}Total run ${totalS} s (echo-kit ${timings.echo ?? '—'} s, automerge-repo ${timings.raw ?? '—'} s, yjs ${timings.yjs ?? '—'} s).`,
    '',
  )
  lines.push(
    'All three run in one process, one after the other, with a full GC between workloads (heap: one fresh child process each). ' +
      'Figures are p50 (µs or ms), or p50 / p99 where latency matters. ✅ / ❌ compare echo-kit with the DESIGN target. ' +
      '"raw" is automerge-repo the straightforward way: one Repo, one document, objects in a flat map `d.objects[id] = {...}`, one `handle.change` per operation, plain strings (Automerge 3 text). ' +
      '"yjs" is one Y.Doc with a Y.Map per object. All run in memory except the file rows (NodeFSStorageAdapter / one state file for Yjs). ' +
      'The "floor" rows run automerge-repo alone with echo-kit\'s document layout: the Automerge cost every echo-kit write pays, so echo-kit\'s own overhead is the difference. ' +
      'Heap is measured in a fresh child process per implementation (the space loaded from the files of the reopen row), so earlier workloads and the wasm memory high-water mark do not distort it.',
    '',
  )
  lines.push('| workload | echo-kit | automerge-repo raw | yjs | DESIGN target | note |', '|---|---|---|---|---|---|')
  for (const spec of ROWS) {
    const e = results.echo[spec.id]
    const r = results.raw[spec.id]
    const y = results.yjs[spec.id]
    if (!e && !r && !y) continue
    let note = ''
    try {
      note = spec.note?.(results) ?? ''
    } catch {
      note = ''
    }
    lines.push(`| ${spec.workload} | ${cell(e, spec, true)} | ${cell(r, spec, false)} | ${cell(y, spec, false)} | ${spec.target} | ${note} |`)
    if (spec.id === 'update.huge' || (spec.id === 'update.large' && !results.echo['update.huge'])) {
      const re = ratio('echo')
      const rr = ratio('raw')
      const ry = ratio('yjs')
      const show = (x: { large: number; huge: number }) => `${fmt(x.large)}× / ${fmt(x.huge)}×`
      const ok = Number.isFinite(re.huge) ? (re.huge <= 1.5 ? ' ✅' : ' ❌') : ''
      lines.push(
        `| update cost ratio, ${SIZES.large.toLocaleString('en')} / 100 and ${SIZES.huge.toLocaleString('en')} / 100 objects (p50) | ${show(re)}${ok} | ${show(rr)} | ${show(ry)} | 1× ("the same") | ✅ when ≤ 1.5× |`,
      )
    }
  }
  lines.push('')
  lines.push('## Network (colleagues\' benchmarks)', '')
  for (const n of net) {
    if (n.note) lines.push(`- ${n.name}: ${n.note}`)
    if (n.rows.length && n.rows.some((r) => r.target !== undefined)) {
      // Side by side (bench/browserLatency.ts): echo-kit and Yjs in the same pages, same run.
      const num = (v: unknown) => (typeof v === 'number' ? fmt(v) : '—')
      const pair = (v: unknown, p99: unknown) => (p99 === undefined ? num(v) : `${num(v)} / ${num(p99)}`)
      lines.push('', `**${n.name}** (echo-kit beside Yjs 13.6 + y-webrtc 10.3, same pages, interleaved)`, '')
      lines.push('| workload | unit | echo-kit | Yjs + y-webrtc | ratio | target | note |', '|---|---|---|---|---|---|---|')
      for (const row of n.rows) {
        lines.push(`| ${row.name} | ${row.unit} | ${pair(row.value, row.p99)} | ${pair(row.yjs, row.yjsP99)} | ${row.ratio === undefined ? '—' : `${num(row.ratio)}×`} | ${row.target ?? '—'} | ${row.note ?? ''} |`)
      }
      lines.push('')
    } else if (n.rows.length) {
      lines.push('', `**${n.name}**`, '', '| measure | value | unit |', '|---|---|---|')
      for (const row of n.rows) lines.push(`| ${row.name} | ${fmt(row.value)} | ${row.unit} |`)
      lines.push('')
    }
  }
  lines.push(
    '',
    'Re-renders after one object changes are asserted in test/react/hooks.test.tsx (a 1,000-row list re-renders the changed row and the list, nothing else; automerge-repo-react-hooks re-renders every consumer of the document).',
  )
  if (errors.length) {
    lines.push('', '## Errors', '', '```', ...errors.map((e) => e.slice(0, 2000)), '```')
  }
  lines.push('')
  writeFileSync(join(here, 'RESULTS.md'), lines.join('\n'))

  const json = {
    machine: info,
    sizes: SIZES,
    totalSeconds: totalS,
    suiteSeconds: timings,
    rows: ROWS.map((spec) => ({
      id: spec.id,
      workload: spec.workload,
      unit: spec.unit,
      target: spec.target,
      limit: spec.limit ?? null,
      echo: results.echo[spec.id] ?? null,
      raw: results.raw[spec.id] ?? null,
      yjs: results.yjs[spec.id] ?? null,
      echoMeetsTarget: spec.limit !== undefined && results.echo[spec.id] ? results.echo[spec.id]!.value <= spec.limit : null,
    })),
    updateRatio: { echo: ratio('echo'), raw: ratio('raw'), yjs: ratio('yjs') },
    network: net,
    errors,
  }
  writeFileSync(join(here, 'results.json'), JSON.stringify(json, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n')
  process.stdout.write(lines.join('\n') + '\n')
  log(`bench: done in ${totalS} s; wrote bench/RESULTS.md and bench/results.json`)
  if (errors.length) process.exitCode = 1
  if (process.env.BENCH_DEBUG) setTimeout(() => log('still alive:', process.getActiveResourcesInfo().join(', ')), 2000).unref()
}

// ---- entry --------------------------------------------------------------------------------

if (process.argv[2] === '--heap-child') {
  const impl = process.argv[3] as Impl
  const args = JSON.parse(process.argv[4] ?? '{}')
  let result: Record<string, number>
  if (impl === 'echo') result = await (await import('./engine.ts')).heapLoaded(args.dir, args.spaceId)
  else if (impl === 'raw') result = await (await import('./automergeRepoBaseline.ts')).heapLoaded(args.dir, args.url)
  else result = await (await import('./yjsBaseline.ts')).heapLoaded(args.file)
  process.stdout.write(`HEAP ${JSON.stringify(result)}\n`)
} else {
  await main()
}
