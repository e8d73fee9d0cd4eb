import type { FormEvent } from 'react'
import { z } from 'zod'
import { EchoProvider, buttonStyle, defineType, isEchoError, useQuery, useSpace, type Client } from '../../../src/index.ts'

// With zod: the type's schema checks every write (a wrong value throws INVALID_VALUE and
// writes nothing), results are typed, and filter/sort keys are checked by the compiler.
const Task = defineType('task', z.object({ title: z.string().min(1, 'a task needs a title'), done: z.boolean() }))

async function seed(client: Client) {
  await client.createIdentity({ displayName: 'Ada' })
  for (const title of ['Water the plants', 'Buy milk']) client.defaultSpace!.db.add(Task, { title, done: false })
}

export function TypedTasksZod() {
  return (
    <EchoProvider config={{ storage: 'memory', name: 'docs-typed-zod', broadcast: false }} onReady={seed} fallback={<p>Starting…</p>}>
      <Tasks />
    </EchoProvider>
  )
}

function Tasks() {
  const space = useSpace()
  const tasks = useQuery(space, Task, {}, { sort: 'title' }) // sort: 'titel' would not compile
  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const input = event.currentTarget.elements.namedItem('title') as HTMLInputElement
    try {
      space?.db.add(Task, { title: input.value.trim(), done: false })
      input.setCustomValidity('')
      input.value = ''
    } catch (error) {
      // "db.add(task): 'title': a task needs a title"
      if (isEchoError(error)) input.setCustomValidity(error.message)
      input.reportValidity()
    }
  }
  return (
    <form onSubmit={add} aria-label="Tasks with zod" style={{ display: 'flex', flexDirection: 'column', gap: '0.5rem' }}>
      <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
        {tasks.map((task) => (
          <li key={task['@id']}>
            <label>
              <input type="checkbox" checked={task.done} onChange={() => (task.done = !task.done)} /> {task.title}
            </label>
          </li>
        ))}
      </ul>
      <span style={{ display: 'flex', gap: '0.5rem' }}>
        <input name="title" aria-label="New task (zod)" placeholder="New task" onInput={(e) => e.currentTarget.setCustomValidity('')} style={{ padding: '0.45em 0.6em' }} />
        <button type="submit" style={buttonStyle}>Add</button>
      </span>
    </form>
  )
}
