import { useId, useState, type FormEvent } from 'react'
import type { Space } from '../core/index.ts'
import { describeError } from './format.ts'

type Outcome = { kind: 'saved'; field: string } | { kind: 'error'; message: string } | undefined

/**
 * Sets one top-level field of an object through the public API (`object[field] = value`), so
 * every check applies: a reader's form is disabled (and the engine would refuse with FORBIDDEN),
 * reserved `@` keys and values that are not JSON are refused, and the error is shown.
 * The value is read as JSON (`42`, `true`, `"text"`, `{"a":1}`); anything else is a string.
 *
 * @example <FieldEditor space={space} id={id} fields={['title', 'done']} />
 */
export function FieldEditor({ space, id, fields }: { space: Space; id: string; fields: string[] }) {
  const [field, setField] = useState(fields[0] ?? '')
  const [value, setValue] = useState('')
  const [outcome, setOutcome] = useState<Outcome>()
  const list = useId()
  const note = useId()
  const reader = space.role === 'reader'

  const submit = (event: FormEvent) => {
    event.preventDefault()
    let parsed: unknown = value
    try {
      parsed = JSON.parse(value)
    } catch {
      // Not JSON: the text itself is the value (a plain string), as the label says.
    }
    try {
      const object = space.db.get(id)
      if (!object) throw Object.assign(new Error(`object ${id} is gone`), { code: 'NOT_FOUND' })
      ;(object as Record<string, unknown>)[field] = parsed
      setOutcome({ kind: 'saved', field })
    } catch (error) {
      setOutcome({ kind: 'error', message: describeError(error) })
    }
  }

  return (
    <form data-part="devtools-editor" onSubmit={submit} aria-describedby={reader ? note : undefined}>
      <fieldset disabled={reader}>
        <legend>Edit a field</legend>
        {reader && (
          <p id={note} data-part="devtools-muted">
            Read only: your role in this space is reader.
          </p>
        )}
        <label>
          Field{' '}
          <input value={field} onChange={(e) => setField(e.target.value)} list={list} required autoComplete="off" spellCheck={false} />
        </label>
        <datalist id={list}>
          {fields.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
        <label>
          Value (JSON or text){' '}
          <input value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" spellCheck={false} />
        </label>
        <button type="submit" data-part="devtools-save">
          Set field
        </button>
      </fieldset>
      <p role="status" data-part="devtools-outcome">
        {outcome?.kind === 'saved' ? `Saved ${outcome.field}.` : ''}
      </p>
      {outcome?.kind === 'error' && (
        <p role="alert" data-part="devtools-error">
          {outcome.message}
        </p>
      )}
    </form>
  )
}
