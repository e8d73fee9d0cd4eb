import * as A from '@automerge/automerge'
import { Repo, type DocHandle } from '@automerge/automerge-repo'
import { afterEach, describe, expect, it } from 'vitest'
import { createDatabase, text, type DataDoc, type EchoObject } from '../../src/core/data/index.ts'
import type { Member } from '../../src/core/identity/index.ts'
import { applyAhead } from '../../src/core/space/applyAhead.ts'
import { ShownAhead } from '../../src/core/space/ShownAhead.ts'
import { SpaceGate } from '../../src/core/space/SpaceGate.ts'

// A writer's admitted plain overwrite is shown in the read model at once and applied to the
// document in the next task (ShownAhead); the message reaches the Repo only after that. Nothing
// is shown for a refused message, for anything but a plain overwrite on top of our heads, and a
// local write made after seeing a shown value comes after it in the document's history.

const members: Member[] = [
  { identityKey: 'writer', role: 'editor' },
  { identityKey: 'reader', role: 'reader' },
]
const repos: Repo[] = []
afterEach(async () => {
  for (const r of repos.splice(0)) await r.shutdown()
})

const bucketOf = (id: string) => id.slice(0, 2)

function setup() {
  const repo = new Repo({ network: [] })
  repos.push(repo)
  const handle: DocHandle<DataDoc> = repo.create<DataDoc>({ objects: {} })
  let shown!: ShownAhead
  const { db, control } = createDatabase('s1', { beforeCommit: () => shown.flush() })
  control.attach(handle)
  shown = new ShownAhead({ handle: () => handle, show: (f) => control.showAhead(f), reconcile: (f) => control.reconcile(f) })
  const gate = new SpaceGate({
    spaceId: 'space',
    closed: () => false,
    members: () => members,
    controlDoc: () => undefined,
    admittedChanges: (changes, mayDefer) => (mayDefer && shown.show(changes)) || void applyAhead(handle, changes),
  })
  const task = db.add({ n: 0, done: false, title: text('a') }) as EchoObject<{ n: number; done: boolean; title: string }>
  control.commit()
  const id = task['@id']
  // The remote peer's copy: same history, then its own changes.
  const remote = () => A.clone(handle.doc(), { actor: 'ab'.repeat(16) })
  const edit = (doc: A.Doc<DataDoc>, fn: (o: Record<string, unknown>) => void) => {
    const next = A.change(doc, (d) => fn(d.objects[bucketOf(id)]![id]!))
    return { next, message: syncMessage(next, [A.getLastLocalChange(next)!]) }
  }
  const inDoc = () => handle.doc().objects[bucketOf(id)]![id]!
  return { handle, db, control, gate, shown, task, id, remote, edit, inDoc }
}

function syncMessage(doc: A.Doc<DataDoc>, changes: Uint8Array[]) {
  const data = A.encodeSyncMessage({ heads: A.getHeads(doc), need: [], have: [], changes })
  return { type: 'sync', senderId: 'peer-1', targetId: 'me', documentId: 'data-doc', data }
}

describe('plain overwrites shown before Automerge applies them (ShownAhead)', () => {
  it("a writer's overwrite is visible at once; the document and the Repo get it in the next task", async () => {
    const { db, gate, shown, id, remote, edit, inDoc } = setup()
    const { message } = edit(remote(), (o) => {
      o.n = 5
      o.done = true
    })
    const heard: unknown[] = []
    db.subscribeObject(id, () => heard.push(db.get(id)?.n))
    const verdict = gate.inbound('writer', 'data', message)
    expect(verdict).toBeInstanceOf(Promise)
    expect(db.get(id)).toMatchObject({ n: 5, done: true })
    expect(heard).toEqual([5])
    expect(inDoc().n).toBe(0) // not in the document yet
    expect(shown.shown).toBe(1)
    expect(await verdict).toBe(true)
    expect(inDoc()).toMatchObject({ n: 5, done: true })
    expect(db.get(id)).toMatchObject({ n: 5, done: true })
    expect(heard).toEqual([5]) // no second notification: the document holds what was shown
  })

  it("a reader's overwrite is refused: nothing shown, nothing applied", () => {
    const { db, gate, shown, id, remote, edit, inDoc } = setup()
    const { message } = edit(remote(), (o) => (o.n = 5))
    expect(gate.inbound('reader', 'data', message)).toBe(false)
    expect(db.get(id)?.n).toBe(0)
    expect(inDoc().n).toBe(0)
    expect(shown.shown).toBe(0)
  })

  it('anything but a plain overwrite on top of our heads takes the ordinary path (applied ahead, delivered at once)', () => {
    const { db, gate, shown, id, remote, edit, inDoc } = setup()
    const cases: ((o: Record<string, unknown>) => void)[] = [
      (o) => (o.added = 1), // a new field
      (o) => A.updateText(o as never, ['title'], 'b'), // text
      (o) => (o.n = new A.ImmutableString('x')), // not a number, boolean or null
      (o) => (o.nested = { x: 1 }), // an object
    ]
    for (const fn of cases) {
      const base = remote()
      const { message } = edit(base, (o) => {
        if (fn === cases[1]) o.title = 'a'
        fn(o)
      })
      const verdict = gate.inbound('writer', 'data', message)
      expect(verdict).toBe(true)
    }
    expect(shown.shown).toBe(0)
    expect(inDoc().added).toBe(1)
    expect(db.get(id)?.added).toBe(1)
  })

  it('a change concurrent with ours is not shown (it may not win)', () => {
    const { db, gate, shown, id, remote, edit, control, task, inDoc } = setup()
    const base = remote()
    task.n = 7 // our change, which the remote copy has not seen
    control.commit()
    const { message } = edit(base, (o) => (o.n = 5))
    expect(gate.inbound('writer', 'data', message)).toBe(true)
    expect(shown.shown).toBe(0)
    // Applied ahead at once: Automerge decided between the two; the read model holds exactly that.
    expect(A.getConflicts(inDoc() as never, 'n')).toBeDefined()
    expect(db.get(id)?.n).toBe(inDoc().n)
  })

  it('a local write made after seeing a shown value comes after it in the history', async () => {
    const { db, gate, handle, id, remote, edit, task, inDoc } = setup()
    const { next, message } = edit(remote(), (o) => (o.n = 5))
    const verdict = gate.inbound('writer', 'data', message)
    expect(db.get(id)?.n).toBe(5)
    task.n = 6 // committed at the end of this task, after the shown change is applied
    await Promise.resolve()
    await verdict
    expect(inDoc().n).toBe(6)
    expect(db.get(id)?.n).toBe(6)
    // Our change depends on the remote one: not concurrent, so ours wins on every peer.
    const ours = A.decodeChange(A.getLastLocalChange(handle.doc())!)
    expect(ours.deps).toEqual(expect.arrayContaining(A.getHeads(next)))
  })

  it('later data messages reach the Repo after the one shown ahead, in order', async () => {
    const { gate, remote, edit } = setup()
    const first = edit(remote(), (o) => (o.n = 1))
    const second = edit(first.next, (o) => (o.n = 2))
    const order: string[] = []
    const v1 = gate.inbound('writer', 'data', first.message)
    const v2 = gate.inbound('writer', 'data', second.message)
    const v3 = gate.inbound('writer', 'data', { type: 'sync', senderId: 'peer-1', targetId: 'me', documentId: 'data-doc', data: A.encodeSyncMessage({ heads: A.getHeads(second.next), need: [], have: [], changes: [] }) })
    expect(v1).toBeInstanceOf(Promise)
    expect(v2).toBeInstanceOf(Promise)
    expect(v3).toBeInstanceOf(Promise)
    for (const [name, v] of [['3', v3], ['2', v2], ['1', v1]] as const) void (v as Promise<boolean>).then(() => order.push(name))
    await Promise.all([v1, v2, v3])
    expect(order).toEqual(['1', '2', '3'])
  })
})

describe('text edits shown before Automerge applies them', () => {
  it('random typing and deleting: what is shown is exactly what the document holds after', async () => {
    const { db, gate, shown, id, remote, inDoc } = setup()
    let doc = remote()
    let seed = 7
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n)
    const chars = ['a', 'b', ' ', 'é', '😀', '\n']
    let mismatches = 0
    for (let step = 0; step < 150; step++) {
      const current = String(doc.objects[bucketOf(id)]![id]!.title)
      doc = A.change(doc, (d) => {
        const path = ['objects', bucketOf(id), id, 'title']
        const roll = rand(10)
        if (roll < 6 || current.length < 2) {
          // Typing: one or a few characters at a character boundary.
          const at = [...current].slice(0, rand([...current].length + 1)).join('').length
          A.splice(d, path, at, 0, Array.from({ length: 1 + rand(3) }, () => chars[rand(chars.length)]).join(''))
        } else {
          // Deleting one or two whole characters.
          const cps = [...current]
          const start = rand(cps.length - 1)
          const from = cps.slice(0, start).join('').length
          A.splice(d, path, from, cps.slice(start, start + 1 + rand(2)).join('').length)
        }
      })
      const verdict = gate.inbound('writer', 'data', syncMessage(doc, [A.getLastLocalChange(doc)!]))
      const seen = db.get(id)?.title
      await verdict
      if (seen !== inDoc().title || db.get(id)?.title !== inDoc().title) mismatches++
    }
    expect(mismatches).toBe(0)
    expect(shown.shown).toBeGreaterThan(100)
    expect(db.get(id)?.title).toBe(String(doc.objects[bucketOf(id)]![id]!.title))
  })

  it('a local write pending on the field: nothing shown (ours lands after the remote change)', async () => {
    const { db, gate, shown, id, remote, edit, task, inDoc } = setup()
    const { message } = edit(remote(), (o) => A.splice(o as never, ['title'], 1, 0, 'x'))
    task.n = 3 // pending until the end of this task
    const verdict = gate.inbound('writer', 'data', message)
    expect(verdict).toBe(true) // applied ahead at once instead
    expect(shown.shown).toBe(0)
    await verdict
    await Promise.resolve()
    expect(db.get(id)).toMatchObject({ title: 'ax', n: 3 })
    expect(inDoc()).toMatchObject({ title: 'ax', n: 3 })
  })
})
