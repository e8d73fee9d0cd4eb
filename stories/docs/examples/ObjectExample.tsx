import { useId, useState } from 'react'
import { EchoProvider, buttonStyle, primaryButtonStyle, useObject, useQuery, useSpace, type Client, type EchoObject, type Space } from '../../../src/index.ts'

type Task = { '@type': 'task'; title: string; done: boolean }

async function seed(client: Client) {
  await client.createIdentity({ displayName: 'Ada' })
  const space = client.defaultSpace!
  for (const title of ['Buy milk', 'Call Bob', 'Water the plants']) space.db.add({ '@type': 'task', title, done: false })
}

export function ObjectExample() {
  return (
    <EchoProvider config={{ storage: 'memory', name: 'docs-useobject', broadcast: false }} onReady={seed} fallback={<p>Starting…</p>}>
      <Inbox />
    </EchoProvider>
  )
}

function Inbox() {
  const space = useSpace()
  const tasks = useQuery<Task>(space, { '@type': 'task' }, { sort: 'title' })
  const [selected, setSelected] = useState<string | undefined>()
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(14rem, 1fr))', gap: '1.25rem' }}>
      <ul aria-label="Tasks" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '0.35rem' }}>
        {tasks.map((task) => (
          <li key={task['@id']}>
            <button type="button" aria-pressed={selected === task['@id']} onClick={() => setSelected(task['@id'])} style={selected === task['@id'] ? primaryButtonStyle : buttonStyle}>
              {task.title || 'Untitled'}
            </button>
          </li>
        ))}
      </ul>
      <Details space={space} id={selected} />
    </div>
  )
}

// One object by id: re-renders only when a field it read changes, undefined once it is gone.
function Details({ space, id }: { space: Space | undefined; id: string | undefined }) {
  const task = useObject<Task>(space, id)
  if (!id) return <p style={{ margin: 0 }}>Select a task to edit it.</p>
  if (!task) return <p style={{ margin: 0 }}>This task no longer exists (removed here or by a peer).</p>
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: '0.75rem', alignItems: 'flex-start' }}>
      <Rename key={id} task={task} />
      <label>
        <input type="checkbox" checked={task.done} onChange={() => (task.done = !task.done)} /> Done
      </label>
      <button type="button" style={buttonStyle} onClick={() => space?.db.remove(task)}>
        Remove this task
      </button>
    </div>
  )
}

// A draft in local state, written to the object on submit (one change for peers, not one per key).
function Rename({ task }: { task: EchoObject<Task> }) {
  const [draft, setDraft] = useState(task.title)
  const id = useId()
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        task.title = draft.trim() || task.title
      }}
      style={{ display: 'flex', flexDirection: 'column', gap: '0.35rem' }}
    >
      <label htmlFor={id}>Title</label>
      <div style={{ display: 'flex', gap: '0.5rem' }}>
        <input id={id} value={draft} onChange={(e) => setDraft(e.target.value)} style={{ padding: '0.45em 0.6em' }} />
        <button type="submit" style={buttonStyle}>
          Rename
        </button>
      </div>
    </form>
  )
}
