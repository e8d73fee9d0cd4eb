import { memo, useState, type FormEvent } from 'react'
import { EchoProvider, buttonStyle, useQuery, useSpace, type Client, type EchoObject } from '../../../src/index.ts'

type Task = { '@type': 'task'; title: string; done: boolean }

async function seed(client: Client) {
  await client.createIdentity({ displayName: 'Ada' })
  const space = client.defaultSpace! // the identity's personal space
  for (const title of ['Water the plants', 'Buy milk', 'Call Bob']) space.db.add({ '@type': 'task', title, done: false })
}

export function TaskListExample() {
  return (
    <EchoProvider config={{ storage: 'memory', name: 'docs-usequery', broadcast: false }} onReady={seed} fallback={<p>Starting…</p>}>
      <Tasks />
    </EchoProvider>
  )
}

function Tasks() {
  const space = useSpace() // no id: the personal space
  const [showDone, setShowDone] = useState(false)
  const [title, setTitle] = useState('')
  // An inline filter is fine: it is compared by content, not by identity.
  const tasks = useQuery<Task>(space, showDone ? { '@type': 'task' } : { '@type': 'task', done: false }, { sort: 'title' })

  const add = (event: FormEvent) => {
    event.preventDefault()
    if (!space || !title.trim()) return
    space.db.add({ '@type': 'task', title: title.trim(), done: false })
    setTitle('')
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: '0.75rem' }}>
      <label>
        <input type="checkbox" checked={showDone} onChange={(e) => setShowDone(e.target.checked)} /> Show done tasks
      </label>
      <ul aria-label="Tasks" style={{ margin: 0, paddingLeft: '1.25rem' }}>
        {tasks.map((task) => (
          <Row key={task['@id']} task={task} />
        ))}
      </ul>
      <form onSubmit={add} style={{ display: 'flex', gap: '0.5rem' }}>
        <input aria-label="New task" placeholder="New task" value={title} onChange={(e) => setTitle(e.target.value)} style={{ padding: '0.45em 0.6em' }} />
        <button type="submit" style={buttonStyle}>
          Add
        </button>
      </form>
      <p style={{ margin: 0 }}>{tasks.length === 1 ? '1 task shown' : `${tasks.length} tasks shown`}</p>
    </div>
  )
}

// Read fields in render, write them in handlers. Only the row whose task changed re-renders.
const Row = memo(function Row({ task }: { task: EchoObject<Task> }) {
  return (
    <li>
      <label>
        <input type="checkbox" checked={task.done} onChange={() => (task.done = !task.done)} /> {task.title}
      </label>
    </li>
  )
})
