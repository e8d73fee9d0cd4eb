import { afterEach, describe, expect, it } from 'vitest'
import { createClient, isEchoError, MAX_UNDO_STEPS, text, type Client, type EchoObject, type Space } from '../../src/core.ts'
import { linkClients } from '../../src/testing/index.ts'
import { seededRandom } from '../convergence/convergenceScenario.ts'
import { eventually } from './helpers.ts'

const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close()
})

async function client(displayName: string) {
  const c = await createClient({ storage: 'memory', signaling: false, broadcast: false, name: displayName })
  await c.createIdentity({ displayName })
  clients.push(c)
  return c
}

/** Ada's space, opened by Bob (with `role`) over an in-memory link. */
async function twoPeers(role: 'editor' | 'reader' = 'editor') {
  const [ada, bob] = [await client('Ada'), await client('Bob')]
  const space = await ada.createSpace({ name: 'Undo' })
  await space.admit({ identityKey: bob.identity!.identityKey, role })
  const link = linkClients(ada, bob)
  const remote = await bob.openSpace(space.address, { timeout: 10_000 })
  return { ada, bob, space, remote, link }
}

async function oneSpace(): Promise<Space> {
  return (await client('Solo')).createSpace({ name: 'Solo' })
}

/** Lets the write queue commit the current task (the end of a task closes an undo step). */
const tick = () => new Promise((r) => setTimeout(r, 0))

describe('db.undo / db.redo on one device', () => {
  it('undoes and redoes a field write, restoring the value it overwrote', async () => {
    const space = await oneSpace()
    const task = space.db.add({ title: 'Buy milk', done: false })
    await tick()
    task.title = 'Buy oat milk'
    await tick()
    expect(space.db.undo()).toEqual({ done: true, applied: 1, skipped: 0 })
    expect(task.title).toBe('Buy milk')
    expect(space.db.history.getSnapshot()).toMatchObject({ canUndo: true, canRedo: true, undoSteps: 1, redoSteps: 1 })
    expect([space.db.canUndo, space.db.canRedo]).toEqual([true, true])
    expect(space.db.redo()).toEqual({ done: true, applied: 1, skipped: 0 })
    expect(task.title).toBe('Buy oat milk')
    // The undo went through Automerge, not just the read model.
    await space.db.flush()
    expect(space.db.query({ title: 'Buy oat milk' }).objects).toHaveLength(1)
  })

  it('a new field is deleted again, a deleted field comes back', async () => {
    const space = await oneSpace()
    const task = space.db.add({ title: 'x', note: 'keep' }) as EchoObject
    await tick()
    task.priority = 1
    await tick()
    delete task.note
    await tick()
    space.db.undo()
    expect(task.note).toBe('keep')
    space.db.undo()
    expect('priority' in task).toBe(false)
    expect(Object.keys(space.db.snapshotOf(task['@id'])!).sort()).toEqual(['@meta', 'note', 'title'])
  })

  it('undoes an add (the object leaves queries) and redo brings it back with the same id', async () => {
    const space = await oneSpace()
    const task = space.db.add({ '@type': 'task', title: 'one', tags: ['a'] })
    const id = task['@id']
    await tick()
    const q = space.db.query({ '@type': 'task' })
    expect(q.objects).toHaveLength(1)
    expect(space.db.undo().applied).toBe(1)
    expect(space.db.get(id)).toBeUndefined()
    expect(q.objects).toHaveLength(0)
    space.db.redo()
    expect(space.db.get(id)?.title).toBe('one')
    expect(q.objects.map((o) => o['@id'])).toEqual([id])
  })

  it('undoes a remove: same id, same content, text fields still collaborative', async () => {
    const space = await oneSpace()
    const note = space.db.add({ '@type': 'note', title: 'plain', body: text('Hello'), nested: { list: [1, { x: 'y' }] } })
    const id = note['@id']
    const meta = JSON.parse(JSON.stringify(note['@meta']))
    await tick()
    space.db.remove(note)
    await tick()
    expect(space.db.get(id)).toBeUndefined()
    space.db.undo()
    const back = space.db.get(id)!
    expect(back).toBeDefined()
    // Its @meta (creation time, author) comes back too: the object keeps its place in queries.
    expect(JSON.parse(JSON.stringify(back))).toEqual({ '@id': id, '@meta': meta, '@type': 'note', body: 'Hello', nested: { list: [1, { x: 'y' }] }, title: 'plain' })
    // Still collaborative text: a cursor can be taken on it (atomic strings have none).
    const body = space.db.text(id, 'body')
    const caret = body.cursor(5)
    body.splice(0, 0, '> ')
    expect(body.position(caret)).toBe(7)
    expect(space.db.stats().unresolvedCursors).toBe(0)
  })

  it('one step per task: writes of one task go back together, separate tasks one by one', async () => {
    const space = await oneSpace()
    const a = space.db.add({ n: 0 }) as EchoObject
    await tick()
    a.n = 1
    a.label = 'one'
    space.db.add({ other: true })
    await tick()
    a.n = 2
    await tick()
    space.db.undo()
    expect(a.n).toBe(1)
    expect(space.db.size).toBe(2)
    space.db.undo()
    expect(a.n).toBe(0)
    expect('label' in a).toBe(false)
    expect(space.db.size).toBe(1)
    expect(space.db.history.getSnapshot()).toMatchObject({ undoSteps: 1, redoSteps: 2 })
  })

  it('a new write clears the redo stack; undo with nothing left reports done: false', async () => {
    const space = await oneSpace()
    const a = space.db.add({ n: 0 })
    await tick()
    a.n = 1
    await tick()
    space.db.undo()
    expect(space.db.history.getSnapshot().canRedo).toBe(true)
    // Written in the same task as the next undo: it still counts as a new write.
    a.n = 5
    expect(space.db.history.getSnapshot().canRedo).toBe(true)
    space.db.flush()
    expect(space.db.history.getSnapshot().canRedo).toBe(false)
    expect(space.db.redo()).toEqual({ done: false, applied: 0, skipped: 0 })
    expect(a.n).toBe(5)
    space.db.undo()
    space.db.undo()
    expect(space.db.size).toBe(0)
    expect(space.db.undo()).toEqual({ done: false, applied: 0, skipped: 0 })
  })

  it('text edits undo as inverse splices and redo', async () => {
    const space = await oneSpace()
    const note = space.db.add({ body: text('Hello world') })
    await tick()
    const body = space.db.text(note, 'body')
    body.splice(5, 6, ', echo')
    await tick()
    body.splice(0, 0, '>> ')
    await tick()
    expect(note.body).toBe('>> Hello, echo')
    space.db.undo()
    expect(note.body).toBe('Hello, echo')
    space.db.undo()
    expect(note.body).toBe('Hello world')
    space.db.redo()
    space.db.redo()
    expect(note.body).toBe('>> Hello, echo')
    // Assigning a string to a text field is a character diff, and undoes like one.
    note.body = 'Hi, echo'
    await tick()
    space.db.undo()
    expect(note.body).toBe('>> Hello, echo')
  })

  it('keeps the latest MAX_UNDO_STEPS steps', async () => {
    const space = await oneSpace()
    const a = space.db.add({ n: 0 })
    await tick()
    for (let i = 1; i <= MAX_UNDO_STEPS + 5; i++) {
      a.n = i
      await tick() // each task one step
    }
    expect(space.db.history.getSnapshot().undoSteps).toBe(MAX_UNDO_STEPS)
    while (space.db.undo().done);
    // The add and the first five writes fell off the bottom.
    expect(a.n).toBe(5)
  })

  it('scoped undo takes back the latest step of that field only', async () => {
    const space = await oneSpace()
    const note = space.db.add({ title: 't0', body: text('') })
    const other = space.db.add({ n: 0 })
    await tick()
    space.db.text(note, 'body').splice(0, 0, 'abc')
    await tick()
    note.title = 't1'
    await tick()
    other.n = 1
    await tick()
    expect(space.db.undo({ object: note, field: 'body' }).applied).toBe(1)
    expect(note.body).toBe('')
    expect(note.title).toBe('t1')
    expect(other.n).toBe(1)
    expect(space.db.undo({ object: note['@id'], field: 'body' }).done).toBe(false)
    expect(space.db.redo({ object: note, field: 'body' }).applied).toBe(1)
    expect(note.body).toBe('abc')
  })

  it('a task that commits mid-way (text edit, flush) is still one step', async () => {
    const space = await oneSpace()
    const note = space.db.add({ title: 'a', body: text('x') }) as EchoObject
    await tick()
    note.title = 'b'
    space.db.text(note, 'body').splice(1, 0, 'y') // commits at once
    note.title = 'c'
    space.db.flush() // commits at once
    note.extra = true
    await tick()
    expect(space.db.history.getSnapshot().undoSteps).toBe(2)
    expect(space.db.undo()).toEqual({ done: true, applied: 3, skipped: 0 })
    expect(JSON.parse(JSON.stringify(note))).toEqual({ '@id': note['@id'], '@meta': JSON.parse(JSON.stringify(note['@meta'])), title: 'a', body: 'x' })
  })

  it('nested writes, array operations and references undo as a write of their top-level field', async () => {
    const space = await oneSpace()
    const ada = space.db.add({ name: 'Ada' })
    const task = space.db.add({ address: { city: 'Paris', zip: '75001' }, tags: ['a'] }) as EchoObject
    await tick()
    ;(task.address as { city: string }).city = 'Lyon'
    await tick()
    ;(task.tags as string[]).push('b', 'c')
    await tick()
    task.owner = ada
    await tick()
    space.db.undo()
    expect(task.owner).toBeUndefined()
    space.db.redo()
    expect((task.owner as EchoObject).name).toBe('Ada')
    space.db.undo()
    space.db.undo()
    expect([...(task.tags as string[])]).toEqual(['a'])
    space.db.undo()
    expect(task.address).toEqual({ city: 'Paris', zip: '75001' })
  })

  it('each space has its own stack', async () => {
    const c = await client('Multi')
    const [one, two] = [await c.createSpace({ name: 'one' }), await c.createSpace({ name: 'two' })]
    one.db.add({ in: 'one' })
    two.db.add({ in: 'two' })
    await tick()
    expect(two.db.undo().applied).toBe(1)
    expect(two.db.size).toBe(0)
    expect(one.db.size).toBe(1)
    expect(one.db.history.getSnapshot()).toMatchObject({ undoSteps: 1, redoSteps: 0 })
  })

  it('undo after the space was left throws CLOSED', async () => {
    const space = await oneSpace()
    space.db.add({ n: 1 })
    await tick()
    await space.leave()
    expect(() => space.db.undo()).toThrow(/closed/)
  })

  it('history notifies its subscribers', async () => {
    const space = await oneSpace()
    const seen: boolean[] = []
    space.db.history.subscribe(() => seen.push(space.db.history.getSnapshot().canUndo))
    space.db.add({ n: 0 })
    await tick()
    space.db.undo()
    expect(seen).toEqual([true, false])
  })
})

describe('undo with other peers', () => {
  it('remote changes never enter the stack; an undo syncs like any write', async () => {
    const { space, remote } = await twoPeers()
    const theirs = remote.db.add({ from: 'bob' })
    await eventually(() => space.db.get(theirs['@id']))
    expect(space.db.history.getSnapshot().canUndo).toBe(false)
    expect(space.db.undo().done).toBe(false)
    const mine = space.db.add({ from: 'ada', n: 1 })
    await eventually(() => remote.db.get(mine['@id']))
    mine.n = 2
    await eventually(() => remote.db.get(mine['@id'])?.n === 2)
    space.db.undo()
    await eventually(() => remote.db.get(mine['@id'])?.n === 1)
    space.db.undo()
    await eventually(() => remote.db.get(mine['@id']) === undefined)
    expect(remote.db.get(theirs['@id'])).toBeDefined()
  })

  it('a field someone else changed since is skipped and reported; other parts of the step still undo', async () => {
    const { space, remote } = await twoPeers()
    const task = space.db.add({ title: 'a', done: false })
    await eventually(() => remote.db.get(task['@id']))
    task.title = 'mine'
    task.done = true
    await eventually(() => remote.db.get(task['@id'])?.title === 'mine')
    remote.db.get(task['@id'])!.title = 'theirs'
    await eventually(() => task.title === 'theirs')
    expect(space.db.undo()).toEqual({ done: true, applied: 1, skipped: 1 })
    expect(task.title).toBe('theirs')
    expect(task.done).toBe(false)
    await eventually(() => remote.db.get(task['@id'])?.done === false)
    // Redo takes again only what the undo did.
    expect(space.db.redo()).toEqual({ done: true, applied: 1, skipped: 0 })
    expect(task).toMatchObject({ title: 'theirs', done: true })
  })

  it('text undo survives concurrent edits around it, and skips an insert someone edited inside', async () => {
    const { space, remote, link } = await twoPeers()
    const note = space.db.add({ body: text('The fox') })
    await eventually(() => remote.db.get(note['@id']))
    link.cut()
    space.db.text(note, 'body').splice(4, 0, 'quick ')
    remote.db.text(note['@id'], 'body').splice(0, 0, 'See: ')
    remote.db.text(note['@id'], 'body').splice(12, 0, ' jumps')
    link.restore()
    await eventually(() => note.body === 'See: The quick fox jumps' && remote.db.get(note['@id'])!.body === note.body)
    expect(space.db.undo()).toEqual({ done: true, applied: 1, skipped: 0 })
    expect(note.body).toBe('See: The fox jumps')
    await eventually(() => remote.db.get(note['@id'])!.body === 'See: The fox jumps')
    space.db.redo()
    await eventually(() => remote.db.get(note['@id'])!.body === 'See: The quick fox jumps')
    // Bob edits inside Ada's (redone) insert: Ada's undo leaves his edit alone.
    const bobBody = remote.db.text(note['@id'], 'body')
    bobBody.splice(bobBody.value.indexOf('quick') + 5, 0, 'est')
    await eventually(() => note.body === 'See: The quickest fox jumps')
    expect(space.db.undo()).toEqual({ done: true, applied: 0, skipped: 1 })
    expect(note.body).toBe('See: The quickest fox jumps')
  })

  it('undo of a deleted text passage puts it back at its place after remote edits', async () => {
    const { space, remote } = await twoPeers()
    const note = space.db.add({ body: text('one two three') })
    await eventually(() => remote.db.get(note['@id']))
    space.db.text(note, 'body').splice(3, 4, '')
    await eventually(() => remote.db.get(note['@id'])!.body === 'one three')
    remote.db.text(note['@id'], 'body').splice(0, 0, 'zero ')
    await eventually(() => note.body === 'zero one three')
    space.db.undo()
    expect(note.body).toBe('zero one two three')
  })

  it('undo of a remove that raced a remote edit, and of an add the other peer edited', async () => {
    const { space, remote } = await twoPeers()
    const task = space.db.add({ title: 'x' })
    await eventually(() => remote.db.get(task['@id']))
    remote.db.get(task['@id'])!.title = 'edited by bob'
    await eventually(() => task.title === 'edited by bob')
    // Undo of the add removes it, Bob's edit included; redo brings it back as it was removed.
    space.db.undo()
    await eventually(() => remote.db.get(task['@id']) === undefined)
    space.db.redo()
    await eventually(() => remote.db.get(task['@id'])?.title === 'edited by bob')
    // Bob removes it; Ada's undo of her add has nothing to remove: skipped.
    remote.db.remove(task['@id'])
    await eventually(() => space.db.get(task['@id']) === undefined)
    expect(space.db.undo()).toEqual({ done: true, applied: 0, skipped: 1 })
  })

  it('random writes, undos and redos on both sides of a flaky link converge', async () => {
    const { space, remote, link } = await twoPeers()
    const rnd = seededRandom(16)
    const sides = [space, remote]
    let up = true
    const counts = { undo: 0, redo: 0, skipped: 0 }
    for (let i = 0; i < 120; i++) {
      const db = rnd.pick(sides).db
      const objects = db.query().objects
      const roll = rnd.int(10)
      if (roll === 0 || !objects.length) db.add({ k: i, body: text('ab') })
      else if (roll <= 3) rnd.pick(objects).k = i
      else if (roll === 4) db.text(rnd.pick(objects), 'body').splice(rnd.int(3), rnd.int(2), `${i}`)
      else if (roll === 5 && objects.length > 2) db.remove(rnd.pick(objects))
      else if (roll <= 8) {
        const r = db.undo()
        if (r.done) counts.undo++
        counts.skipped += r.skipped
      } else if (db.redo().done) counts.redo++
      if (rnd.chance(0.1)) {
        if (up) link.cut()
        else link.restore()
        up = !up
      }
      await tick()
    }
    if (!up) link.restore()
    const dump = (s: Space) => JSON.stringify(s.db.query({}, { sort: 'k' }).objects)
    await eventually(() => dump(space) === dump(remote))
    expect(counts.undo).toBeGreaterThan(10)
    expect(counts.redo).toBeGreaterThan(3)
    expect(counts.skipped).toBeGreaterThan(0) // concurrent edits did hit the skip rule
    expect(space.db.stats().unrecordedUndoSteps + remote.db.stats().unrecordedUndoSteps).toBe(0)
  })

  it('readers cannot undo: FORBIDDEN like every write', async () => {
    const { remote } = await twoPeers('reader')
    let error: unknown
    try {
      remote.db.undo()
    } catch (e) {
      error = e
    }
    expect(isEchoError(error, 'FORBIDDEN')).toBe(true)
    expect(() => remote.db.redo()).toThrow(/may not write/)
  })

  it('an editor demoted to reader can no longer undo what they wrote', async () => {
    const { space, remote, bob } = await twoPeers()
    const mine = remote.db.add({ n: 1 }) as EchoObject
    await eventually(() => space.db.get(mine['@id']))
    expect(remote.db.history.getSnapshot().canUndo).toBe(true)
    await space.setRole(bob.identity!.identityKey, 'reader')
    await eventually(() => remote.role === 'reader')
    expect(() => remote.db.undo()).toThrow(/may not write/)
    expect(space.db.get(mine['@id'])).toBeDefined()
  })
})
