import { useId, useState, type FormEvent } from 'react'
import type { Space } from '../../src/index.ts'
import { addPerson, type LivePerson, type LiveTask } from '../model.ts'
import { Avatar } from './Avatar.tsx'
import { PlusIcon, TrashIcon, UsersIcon } from './icons.tsx'

type Props = {
  space: Space
  people: readonly LivePerson[]
  tasks: readonly LiveTask[]
}

/** The people of a board: tasks reference them; removing one leaves their tasks unassigned. */
export function PeoplePanel({ space, people, tasks }: Props) {
  const [name, setName] = useState('')
  const inputId = useId()
  const openCount = (person: LivePerson) => tasks.filter((t) => !t.done && t.assignee?.['@id'] === person['@id']).length

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (!trimmed) return
    addPerson(space, trimmed)
    setName('')
  }

  return (
    <section className="panel people" aria-labelledby="people-heading">
      <h2 className="panel__heading" id="people-heading">
        <UsersIcon />
        People
        <span className="pill">{people.length}</span>
      </h2>
      {people.length > 0 ? (
        <ul className="people__list" role="list">
          {people.map((person) => {
            const count = openCount(person)
            return (
              <li key={person['@id']} className="person">
                <Avatar id={person['@id']} name={person.name} />
                <span className="person__text">
                  <span className="person__name">{person.name}</span>
                  <span className="person__meta">{count === 0 ? 'No open tasks' : `${count} open task${count === 1 ? '' : 's'}`}</span>
                </span>
                <button
                  type="button"
                  className="icon-btn icon-btn--danger"
                  aria-label={`Remove ${person.name}`}
                  title="Remove (their tasks become unassigned)"
                  onClick={(e) => {
                    const row = e.currentTarget.closest('li')
                    const next = row?.nextElementSibling ?? row?.previousElementSibling
                    const target = next?.querySelector<HTMLElement>('button') ?? document.getElementById(inputId)
                    space.db.remove(person)
                    target?.focus()
                  }}
                >
                  <TrashIcon />
                </button>
              </li>
            )
          })}
        </ul>
      ) : (
        <p className="muted small">Add the people who work on this board, then assign tasks to them.</p>
      )}
      <form className="new-person" onSubmit={submit}>
        <label className="sr-only" htmlFor={inputId}>
          Person's name
        </label>
        <input
          id={inputId}
          className="input input--small"
          placeholder="Add a person…"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={80}
          autoComplete="off"
        />
        <button type="submit" className="icon-btn icon-btn--solid" aria-label="Add person" title="Add person" disabled={!name.trim()}>
          <PlusIcon />
        </button>
      </form>
    </section>
  )
}
