import { describe, expect, it } from 'vitest'
import { runScenario } from './convergenceScenario.ts'

// The small size runs in `npm test`; `npm run fuzz` (ECHO_FUZZ=1) runs 5 peers x 1,000 ops x
// 100 seeds (ECHO_FUZZ_SEEDS / ECHO_FUZZ_OPS / ECHO_FUZZ_PEERS override) and prints its figures.
const FUZZ = !!process.env.ECHO_FUZZ
const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d)

describe('convergence under random edits, partitions and reconnects', () => {
  it.runIf(!FUZZ)('3 peers x 150 ops x 3 seeds: every peer holds the same state, and so does a reload', async () => {
    for (const seed of [1, 2, 3]) {
      const r = await runScenario({ seed, peers: 3, ops: 150 })
      expect(r.objects).toBeGreaterThan(0)
      expect(r.applied.text! + r.applied.list! + r.applied.ref!).toBeGreaterThan(0)
    }
  })

  it.runIf(FUZZ)('fuzz: many peers, ops and seeds', async () => {
    const peers = num(process.env.ECHO_FUZZ_PEERS, 5)
    const ops = num(process.env.ECHO_FUZZ_OPS, 1000)
    const seeds = num(process.env.ECHO_FUZZ_SEEDS, 100)
    const first = num(process.env.ECHO_FUZZ_FIRST_SEED, 1000)
    const t0 = Date.now()
    let objects = 0
    let cuts = 0
    for (let seed = first; seed < first + seeds; seed++) {
      const r = await runScenario({ seed, peers, ops, settleTimeout: 60_000 })
      objects += r.objects
      cuts += r.cuts
      if ((seed - first) % 10 === 9) console.log(`fuzz: ${seed - first + 1}/${seeds} seeds ok, ${((Date.now() - t0) / 1000).toFixed(0)} s`)
    }
    console.log(`fuzz: ${peers} peers x ${ops} ops x ${seeds} seeds converged and reloaded; ${objects} final objects, ${cuts} link cuts, ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  }, 24 * 3600_000)
})
