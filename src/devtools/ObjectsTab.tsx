import { useDeferredValue, useId, useMemo } from 'react'
import { getObjectId, type Space } from '../core/index.ts'
import { FieldEditor } from './FieldEditor.tsx'
import { short } from './format.ts'
import { JsonTree } from './JsonTree.tsx'
import { useDatabaseVersion } from './useDatabaseVersion.ts'

/** At most this many rows are listed (search narrows the rest). */
const MAX_ROWS = 200

function label(snapshot: Readonly<Record<string, unknown>>): string {
  for (const key of ['title', 'name', 'label', 'text']) if (typeof snapshot[key] === 'string' && snapshot[key]) return String(snapshot[key]).slice(0, 60)
  return ''
}

/** What the Objects tab shows; kept by the panel so it survives switching tabs. */
export interface ObjectsView {
  search: string
  selected: string | undefined
}

/**
 * The objects of one space: search (id, type or any field text), a list, and the selected
 * object as a live tree with a field editor. Live: re-renders on every change of the space.
 * Reads with an unsubscribed query, so the panel does not show up among the live queries.
 *
 * @example <ObjectsTab space={space} view={view} onView={setView} />
 */
export function ObjectsTab({ space, view, onView }: { space: Space | undefined; view: ObjectsView; onView: (view: ObjectsView) => void }) {
  // Deferred: in a big space a burst of changes re-lists at React's pace, not on every change.
  const version = useDeferredValue(useDatabaseVersion(space))
  const { search, selected } = view
  const needle = useDeferredValue(search)
  const setSearch = (next: string) => onView({ ...view, search: next })
  const setSelected = (next: string) => onView({ ...view, selected: next })
  const heading = useId()
  const db = space && space.status !== 'closed' ? space.db : undefined
  const all = useMemo(() => db?.query(), [db])
  const rows = useMemo(() => {
    if (!db || !all) return []
    const text = needle.trim().toLowerCase()
    const out: { id: string; type: string; text: string; snapshot: Readonly<Record<string, unknown>> }[] = []
    for (const object of all.objects) {
      const id = getObjectId(object)
      const snapshot = id ? db.snapshotOf(id) : undefined
      if (!id || !snapshot) continue
      const type = typeof snapshot['@type'] === 'string' ? snapshot['@type'] : ''
      if (text && !id.includes(text) && !JSON.stringify(snapshot).toLowerCase().includes(text)) continue
      out.push({ id, type, text: label(snapshot), snapshot })
    }
    return out
    // `version` makes this live: the query and snapshots are read again after every change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, all, needle, version])

  if (!space || !db) return <p data-part="devtools-empty">No space to show.</p>
  const current = selected ? db.snapshotOf(selected) : undefined
  const fields = current ? Object.keys(current).filter((k) => !k.startsWith('@')) : []
  return (
    <div data-part="devtools-objects">
      <label data-part="devtools-search">
        Search objects{' '}
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="id, type or text" />
      </label>
      <p data-part="devtools-muted" aria-live="polite">
        {rows.length === db.size ? `${db.size} objects` : `${rows.length} of ${db.size} objects`}
        {rows.length > MAX_ROWS ? ` (first ${MAX_ROWS} listed)` : ''}
      </p>
      <ul aria-label={`Objects of ${space.name || 'this space'}`} data-part="devtools-object-list">
        {rows.slice(0, MAX_ROWS).map((row) => (
          <li key={row.id}>
            <button type="button" aria-current={row.id === selected ? 'true' : undefined} onClick={() => setSelected(row.id)}>
              <span data-part="devtools-badge">{row.type || 'object'}</span> {row.text || short(row.id)} <code>{short(row.id)}</code>
            </button>
          </li>
        ))}
      </ul>
      {selected && (
        <section aria-labelledby={heading} data-part="devtools-object">
          <h3 id={heading}>
            Object <code>{short(selected)}</code>
          </h3>
          {current ? (
            <>
              <JsonTree label={`Fields of ${short(selected)}`} value={current} onReference={setSelected} />
              <FieldEditor key={selected} space={space} id={selected} fields={fields} />
            </>
          ) : (
            <p role="status">This object was removed (or has not arrived yet).</p>
          )}
        </section>
      )}
    </div>
  )
}
