import { useId, useState, type FormEvent } from 'react'
import { useQuery, type Space } from '../../src/index.ts'
import { addTask, Person, Task } from '../model.ts'
import { CheckIcon, PlusIcon } from './icons.tsx'
import { InviteButton, MembersPanel } from './MembersPanel.tsx'
import { PeoplePanel } from './PeoplePanel.tsx'
import { TaskRow } from './TaskRow.tsx'

type Filter = 'all' | 'open' | 'done'

export function Board({ space }: { space: Space }) {
  const tasks = useQuery(space, Task, {}, { sort: 'createdAt' })
  const people = useQuery(space, Person, {}, { sort: 'name' })
  const [filter, setFilter] = useState<Filter>('all')
  const reasonId = useId()

  const done = tasks.filter((t) => t.done).length
  const open = tasks.length - done
  const visible = filter === 'all' ? tasks : tasks.filter((t) => (filter === 'done' ? t.done : !t.done))
  const progress = tasks.length ? Math.round((done / tasks.length) * 100) : 0
  const name = space.name || 'Untitled space'
  const members = space.members.length

  if (space.status === 'loading') {
    return (
      <main id="board" className="board board--empty" tabIndex={-1}>
        <p className="muted" role="status">
          Loading this space…
        </p>
      </main>
    )
  }

  return (
    <main id="board" className="board" tabIndex={-1} aria-labelledby="board-title">
      <div className="board__head">
        <div className="board__title-block">
          <p className="eyebrow">
            {space.personal ? 'Personal space' : 'Space'} · {members > 1 ? `${members} members` : 'only you'}
          </p>
          <h1 className="board__title" id="board-title">
            {name}
          </h1>
        </div>
        <div className="board__actions">
          <div className="stats" role="group" aria-label="Task counts">
            <span className="stat">
              <strong>{open}</strong> open
            </span>
            <span className="stat stat--done">
              <strong>{done}</strong> done
            </span>
          </div>
          <InviteButton space={space} reasonId={reasonId} />
        </div>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Tasks done"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress}
        aria-valuetext={`${done} of ${tasks.length} tasks done`}
      >
        <span className="progress__bar" style={{ width: `${progress}%` }} />
      </div>

      <div className="board__grid">
        <section className="panel tasks-panel" aria-labelledby="tasks-heading">
          <h2 className="sr-only" id="tasks-heading">
            Tasks
          </h2>
          <NewTaskForm space={space} />
          {tasks.length > 0 && (
            <div className="toolbar">
              <div className="segmented" role="group" aria-label="Show tasks">
                {(['all', 'open', 'done'] as const).map((f) => (
                  <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
                    {f === 'all' ? 'All' : f === 'open' ? 'Open' : 'Done'}
                    <span className="segmented__count">{f === 'all' ? tasks.length : f === 'open' ? open : done}</span>
                  </button>
                ))}
              </div>
              {done > 0 && (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() => {
                    for (const t of tasks) if (t.done) space.db.remove(t)
                  }}
                >
                  Clear done
                </button>
              )}
            </div>
          )}
          {visible.length > 0 ? (
            <ul className="tasks" role="list" aria-label={`${filter === 'all' ? 'All' : filter === 'open' ? 'Open' : 'Done'} tasks`}>
              {visible.map((task) => (
                // A weak reference: the live person, or undefined once that person was deleted.
                <TaskRow key={task['@id']} task={task} assignee={task.assignee ?? undefined} people={people} space={space} />
              ))}
            </ul>
          ) : (
            <EmptyTasks filter={filter} total={tasks.length} />
          )}
        </section>
        <div className="board__side">
          <MembersPanel space={space} reasonId={reasonId} />
          <PeoplePanel space={space} people={people} tasks={tasks} />
        </div>
      </div>
    </main>
  )
}

function EmptyTasks({ filter, total }: { filter: Filter; total: number }) {
  if (total === 0) {
    return (
      <div className="empty">
        <span className="empty__icon" aria-hidden="true">
          <CheckIcon />
        </span>
        <p className="empty__title">No tasks yet</p>
        <p className="muted small">Add the first one above. Everything you type is saved on this device.</p>
      </div>
    )
  }
  return (
    <div className="empty empty--compact">
      <p className="muted">{filter === 'open' ? 'Nothing open. Nice work!' : 'Nothing done yet.'}</p>
    </div>
  )
}

function NewTaskForm({ space }: { space: Space }) {
  const [title, setTitle] = useState('')
  const inputId = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = title.trim()
    if (!trimmed) return
    addTask(space, trimmed)
    setTitle('')
  }
  return (
    <form className="new-task" onSubmit={submit}>
      <label className="sr-only" htmlFor={inputId}>
        New task
      </label>
      <input
        id={inputId}
        className="input"
        placeholder="Add a task…"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        maxLength={200}
        autoComplete="off"
        data-new-task=""
      />
      <button type="submit" className="btn btn--primary" disabled={!title.trim()}>
        <PlusIcon />
        <span>Add task</span>
      </button>
    </form>
  )
}
