import { memo, useId, useRef, useState } from 'react'
import type { Space } from '../../src/index.ts'
import { TextField } from '../../src/index.ts'
import type { LivePerson, LiveTask } from '../model.ts'
import { Avatar } from './Avatar.tsx'
import { NotesIcon, TrashIcon } from './icons.tsx'

type Props = {
  task: LiveTask
  /**
   * `task.assignee`, read by the parent and passed in: a task's view keeps its identity when only
   * the person it references changes (renamed, deleted), so a memoised row must get the person
   * as a prop of its own to re-render then.
   */
  assignee: LivePerson | undefined
  people: readonly LivePerson[]
  space: Space
}

/**
 * One task. Memoised: `task` is a per-version view from useQuery, so this row re-renders only
 * when this task, its assignee or the people list changed, not when a sibling did.
 */
export const TaskRow = memo(function TaskRow({ task, assignee, people, space }: Props) {
  const [notesOpen, setNotesOpen] = useState(false)
  const notesId = useId()
  const title = task.title || 'Untitled task'
  const done = task.done
  const notes = task.notes ?? ''
  const preview = notes.trim().split('\n')[0]

  return (
    <li className={`task${done ? ' task--done' : ''}${notesOpen ? ' task--open' : ''}`}>
      <div className="task__main">
        <label className="check">
          <input
            type="checkbox"
            checked={done}
            onChange={() => {
              task.done = !task.done
            }}
            aria-label={`Done: ${title}`}
          />
          <span className="check__box" aria-hidden="true" />
        </label>
        <div className="task__body">
          <TitleInput
            value={task.title}
            label={`Title of ${title}`}
            onCommit={(next) => {
              task.title = next
            }}
          />
          {!notesOpen && preview && (
            // A preview; a click opens the notes (keyboard users have the Notes button).
            <p className="task__preview" onClick={() => setNotesOpen(true)}>
              {preview}
            </p>
          )}
        </div>
        <div className="task__actions">
          <label className="assignee" title={assignee ? `Assigned to ${assignee.name}` : 'Unassigned'}>
            {assignee ? <Avatar id={assignee['@id']} name={assignee.name} size="sm" /> : <span className="avatar avatar--sm avatar--empty" aria-hidden="true" />}
            <select
              aria-label={`Assignee for ${title}`}
              value={assignee?.['@id'] ?? ''}
              onChange={(e) => {
                const person = people.find((p) => p['@id'] === e.target.value)
                task.assignee = person ?? null
              }}
            >
              <option value="">Unassigned</option>
              {people.map((p) => (
                <option key={p['@id']} value={p['@id']}>
                  {p.name}
                </option>
              ))}
              {assignee && !people.some((p) => p['@id'] === assignee['@id']) && <option value={assignee['@id']}>{assignee.name}</option>}
            </select>
          </label>
          <button
            type="button"
            className={`icon-btn${notes ? ' icon-btn--marked' : ''}`}
            aria-label={`Notes for ${title}`}
            aria-expanded={notesOpen}
            aria-controls={notesId}
            title={notesOpen ? 'Hide notes' : 'Show notes'}
            onClick={() => setNotesOpen((o) => !o)}
          >
            <NotesIcon />
          </button>
          <button
            type="button"
            className="icon-btn icon-btn--danger"
            aria-label={`Delete task ${title}`}
            title="Delete task"
            onClick={(e) => {
              // Keep keyboard users in the list: focus the next task (or the previous, or the
              // new-task input) before this row disappears.
              const row = e.currentTarget.closest('li')
              const next = row?.nextElementSibling ?? row?.previousElementSibling
              const target = next?.querySelector<HTMLElement>('input[type="checkbox"]') ?? document.querySelector<HTMLElement>('[data-new-task]')
              space.db.remove(task)
              target?.focus()
            }}
          >
            <TrashIcon />
          </button>
        </div>
      </div>
      <div className="task__notes" id={notesId} hidden={!notesOpen}>
        {notesOpen && (
          <TextField
            object={task}
            field="notes"
            multiline
            className="input notes"
            rows={3}
            placeholder="Notes… (edits merge with everyone else's, letter by letter)"
            aria-label={`Notes text for ${title}`}
          />
        )}
      </div>
    </li>
  )
})

/**
 * The title, edited in place. Titles are plain strings (last writer wins), so typing stays in
 * a local draft and is written once, on Enter or when leaving the field; Escape reverts.
 */
function TitleInput({ value, label, onCommit }: { value: string; label: string; onCommit: (next: string) => void }) {
  const [draft, setDraft] = useState<string | null>(null)
  const cancelled = useRef(false)
  return (
    <input
      className="task__title"
      aria-label={label}
      value={draft ?? value}
      maxLength={200}
      onFocus={() => setDraft(value)}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur()
        if (e.key === 'Escape') {
          cancelled.current = true
          e.currentTarget.blur()
        }
      }}
      onBlur={() => {
        const next = draft?.trim()
        if (!cancelled.current && next && next !== value) onCommit(next)
        cancelled.current = false
        setDraft(null)
      }}
    />
  )
}
