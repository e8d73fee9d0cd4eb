import { version } from 'react'
import { InvitationDialog, JoinDialog, useQuery, useSpace, useSpaces } from 'echo-kit'

type Task = { '@type': 'task'; title: string; done: boolean }

export function App() {
  const spaces = useSpaces()
  const space = useSpace(spaces.find((s) => !s.personal)?.id ?? '')
  const tasks = useQuery<Task>(space, { '@type': 'task' }, { sort: 'title' })
  if (!space) return <p>No space yet</p>
  return (
    <main>
      <h1 data-testid="ready">
        {space.name} on React {version}
      </h1>
      <button type="button" onClick={() => space.db.add({ '@type': 'task', title: `Task ${tasks.length + 1}`, done: false })}>
        Add
      </button>
      <ul>
        {tasks.map((task) => (
          <li key={task['@id']}>
            <label>
              <input type="checkbox" checked={task.done} onChange={() => (task.done = !task.done)} />
              {task.title}
            </label>
            <button type="button" onClick={() => space.db.remove(task)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <InvitationDialog space={space} trigger="Invite" />
      <JoinDialog trigger="Join" onJoined={(joined) => console.log('joined', joined.id)} />
    </main>
  )
}
