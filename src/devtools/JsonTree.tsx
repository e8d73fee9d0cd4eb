import { short } from './format.ts'

/** Props of {@link JsonTree}. */
export interface JsonTreeProps {
  /** A plain snapshot (references appear as `{ '@ref': id }`). */
  value: unknown
  /** Called when a reference is activated (to show its target). */
  onReference?: ((id: string) => void) | undefined
  /** Accessible name of the tree. */
  label: string
}

const MAX_STRING = 500

function isReference(value: unknown): value is { '@ref': string } {
  return !!value && typeof value === 'object' && !Array.isArray(value) && typeof (value as { '@ref'?: unknown })['@ref'] === 'string' && Object.keys(value).length === 1
}

function Value({ value, depth, onReference }: { value: unknown; depth: number; onReference?: (id: string) => void }) {
  if (value === null || value === undefined) return <span data-type="null">null</span>
  if (typeof value === 'string') {
    const text = value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length} chars)` : value
    return <span data-type="string">{JSON.stringify(text)}</span>
  }
  if (typeof value !== 'object') return <span data-type={typeof value}>{String(value)}</span>
  if (isReference(value)) {
    const id = value['@ref']
    return onReference ? (
      <button type="button" data-part="devtools-ref" onClick={() => onReference(id)}>
        → {short(id)}
      </button>
    ) : (
      <span data-type="ref">→ {short(id)}</span>
    )
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value)
  const summary = Array.isArray(value) ? `[${entries.length} items]` : `{${entries.length} keys}`
  if (!entries.length) return <span data-type="empty">{Array.isArray(value) ? '[]' : '{}'}</span>
  // Native <details>: Enter/Space toggle a branch with no script of ours.
  return (
    <details open={depth < 3}>
      <summary>{summary}</summary>
      <Entries entries={entries} depth={depth + 1} onReference={onReference} />
    </details>
  )
}

function Entries({ entries, depth, onReference }: { entries: [string, unknown][]; depth: number; onReference?: (id: string) => void }) {
  return (
    <ul data-part="devtools-json-entries">
      {entries.map(([key, v]) => (
        <li key={key}>
          <span data-part="devtools-json-key">{key}</span>: <Value value={v} depth={depth} onReference={onReference} />
        </li>
      ))}
    </ul>
  )
}

/**
 * A live object's fields as a collapsible tree (native `<details>`, so it works by keyboard);
 * references are buttons that show their target.
 *
 * @example <JsonTree label="Fields of task 1a2b" value={db.snapshotOf(id)} onReference={select} />
 */
export function JsonTree({ value, onReference, label }: JsonTreeProps) {
  const entries = value && typeof value === 'object' ? Object.entries(value) : []
  return (
    <div data-part="devtools-json" role="group" aria-label={label}>
      <Entries entries={entries} depth={0} onReference={onReference} />
    </div>
  )
}
