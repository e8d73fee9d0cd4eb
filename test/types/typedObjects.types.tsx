// Compile-time claims of issue 13 (typed objects). Checked by `tsc --noEmit -p tsconfig.json`
// (the first step of `npm test`): every `@ts-expect-error` below must be an error, or tsc fails
// ("unused @ts-expect-error"); every expectTypeOf must hold. typeClaims.test.ts proves tsc
// checks this file by breaking one claim. Nothing here runs.
import * as v from 'valibot'
import { expectTypeOf } from 'vitest'
import { z } from 'zod'
import { defineType, ref, useObject, useQuery, type Database, type EchoObject, type ObjectOf, type Space } from '../../src/index.ts'

const Person = defineType('person', z.object({ name: z.string() }))
const Task = defineType('task', z.object({ title: z.string(), done: z.boolean(), assignee: ref(Person).optional() }))
const VPerson = defineType('person', v.object({ name: v.string() }))
const VTask = defineType('task', v.object({ title: v.string(), done: v.boolean(), assignee: v.optional(ref(VPerson)) }))

const Contact = defineType('contact', z.object({ name: z.string(), address: z.object({ city: z.string(), zip: z.number() }).optional(), tags: z.array(z.string()) }))

export function nestedPaths(db: Database) {
  db.query(Contact, { 'address.city': 'Oslo', 'address.zip': (zip) => zip > 1000 }, { sort: ['address.city', '-address.zip', 'name'] })
  // @ts-expect-error a typo in a nested filter key
  db.query(Contact, { 'address.ctiy': 'Oslo' })
  // @ts-expect-error a wrong value type at a nested path
  db.query(Contact, { 'address.zip': 'Oslo' })
  // @ts-expect-error a typo in a nested sort key
  db.query(Contact, {}, { sort: 'address.ctiy' })
  // @ts-expect-error arrays have no dotted paths here (use a predicate)
  db.query(Contact, { 'tags.length': 1 })
}

export function core(db: Database) {
  const ada = db.add(Person, { name: 'Ada' })
  const task = db.add(Task, { title: 'Buy milk', done: false, assignee: ada })
  expectTypeOf(task.title).toEqualTypeOf<string>()
  expectTypeOf(task.done).toEqualTypeOf<boolean>()
  expectTypeOf(task.assignee?.name).toEqualTypeOf<string | undefined>()
  expectTypeOf(task['@id']).toEqualTypeOf<string>()
  expectTypeOf(task['@meta'].createdAt).toEqualTypeOf<number | undefined>()
  expectTypeOf(task['@meta'].createdBy).toEqualTypeOf<string | undefined>()
  expectTypeOf(task).toEqualTypeOf<ObjectOf<typeof Task>>()
  // @ts-expect-error @meta is read-only
  task['@meta'] = {}
  // @ts-expect-error createdAt is read-only
  task['@meta'].createdAt = 1
  // @ts-expect-error a wrong field type in a write
  task.done = 'yes'

  // @ts-expect-error a wrong field type in add
  db.add(Task, { title: 1, done: false })
  // @ts-expect-error a required field missing in add
  db.add(Task, { title: 'x' })
  // @ts-expect-error a reference to the wrong type
  db.add(Task, { title: 'x', done: false, assignee: task })

  const open = db.query(Task, { done: false }, { sort: 'title' })
  expectTypeOf(open.objects).toEqualTypeOf<EchoObject<z.output<typeof Task.schema>>[]>()
  expectTypeOf(open.objects[0]!.assignee?.name).toEqualTypeOf<string | undefined>()
  db.query(Task, { assignee: ada, title: (t) => t.startsWith('B') }, { sort: ['-done', '@meta.createdAt'] })
  db.query(Task, (t) => t.title.length > 3, { sort: (a, b) => a.title.localeCompare(b.title), includeInvalid: true })
  // @ts-expect-error a typo in a filter key
  db.query(Task, { compleeted: false })
  // @ts-expect-error a wrong value type in a filter
  db.query(Task, { done: 'no' })
  // @ts-expect-error a typo in a sort key
  db.query(Task, {}, { sort: 'titel' })
  // @ts-expect-error a typo in a descending sort key
  db.query(Task, {}, { sort: ['-createdAtt'] })

  expectTypeOf(db.get('id', Task)).toEqualTypeOf<ObjectOf<typeof Task> | undefined>()
  expectTypeOf(db.get('id', Task)?.done).toEqualTypeOf<boolean | undefined>()

  const vtask = db.add(VTask, { title: 'v', done: false })
  expectTypeOf(vtask.title).toEqualTypeOf<string>()
  expectTypeOf(vtask.assignee?.name).toEqualTypeOf<string | undefined>()
  // @ts-expect-error valibot: a wrong field type in add
  db.add(VTask, { title: 'v', done: 'no' })
  // @ts-expect-error valibot: a typo in a filter key
  db.query(VTask, { titel: 'v' })
}

// Plain generics take interfaces (no index signature needed), as before for type aliases.
interface Note {
  '@type': 'note'
  body: string
}
export function plainGenerics(db: Database) {
  const note = db.add<Note>({ '@type': 'note', body: 'hi' })
  expectTypeOf(note.body).toEqualTypeOf<string>()
  expectTypeOf(db.query<Note>({ '@type': 'note' }).objects[0]!.body).toEqualTypeOf<string>()
  expectTypeOf(db.get<Note>('id')?.body).toEqualTypeOf<string | undefined>()
  // Untyped use is as loose as before.
  const any = db.add({ '@type': 'task', title: 'x' })
  expectTypeOf(any.title).toEqualTypeOf<string>()
  expectTypeOf(db.query({ '@type': 'task' }).objects[0]!.whatever).toEqualTypeOf<unknown>()
}

// React: the same types through the hooks.
export function Tasks({ space }: { space: Space | undefined }) {
  const tasks = useQuery(space, Task, { done: false }, { sort: 'title' })
  const notes = useQuery<Note>(space, { '@type': 'note' })
  expectTypeOf(notes[0]!.body).toEqualTypeOf<string>()
  useQuery(space, Contact, { 'address.zip': (zip) => zip > 1000 }, { sort: '-address.city' })
  // @ts-expect-error a typo in a useQuery filter key
  useQuery(space, Task, { compleeted: false })
  // @ts-expect-error a typo in a useQuery sort key
  useQuery(space, Task, {}, { sort: 'titel' })
  return (
    <ul>
      {tasks.map((task) => (
        <li key={task['@id']}>
          <input type="checkbox" checked={task.done} onChange={() => (task.done = !task.done)} />
          {task.title} {task.assignee?.name ?? 'nobody'}
        </li>
      ))}
    </ul>
  )
}

export function Row({ space, id }: { space: Space; id: string }) {
  const task = useObject(space, id, Task)
  expectTypeOf(task).toEqualTypeOf<ObjectOf<typeof Task> | undefined>()
  const loose = useObject(space, id)
  expectTypeOf(loose?.anything).toEqualTypeOf<unknown>()
  return task ? <input type="checkbox" checked={task.done} onChange={() => (task.done = !task.done)} /> : null
}
