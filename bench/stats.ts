// Small helpers shared by the benchmarks: timing, percentiles, garbage collection, heap figures,
// the size preset (BENCH_QUICK=1 shrinks everything for smoke runs) and the result shape.

/** One measured figure for one implementation. `value` is the headline (usually p50). */
export interface Measure {
  value: number
  /** 99th percentile, for latency-style rows. */
  p99?: number
  /** Number of samples behind `value`. */
  n?: number
  /** Extra figures worth keeping in results.json (and sometimes shown in the note). */
  detail?: Record<string, number | string | boolean>
  /** Why there is no value, or a caveat printed next to it. */
  note?: string
}

/** What each implementation's suite hands back: workload id -> measure. */
export type SuiteResult = Record<string, Measure | undefined>

/** Sizes used by the suites; BENCH_QUICK=1 gives a smoke-sized run. */
export interface Sizes {
  quick: boolean
  small: number // "space of 1,000"
  large: number // "space of 10,000"
  huge: number // "space of 100,000" (update-cost workload only)
  burst: number // objects per burst in the amortised create/write rows
  burstRounds: number
  perOp: number // samples for one-change-per-op rows
  perOpSlow: number // samples when each op is known to be slow (raw flat map at 10,000)
  durable: number // create+flush samples
  queryIters: number
  updateIters: number
  updateItersHuge: number
  reopenIters: number
  docPerObject: number // size of the one-document-per-object layout run
}

export const QUICK = process.env.BENCH_QUICK === '1' || process.env.BENCH_QUICK === 'true'

export const SIZES: Sizes = QUICK
  ? {
      quick: true,
      small: 200,
      large: 2_000,
      huge: 5_000,
      burst: 50,
      burstRounds: 4,
      perOp: 40,
      perOpSlow: 10,
      durable: 30,
      queryIters: 10,
      updateIters: 40,
      updateItersHuge: 20,
      reopenIters: 2,
      docPerObject: 100,
    }
  : {
      quick: false,
      small: 1_000,
      large: 10_000,
      huge: 100_000,
      burst: 100,
      burstRounds: 12,
      perOp: 200,
      perOpSlow: 40,
      durable: 200,
      queryIters: 40,
      updateIters: 300,
      updateItersHuge: 100,
      reopenIters: 4,
      docPerObject: 1_000,
    }

/** Milliseconds, high resolution. */
export const now = (): number => performance.now()

/** The p-th percentile (0..100) of samples, nearest-rank on a sorted copy. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

/** p50 / p99 / mean / min / max of samples, scaled by `scale` (e.g. 1000 for ms -> µs). */
export function summarize(samples: readonly number[], scale = 1): Measure {
  const s = samples.map((x) => x * scale)
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1)
  return {
    value: round(percentile(s, 50)),
    p99: round(percentile(s, 99)),
    n: s.length,
    detail: { mean: round(mean), min: round(Math.min(...s)), max: round(Math.max(...s)) },
  }
}

/** Rounds to a sensible number of significant digits for tables and JSON. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x
  const a = Math.abs(x)
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** Lets pending timers/IO run (storage saves, debounced work) before the next measurement. */
export const settle = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Full garbage collection (needs --expose-gc; a no-op otherwise). Runs twice, with a tick between. */
export async function gc(): Promise<void> {
  const g = (globalThis as { gc?: () => void }).gc
  if (!g) return
  await settle(0)
  g()
  await settle(0)
  g()
}

export const hasGc = (): boolean => typeof (globalThis as { gc?: unknown }).gc === 'function'

/** Memory figures in MB (JS heap, external incl. wasm memory and buffers, rss). */
export function memory(): { heapUsed: number; external: number; arrayBuffers: number; rss: number } {
  const m = process.memoryUsage()
  const mb = (x: number) => x / 1024 / 1024
  return { heapUsed: mb(m.heapUsed), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers), rss: mb(m.rss) }
}

/** Runs `fn` `iterations` times after `warmup` untimed runs; returns each run's ms. */
export async function sample(iterations: number, fn: (i: number) => unknown, warmup = 0): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i)
  const out: number[] = []
  for (let i = 0; i < iterations; i++) {
    const t0 = now()
    await fn(i)
    out.push(now() - t0)
  }
  return out
}

/** Synchronous variant of {@link sample} (no await between runs, so no microtask commits sneak in). */
export function sampleSync(iterations: number, fn: (i: number) => unknown, warmup = 0): number[] {
  for (let i = 0; i < warmup; i++) fn(-1 - i)
  const out: number[] = []
  for (let i = 0; i < iterations; i++) {
    const t0 = now()
    fn(i)
    out.push(now() - t0)
  }
  return out
}

/** The typical workload object. */
export function taskValue(i: number): { task: string; done: boolean; priority: number; '@type': 'task' } {
  return { task: `Buy milk ${i}`, done: i % 2 === 1, priority: i % 5, '@type': 'task' }
}

/** A deterministic pseudo-random index generator (benchmarks must not depend on Math.random seeds). */
export function rng(seed = 1): (n: number) => number {
  let s = seed >>> 0 || 1
  return (n: number) => {
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s % n
  }
}

/** Resolves with `promise`, or rejects after `ms`. Clears its timer either way. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** Logs progress to stderr so stdout stays clean for the final table. */
export function log(...parts: unknown[]): void {
  process.stderr.write(parts.map(String).join(' ') + '\n')
}

/**
 * Like {@link sample} but stops early once `budgetMs` is spent (after at least `minN` runs), for
 * implementations whose single op takes hundreds of ms at large sizes.
 */
export async function sampleBudget(maxN: number, budgetMs: number, minN: number, fn: (i: number) => unknown, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i)
  const out: number[] = []
  const start = now()
  for (let i = 0; i < maxN; i++) {
    const t0 = now()
    await fn(i)
    out.push(now() - t0)
    if (out.length >= minN && now() - start > budgetMs) break
  }
  return out
}
