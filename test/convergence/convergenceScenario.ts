// A seeded convergence scenario: several in-process clients share one space over links that
// are cut and restored at random while each client makes random edits (adds, field writes,
// field deletes, list and text edits, references, removals). At the end every link is up and
// every client must hold the same objects, and a client reloaded from its storage must hold
// them too. Used by convergence.test.ts (small, in `npm test`) and by `npm run fuzz` (large).
import { createClient, text, type Client, type EchoObject, type Space } from '../../src/core.ts'
import { MemoryStorageAdapter } from '../../src/storage/index.ts'
import { linkClients, type ClientLink } from '../../src/testing/index.ts'

/** Deterministic PRNG (mulberry32): the same seed makes the same sequence of operations. */
export function seededRandom(seed: number) {
  let s = seed >>> 0
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]!, chance: (p: number) => next() < p }
}

export interface ScenarioOptions {
  seed: number
  peers: number
  ops: number
  /** How long to wait for the final convergence (ms). */
  settleTimeout?: number
}

export interface ScenarioResult {
  /** Objects every peer holds at the end (same on all). */
  objects: number
  /** Operations that ran (some picks do nothing, e.g. a text edit with no object to edit). */
  applied: Record<string, number>
  /** Link cuts made during the run. */
  cuts: number
}

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'eps', 'zeta', 'eta', 'theta']

/** JSON with object keys sorted: key order is not part of an object's state. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(value).sort()) out[k] = canonical((value as Record<string, unknown>)[k])
    return out
  }
  return value
}

/** A peer's state in a comparable form: objects sorted by id, snapshots as canonical JSON. */
export function stateOf(space: Space): string {
  const ids = space.db.query().objects.map((o) => o['@id'] as string)
  ids.sort()
  return JSON.stringify(ids.map((id) => [id, canonical(space.db.snapshotOf(id))]))
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms))

/**
 * Runs one scenario and throws (with the seed in the message) when peers do not converge or a
 * reload differs. Returns what it did, for the fuzz note.
 */
export async function runScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const { seed, peers, ops } = options
  const rnd = seededRandom(seed)
  const storages = Array.from({ length: peers }, () => new MemoryStorageAdapter())
  const clients: Client[] = []
  const links: ClientLink[] = []
  const up: boolean[] = []
  const applied: Record<string, number> = {}
  let cuts = 0
  const count = (k: string) => (applied[k] = (applied[k] ?? 0) + 1)
  try {
    for (let i = 0; i < peers; i++) {
      const c = await createClient({ storage: storages[i]!, signaling: false, broadcast: false, name: `p${i}` })
      await c.createIdentity({ displayName: `peer ${i}` })
      clients.push(c)
    }
    const owner = await clients[0]!.createSpace({ name: `fuzz ${seed}` })
    for (const c of clients.slice(1)) await owner.admit({ identityKey: c.identity!.identityKey, role: 'editor' })
    // A full mesh of links, so a partition is any set of cut links.
    const pairs: [number, number][] = []
    for (let i = 0; i < peers; i++) for (let j = i + 1; j < peers; j++) pairs.push([i, j])
    for (const [i, j] of pairs) {
      links.push(linkClients(clients[i]!, clients[j]!))
      up.push(true)
    }
    const spaces: Space[] = [owner]
    for (const c of clients.slice(1)) spaces.push(await c.openSpace(owner.address, { timeout: 20_000 }))
    for (const s of spaces) await s.whenReady()

    const visible = (s: Space) => s.db.query().objects as EchoObject[]
    for (let step = 0; step < ops; step++) {
      const p = rnd.int(peers)
      const db = spaces[p]!.db
      const objects = visible(spaces[p]!)
      const target = objects.length ? rnd.pick(objects) : undefined
      const roll = rnd.next()
      if (roll < 0.06) {
        // Partition: cut or restore a random link.
        const l = rnd.int(links.length)
        if (up[l]) {
          links[l]!.cut()
          cuts++
        } else links[l]!.restore()
        up[l] = !up[l]
        count('link')
      } else if (roll < 0.2 || !target) {
        db.add({ '@type': rnd.pick(['task', 'note']), n: rnd.int(100), title: rnd.pick(WORDS), tags: [rnd.pick(WORDS)], body: text(rnd.pick(WORDS)) })
        count('add')
      } else if (roll < 0.4) {
        const field = rnd.pick(['n', 'title', 'done', 'nested'])
        const value = field === 'n' ? rnd.int(1000) : field === 'title' ? rnd.pick(WORDS) : field === 'done' ? rnd.chance(0.5) : { a: rnd.int(10), b: [rnd.pick(WORDS)] }
        ;(target as Record<string, unknown>)[field] = value
        count('write')
      } else if (roll < 0.46) {
        const field = rnd.pick(['title', 'done', 'nested', 'ref'])
        delete (target as Record<string, unknown>)[field]
        count('deleteField')
      } else if (roll < 0.6) {
        let tags = target.tags as string[] | undefined
        if (!Array.isArray(tags)) {
          target.tags = [rnd.pick(WORDS)]
        } else {
          const k = rnd.int(3)
          if (k === 0) tags.push(rnd.pick(WORDS))
          else if (k === 1 && tags.length) tags.splice(rnd.int(tags.length), 1)
          else tags.splice(rnd.int(tags.length + 1), 0, rnd.pick(WORDS), rnd.pick(WORDS))
        }
        count('list')
      } else if (roll < 0.78) {
        const body = db.text(target, 'body')
        const len = body.value.length
        const at = rnd.int(len + 1)
        const del = rnd.chance(0.3) ? Math.min(len - at, 1 + rnd.int(3)) : 0
        body.splice(at, del, rnd.chance(0.8) ? rnd.pick(WORDS).slice(0, 1 + rnd.int(3)) : '')
        count('text')
      } else if (roll < 0.88) {
        target.ref = rnd.pick(objects)
        count('ref')
      } else if (roll < 0.93) {
        const nested = target.nested as Record<string, unknown> | undefined
        if (nested && typeof nested === 'object') nested.a = rnd.int(100)
        else target.nested = { a: rnd.int(100), b: [] }
        count('nested')
      } else {
        db.remove(target)
        count('remove')
      }
      // Let commits and sync run now and then, so edits interleave with arriving changes.
      if (rnd.chance(0.3)) await tick(rnd.chance(0.1) ? rnd.int(5) : 0)
    }

    // Heal every partition and wait until all peers agree.
    links.forEach((l, i) => {
      if (!up[i]) l.restore()
      up[i] = true
    })
    await Promise.all(spaces.map((s) => s.db.flush()))
    const deadline = Date.now() + (options.settleTimeout ?? 30_000)
    let states = spaces.map(stateOf)
    while (states.some((s) => s !== states[0])) {
      if (Date.now() > deadline) {
        const diff = states.map((s, i) => `peer ${i}: ${s.slice(0, 300)}`).join('\n')
        throw new Error(`seed ${seed}: peers did not converge within the timeout\n${diff}`)
      }
      await tick(20)
      states = spaces.map(stateOf)
    }
    const final = states[0]!
    const objects = spaces[0]!.db.size

    // Reload every peer from its own storage: each must come back with the same state.
    await Promise.all(spaces.map((s) => s.db.flush()))
    for (const l of links) l.cut()
    for (const c of clients.splice(0)) await c.close()
    for (let i = 0; i < peers; i++) {
      const c = await createClient({ storage: storages[i]!, signaling: false, broadcast: false, name: `p${i}` })
      clients.push(c)
      const again = c.getSpace(owner.id)
      if (!again) throw new Error(`seed ${seed}: peer ${i} lost the space on reload`)
      await again.whenReady()
      const reloaded = stateOf(again)
      if (reloaded !== final) throw new Error(`seed ${seed}: peer ${i} reloaded a different state\nexpected ${final.slice(0, 300)}\nactual   ${reloaded.slice(0, 300)}`)
    }
    return { objects, applied, cuts }
  } finally {
    for (const l of links) l.cut()
    for (const c of clients) await c.close().catch(() => undefined) // already closed: nothing to do
  }
}
