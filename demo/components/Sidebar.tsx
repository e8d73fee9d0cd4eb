import { memo, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useClient, useDevices, useSpace, type Space } from '../../src/index.ts'
import { BoardIcon, DevicesIcon, HomeIcon, PencilIcon, PlusIcon } from './icons.tsx'
import { RenameInput } from './RenameInput.tsx'

/** What the main area shows: the selected space's board, or this identity's devices. */
export type View = 'board' | 'devices'

type Props = {
  spaces: readonly Space[]
  selectedId: string | undefined
  view: View
  onSelect: (id: string) => void
  onShowDevices: () => void
}

export function Sidebar({ spaces, selectedId, view, onSelect, onShowDevices }: Props) {
  // The personal space first, then the others in the order they were created or joined.
  const ordered = [...spaces].sort((a, b) => Number(b.personal) - Number(a.personal))
  return (
    <aside className="sidebar">
      <nav aria-labelledby="spaces-heading">
        <h2 className="sidebar__heading" id="spaces-heading">
          Spaces
        </h2>
        <ul className="spaces" role="list">
          {ordered.map((space) => (
            <SpaceItem key={space.id} id={space.id} selected={view === 'board' && space.id === selectedId} onSelect={onSelect} />
          ))}
        </ul>
      </nav>
      <NewSpaceForm onCreated={onSelect} />
      <nav className="sidebar__account" aria-labelledby="account-heading">
        <h2 className="sidebar__heading" id="account-heading">
          Account
        </h2>
        <DevicesItem current={view === 'devices'} onShow={onShowDevices} />
      </nav>
    </aside>
  )
}

const SpaceItem = memo(function SpaceItem({ id, selected, onSelect }: { id: string; selected: boolean; onSelect: (id: string) => void }) {
  // useSpace re-renders this item when the space's name or status changes (also from peers).
  const space = useSpace(id)
  const [renaming, setRenaming] = useState(false)
  const selectButton = useRef<HTMLButtonElement>(null)
  const refocus = useRef(false)
  useEffect(() => {
    if (renaming || !refocus.current) return
    refocus.current = false
    selectButton.current?.focus()
  }, [renaming])
  if (!space) return null
  const name = space.name || (space.status === 'loading' ? 'Loading…' : 'Untitled space')

  if (renaming) {
    return (
      <li className="space space--renaming">
        <RenameInput
          label={`Rename space ${name}`}
          initial={space.name}
          onDone={(next, byKey) => {
            refocus.current = byKey
            setRenaming(false)
            if (next !== null && next !== space.name) space.name = next
          }}
        />
      </li>
    )
  }
  return (
    <li className={`space${selected ? ' space--selected' : ''}`}>
      <button
        ref={selectButton}
        type="button"
        className="space__select"
        aria-current={selected ? 'page' : undefined}
        onClick={() => onSelect(id)}
        onDoubleClick={() => space.status === 'ready' && setRenaming(true)}
      >
        <span className="space__icon">{space.personal ? <HomeIcon /> : <BoardIcon />}</span>
        <span className="space__name">{name}</span>
      </button>
      <button
        type="button"
        className="icon-btn space__rename"
        aria-label={`Rename space ${name}`}
        title="Rename"
        disabled={space.status !== 'ready'}
        onClick={() => setRenaming(true)}
      >
        <PencilIcon />
      </button>
    </li>
  )
})

function DevicesItem({ current, onShow }: { current: boolean; onShow: () => void }) {
  const devices = useDevices()
  return (
    <ul className="spaces" role="list">
      <li className={`space${current ? ' space--selected' : ''}`}>
        <button type="button" className="space__select" aria-current={current ? 'page' : undefined} onClick={onShow}>
          <span className="space__icon">
            <DevicesIcon />
          </span>
          <span className="space__name">Devices</span>
          <span className="pill" aria-hidden="true" title={`${devices.length} device${devices.length === 1 ? '' : 's'}`}>
            {devices.length}
          </span>
        </button>
      </li>
    </ul>
  )
}

function NewSpaceForm({ onCreated }: { onCreated: (id: string) => void }) {
  const client = useClient()
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const inputId = useId()

  async function submit(event: FormEvent) {
    event.preventDefault()
    const trimmed = name.trim()
    if (!trimmed || busy) return
    setBusy(true)
    setError(null)
    try {
      const space = await client.createSpace({ name: trimmed })
      setName('')
      onCreated(space.id)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="new-space" onSubmit={submit}>
      <label className="sr-only" htmlFor={inputId}>
        New space name
      </label>
      <input
        id={inputId}
        className="input input--small"
        placeholder="New space…"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={80}
      />
      <button type="submit" className="icon-btn icon-btn--solid" aria-label="Create space" title="Create space" disabled={!name.trim() || busy}>
        <PlusIcon />
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
