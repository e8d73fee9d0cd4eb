import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useClient, useSpaces } from '../react/index.ts'
import { inspectClient } from '../core/inspect/index.ts'
import { TABS, type DevtoolsTab } from './DevtoolsTab.ts'
import { NetworkTab } from './NetworkTab.tsx'
import { ObjectsTab, type ObjectsView } from './ObjectsTab.tsx'
import { PeersTab } from './PeersTab.tsx'
import { ProblemsTab } from './ProblemsTab.tsx'
import { QueriesTab } from './QueriesTab.tsx'
import { SpacesTab } from './SpacesTab.tsx'
import { useTick } from './useTick.ts'

/** Props of the lazily loaded panel (see EchoDevtools). */
export interface DevtoolsPanelProps {
  id: string
  initialTab: DevtoolsTab
  onClose: () => void
}

/**
 * The devtools panel: a region ("Devtools panel") with a tab list (WAI-ARIA tabs: arrow keys, Home, End) over the
 * client of the nearest provider. Escape closes it. Loaded on first open by `EchoDevtools`.
 *
 * @example <DevtoolsPanel id="p" initialTab="spaces" onClose={close} />
 */
export default function DevtoolsPanel({ id, initialTab, onClose }: DevtoolsPanelProps) {
  const client = useClient()
  const spaces = useSpaces()
  const look = useMemo(() => inspectClient(client), [client])
  const now = useTick(1000)
  const [tab, setTab] = useState<DevtoolsTab>(initialTab)
  const [spaceId, setSpaceId] = useState<string | undefined>()
  const [objects, setObjects] = useState<ObjectsView>({ search: '', selected: undefined })
  const space = spaces.find((s) => s.id === spaceId) ?? spaces.find((s) => !s.personal) ?? spaces[0]
  const base = useId()
  const tabs = useRef<(HTMLButtonElement | null)[]>([])

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = TABS.length - 1
    const to = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key]
    if (to === undefined) return
    event.preventDefault()
    setTab(TABS[to]!.id)
    tabs.current[to]?.focus()
  }

  return (
    <section
      id={id}
      data-part="devtools-panel"
      aria-label="Devtools panel"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault()
          onClose()
        }
      }}
    >
      <header data-part="devtools-header">
        <h2 data-part="devtools-title">Echo devtools</h2>
        {/* Which space the Objects tab lists (the other tabs show every space). */}
        {tab === 'objects' && spaces.length > 0 && (
          <label data-part="devtools-space-picker">
            Space{' '}
            <select value={space?.id ?? ''} onChange={(e) => {
                setSpaceId(e.target.value)
                setObjects({ search: '', selected: undefined })
              }}>
              {spaces.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name || (s.personal ? 'Personal' : s.id.slice(0, 8))}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" data-part="devtools-close" onClick={onClose}>
          Close
        </button>
      </header>
      <div role="tablist" aria-label="Devtools sections" data-part="devtools-tabs">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabs.current[i] = el
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${base}-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            data-part="devtools-tab"
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel-${tab}`} aria-labelledby={`${base}-tab-${tab}`} tabIndex={0} data-part="devtools-tabpanel">
        {tab === 'spaces' && <SpacesTab spaces={spaces} look={look} />}
        {tab === 'objects' && <ObjectsTab space={space} view={objects} onView={setObjects} />}
        {tab === 'queries' && <QueriesTab spaces={spaces} look={look} />}
        {tab === 'peers' && <PeersTab look={look} spaces={spaces} now={now} />}
        {tab === 'network' && <NetworkTab spaces={spaces} />}
        {tab === 'problems' && <ProblemsTab spaces={spaces} look={look} now={now} />}
      </div>
    </section>
  )
}
