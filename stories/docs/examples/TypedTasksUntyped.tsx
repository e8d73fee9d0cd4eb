import type { FormEvent } from 'react'
import { EchoProvider, buttonStyle, useQuery, useSpace, type Client } from '../../../src/index.ts'

// Untyped: `@type` is a string you filter on, fields are whatever you wrote. Simple, but a typo
// in a field name compiles, and nothing checks what peers wrote.
async function seed(client: Client) {
  await client.createIdentity({ displayName: 'Ada' })
  for (const title of ['Water the plants', 'Buy milk']) client.defaultSpace!.db.add({ '@type': 'task', title, done: false })
}

export function TypedTasksUntyped() {
  return (
    <EchoProvider config={{ storage: 'memory', name: 'docs-typed-untyped', broadcast: false }} onReady={seed} fallback={<p>Starting…</p>}>
      <Tasks />
    </EchoProvider>
  )
}

function Tasks() {
  const space = useSpace()
  const tasks = useQuery(space, { '@type': 'task' }, { sort: 'title' })
  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const input = event.currentTarget.elements.namedItem('title') as HTMLInputElement
    if (input.value.trim()) space?.db.add({ '@type': 'task', title: input.value.trim(), done: false })
    input.value = ''
  }
  return (
    <form onSubmit={add} aria-label="Untyped tasks" style={{ display: 'flex', flexDirection: 'column', gap: '0.5rem' }}>
      <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
        {tasks.map((task) => (
          <li key={task['@id']}>
            <label>
              {/* Fields are `unknown` here: cast, or declare a type. */}
              <input type="checkbox" checked={task.done === true} onChange={() => (task.done = !task.done)} /> {String(task.title)}
            </label>
          </li>
        ))}
      </ul>
      <span style={{ display: 'flex', gap: '0.5rem' }}>
        <input name="title" aria-label="New untyped task" placeholder="New task" style={{ padding: '0.45em 0.6em' }} />
        <button type="submit" style={buttonStyle}>Add</button>
      </span>
    </form>
  )
}
