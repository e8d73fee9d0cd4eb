import * as A from '@automerge/automerge'
import { Repo, generateAutomergeUrl, type AutomergeUrl, type DocHandle } from '@automerge/automerge-repo'
import { afterEach, describe, expect, it } from 'vitest'
import { applyAhead } from '../../src/core/space/applyAhead.ts'
import { SpaceGate } from '../../src/core/space/SpaceGate.ts'
import type { Member } from '../../src/core/identity/index.ts'

// A writer's admitted data change is applied to the document by the gate's hook before the
// Repo sees the message (applyAhead); nothing else is: not a reader's, not an outsider's, not
// one that waits for the chain, not one the nesting check refuses.

type Doc = { objects: Record<string, unknown> }
const members: Member[] = [
  { identityKey: 'writer', role: 'editor' },
  { identityKey: 'reader', role: 'reader' },
]
const repos: Repo[] = []
afterEach(async () => {
  for (const r of repos.splice(0)) await r.shutdown()
})

function setup(known: () => readonly Member[] = () => members) {
  const repo = new Repo({ network: [] })
  repos.push(repo)
  const handle: DocHandle<Doc> = repo.create<Doc>({ objects: {} })
  let applied = 0
  const gate = new SpaceGate({
    spaceId: 'space',
    closed: () => false,
    members: known,
    controlDoc: () => undefined,
    admittedChanges: (changes) => void (applied += applyAhead(handle, changes)),
  })
  // The remote peer's copy: same history, then its own change.
  const remote = A.clone(handle.doc(), { actor: 'ab'.repeat(16) })
  return { handle, gate, remote, applied: () => applied }
}

/** A sync message carrying `changes`, as automerge-repo would send it. */
function syncMessage(doc: A.Doc<Doc>, changes: Uint8Array[]) {
  const data = A.encodeSyncMessage({ heads: A.getHeads(doc), need: [], have: [], changes })
  return { type: 'sync', senderId: 'peer-1', targetId: 'me', documentId: 'data-doc', data }
}

describe('changes applied ahead of the sync round (applyAhead)', () => {
  it("a writer's change is in the document as soon as the gate admits it", () => {
    const { handle, gate, remote, applied } = setup()
    const next = A.change(remote, (d) => (d.objects.a = { n: 1 }))
    let seen: unknown
    handle.on('change', ({ doc }) => (seen = doc.objects.a))
    expect(gate.inbound('writer', 'data', syncMessage(next, [A.getLastLocalChange(next)!]))).toBe(true)
    expect(handle.doc().objects.a).toEqual({ n: 1 })
    expect(seen).toEqual({ n: 1 })
    expect(applied()).toBe(1)
    // The same message again (the Repo's own round, or a repeat) applies nothing twice.
    expect(gate.inbound('writer', 'data', syncMessage(next, [A.getLastLocalChange(next)!]))).toBe(true)
    expect(applied()).toBe(1)
  })

  it("a reader's and an outsider's changes are refused, counted and never applied", () => {
    const { handle, gate, remote, applied } = setup()
    const next = A.change(remote, (d) => (d.objects.a = { n: 1 }))
    expect(gate.inbound('reader', 'data', syncMessage(next, [A.getLastLocalChange(next)!]))).toBe(false)
    expect(gate.inbound('outsider', 'data', syncMessage(next, [A.getLastLocalChange(next)!]))).toBe(false)
    expect(handle.doc().objects.a).toBeUndefined()
    expect(applied()).toBe(0)
    expect(gate.refused).toBe(2)
  })

  it('a change nested deeper than the read model reads is refused and not applied', () => {
    const { handle, gate, remote, applied } = setup()
    const next = A.change(remote, (d) => {
      d.objects.deep = {}
      let at = d.objects.deep as Record<string, unknown>
      for (let i = 0; i < 80; i++) {
        at.x = {}
        at = at.x as Record<string, unknown>
      }
    })
    expect(gate.inbound('writer', 'data', syncMessage(next, [A.getLastLocalChange(next)!]))).toBe(false)
    expect(handle.doc().objects.deep).toBeUndefined()
    expect(applied()).toBe(0)
  })

  it('messages that wait for the chain are applied once admitted, and only if admitted', async () => {
    let known: readonly Member[] = []
    const { handle, gate, remote, applied } = setup(() => known)
    const next = A.change(remote, (d) => (d.objects.a = { n: 1 }))
    const fromWriter = gate.inbound('writer', 'data', syncMessage(next, [A.getLastLocalChange(next)!]))
    const other = A.change(A.clone(handle.doc(), { actor: 'cd'.repeat(16) }), (d) => (d.objects.r = { n: 2 }))
    const fromReader = gate.inbound('reader', 'data', syncMessage(other, [A.getLastLocalChange(other)!]))
    expect(fromWriter).toBeInstanceOf(Promise)
    expect(fromReader).toBeInstanceOf(Promise)
    expect(applied()).toBe(0) // nothing while waiting
    known = members
    expect(await fromWriter).toBe(true)
    expect(await fromReader).toBe(false)
    expect(applied()).toBe(1)
    expect(handle.doc().objects).toEqual({ a: { n: 1 } })
    expect(gate.refused).toBe(1)
  })

  it('a change whose dependencies the document lacks is left to the sync round', () => {
    const { handle, gate, remote, applied } = setup()
    const first = A.change(remote, (d) => (d.objects.a = { n: 1 }))
    const second = A.change(first, (d) => (d.objects.b = { n: 2 }))
    // Only the second change: its dependency (the first) is missing here.
    expect(gate.inbound('writer', 'data', syncMessage(second, [A.getLastLocalChange(second)!]))).toBe(true)
    expect(applied()).toBe(0)
    expect(handle.doc().objects.b).toBeUndefined()
    // Both, in order: applied together.
    const both = A.getChanges(handle.doc(), second)
    expect(gate.inbound('writer', 'data', syncMessage(second, both))).toBe(true)
    expect(applied()).toBe(2)
    expect(handle.doc().objects).toEqual({ a: { n: 1 }, b: { n: 2 } })
  })

  it('an empty copy loads an admitted whole-document chunk at once; a reader\'s chunk is refused and not loaded', async () => {
    // The whole document as a peer with nothing is sent it: one compressed chunk.
    const source = A.change(A.from<Doc>({ objects: {} }), (d) => {
      for (let i = 0; i < 50; i++) d.objects[`o${i}`] = { n: i }
    })
    const [, request] = A.generateSyncMessage(A.init<Doc>(), A.initSyncState())
    const [, theirs] = A.receiveSyncMessage(A.clone(source), A.initSyncState(), request!)
    const [, full] = A.generateSyncMessage(source, theirs)
    const chunk = A.decodeSyncMessage(full!).changes
    expect(chunk).toHaveLength(1)
    expect(() => A.decodeChange(chunk[0]!)).toThrow() // a document chunk, not a change

    for (const who of ['reader', 'writer'] as const) {
      const repo = new Repo({ network: [] })
      repos.push(repo)
      // A copy that has nothing: the Repo is asking the network for it.
      const handle = repo.findWithProgress<Doc>(generateAutomergeUrl() as AutomergeUrl).handle
      await new Promise((r) => setTimeout(r, 50))
      expect(handle.inState(['requesting', 'unavailable'])).toBe(true)
      const gate = new SpaceGate({
        spaceId: 'space',
        closed: () => false,
        members: () => members,
        controlDoc: () => undefined,
        admittedChanges: (changes) => void applyAhead(handle, changes),
      })
      const message = { type: 'sync', senderId: 'peer-1', targetId: 'me', documentId: handle.documentId, data: full! }
      if (who === 'reader') {
        expect(gate.inbound('reader', 'data', message)).toBe(false)
        expect(gate.refused).toBe(1)
        expect(handle.isReady()).toBe(false)
      } else {
        expect(gate.inbound('writer', 'data', message)).toBe(true)
        expect(handle.isReady()).toBe(true)
        expect(Object.keys(handle.doc().objects)).toHaveLength(50)
        expect(A.getHeads(handle.doc())).toEqual(A.getHeads(source))
      }
    }
  })
})
