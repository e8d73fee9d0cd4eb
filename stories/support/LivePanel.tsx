// The pieces of the live stories: a stage (the page), one panel per peer (its own client and
// <EchoProvider>), and inside each panel the shared board: a small task list (useQuery),
// collaborative notes (TextField), network and sync status, an offline toggle, and the
// invitation UI (host) or join UI (guest).
import { memo, useEffect, useId, useState, useSyncExternalStore, type CSSProperties, type FormEvent, type ReactNode } from 'react'
import {
  EchoProvider,
  text,
  useIdentity,
  useMembers,
  useNetworkStatus,
  useQuery,
  useSpace,
  useSpaceInvitation,
  useSpaces,
  useJoinSpace,
  useSyncStatus,
  type Client,
  type EchoObject,
  type Space,
} from '../../src/index.ts'
import { InvitationPanel, JoinPanel, NetworkStatus, StatusBadge, TextField, buttonStyle, primaryButtonStyle, tokens } from '../../src/ui/index.ts'
import { LiveNetwork, type Transport } from './LiveNetwork.ts'
import { until } from './Scenario.tsx'

/** Fields of a task on the board. @example const t: Task = { title: 'Buy milk', done: false, createdAt: Date.now() } */
export type Task = { '@type': 'task'; title: string; done: boolean; createdAt: number }

type Outcome<T> = { value: T } | { error: unknown }

/**
 * Runs `setup` once per mount with a fresh {@link LiveNetwork} (WebRTC when it connects here,
 * else in-process links) and renders `children` with its result; closes every client on
 * unmount (StrictMode's throw-away mount included).
 *
 * @example
 * <LiveScenario setup={async (net) => ({ ada: await net.peer('ada', 'Ada') })}>
 *   {({ ada }, net) => <PeerPanel net={net} client={ada} peer="A" />}
 * </LiveScenario>
 */
export function LiveScenario<T>({
  setup,
  transport,
  children,
}: {
  setup: (net: LiveNetwork, signal: AbortSignal) => Promise<T>
  transport?: Transport
  children: (value: T, net: LiveNetwork) => ReactNode
}) {
  const [outcome, setOutcome] = useState<(Outcome<T> & { net: LiveNetwork }) | undefined>()
  useEffect(() => {
    const controller = new AbortController()
    let net: LiveNetwork | undefined
    LiveNetwork.create(transport)
      .then(async (created) => {
        net = created
        if (controller.signal.aborted) return created.close()
        try {
          const value = await setup(created, controller.signal)
          if (!controller.signal.aborted) setOutcome({ value, net: created })
        } catch (error) {
          if (!controller.signal.aborted) setOutcome({ error, net: created })
        }
      })
      .catch((error: unknown) => !controller.signal.aborted && setOutcome({ error, net: undefined as never }))
    return () => {
      controller.abort()
      setOutcome(undefined)
      net?.close()
    }
    // Once per mount (a story that wants another scenario remounts with a key).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  if (!outcome) return <p style={{ color: tokens.muted, fontSize: 14 }}>Starting peers…</p>
  if ('error' in outcome) return <p role="alert">Scenario failed: {String((outcome.error as Error)?.message ?? outcome.error)}</p>
  return <>{children(outcome.value, outcome.net)}</>
}

/**
 * The page of a live story: a heading, what to try, how the peers are linked, and the panels
 * side by side.
 *
 * @example
 * <LiveStage title="Invite Bob" net={net} steps={<li>Press Invite</li>}>{panels}</LiveStage>
 */
export function LiveStage({ title, intro, steps, net, children }: { title: string; intro?: ReactNode; steps?: ReactNode; net: LiveNetwork; children: ReactNode }) {
  return (
    <main style={stageStyle} data-transport={net.transport}>
      <header style={{ display: 'flex', flexDirection: 'column', gap: '0.5rem', maxWidth: '60rem' }}>
        <h1 style={{ margin: 0, fontSize: '1.375rem', lineHeight: 1.3 }}>{title}</h1>
        {intro && <p style={introStyle}>{intro}</p>}
        <TransportNote net={net} />
        {steps && <ol style={{ ...introStyle, margin: 0, paddingLeft: '1.25rem' }}>{steps}</ol>}
      </header>
      <div style={gridStyle}>{children}</div>
    </main>
  )
}

function TransportNote({ net }: { net: LiveNetwork }) {
  if (net.transport === 'webrtc') {
    return (
      <p data-part="transport" style={{ ...noteStyle, borderColor: tokens.border }}>
        Each panel is a separate client with its own storage. They find each other through signaling inside this page and
        replicate over real WebRTC data channels (loopback).
      </p>
    )
  }
  return (
    <p data-part="transport" role="note" style={{ ...noteStyle, borderColor: tokens.warning, background: '#fffbeb' }}>
      {net.fallbackReason
        ? `WebRTC is not available here (${net.fallbackReason}), so the panels are linked in-process (MessageChannel) instead.`
        : 'The panels are linked in-process (MessageChannel): what the live stories fall back to where WebRTC cannot connect.'}{' '}
      Invitations still run over the in-page signaling; sync and merging work the same way.
    </p>
  )
}

/**
 * One peer: its own `<EchoProvider>`, a heading with its name, network status and an offline
 * toggle; then its shared space (task list, notes, sync status, Invite for owners) or, when it
 * has none yet, the join panel.
 *
 * @example <PeerPanel net={net} client={bob} peer="B" />
 */
export function PeerPanel({ net, client, peer }: { net: LiveNetwork; client: Client; peer: string }) {
  return (
    <EchoProvider client={client}>
      <PanelFrame net={net} client={client} peer={peer} />
    </EchoProvider>
  )
}

function PanelFrame({ net, client, peer }: { net: LiveNetwork; client: Client; peer: string }) {
  const identity = useIdentity()
  const headingId = useId()
  const name = identity?.displayName ?? client.name
  return (
    <section aria-labelledby={headingId} data-peer={peer} style={panelStyle}>
      <header style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.5rem 0.75rem' }}>
        <h2 id={headingId} style={{ margin: 0, fontSize: '1.125rem', flex: '1 1 auto' }}>
          {name} <span style={{ fontWeight: 400, color: tokens.muted }}>(peer {peer})</span>
        </h2>
        <PeerNetwork net={net} client={client} />
      </header>
      <PanelBody />
    </section>
  )
}

function PeerNetwork({ net, client }: { net: LiveNetwork; client: Client }) {
  const online = useSyncExternalStore(net.subscribe, () => net.isOnline(client))
  const network = useNetworkStatus()
  // In-process links have no signaling connection to report: online = the toggle.
  const shown = net.transport === 'webrtc' ? network : { ...network, status: online ? ('online' as const) : ('offline' as const) }
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: '0.5rem' }}>
      <NetworkStatus {...shown} />
      <button type="button" style={smallButton} onClick={() => net.setOnline(client, !online)}>
        {online ? 'Go offline' : 'Go online'}
      </button>
    </div>
  )
}

function PanelBody() {
  const spaces = useSpaces()
  const shared = spaces.find((s) => !s.personal)
  // A space this peer already had opens at once; a freshly joined one opens from the join panel.
  const [openId, setOpenId] = useState(() => shared?.id)
  if (openId) return <SpaceView id={openId} />
  return <JoinBox onJoined={(space) => setOpenId(space.id)} />
}

function JoinBox({ onJoined }: { onJoined: (space: Space) => void }) {
  const flow = useJoinSpace()
  return (
    <div style={boxStyle}>
      {flow.state === 'init' && <p style={{ ...hintStyle, marginBottom: '0.75rem' }}>Not in a shared space yet. Paste an invitation to join one.</p>}
      <JoinPanel flow={flow} onJoined={(space) => space && onJoined(space)} />
    </div>
  )
}

function SpaceView({ id }: { id: string }) {
  const space = useSpace(id)
  const identity = useIdentity()
  const members = useMembers(space)
  const [inviting, setInviting] = useState(false)
  if (!space) return null
  const me = members.find((m) => m.identityKey === identity?.identityKey)
  const canInvite = me?.role === 'owner' || me?.role === 'admin'
  const loading = space.status === 'loading'
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: '0.875rem' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: '0.5rem' }}>
        <div style={{ minWidth: 0 }}>
          <p style={{ margin: 0, fontWeight: 600 }}>{space.name || (loading ? 'Loading the space…' : 'Untitled space')}</p>
          <p style={hintStyle}>Members: {members.map((m) => `${m.displayName ?? 'someone'} (${m.role})`).join(', ') || '…'}</p>
        </div>
        <SyncBadge space={space} />
      </div>
      {canInvite &&
        (inviting ? (
          <div style={boxStyle}>
            <InvitationBox space={space} onClose={() => setInviting(false)} />
          </div>
        ) : (
          <div>
            <button type="button" style={primaryButtonStyle} onClick={() => setInviting(true)}>
              Invite someone
            </button>
          </div>
        ))}
      <TaskList space={space} />
      <Notes space={space} />
    </div>
  )
}

function InvitationBox({ space, onClose }: { space: Space; onClose: () => void }) {
  const flow = useSpaceInvitation(space)
  return <InvitationPanel flow={flow} spaceName={space.name} linkBase="https://echo-kit.example/" onClose={onClose} />
}

const syncWords = { offline: 'Sync: waiting for peers', syncing: 'Sync: syncing…', synced: 'Sync: up to date' } as const
const syncTones = { offline: 'neutral', syncing: 'info', synced: 'success' } as const

function SyncBadge({ space }: { space: Space }) {
  const { status, peers } = useSyncStatus(space)
  return (
    <StatusBadge role="status" tone={syncTones[status]} data-sync={status}>
      {syncWords[status]}
      {status === 'synced' && `, ${peers === 1 ? '1 peer' : `${peers} peers`}`}
    </StatusBadge>
  )
}

function TaskList({ space }: { space: Space }) {
  const tasks = useQuery<Task>(space, { '@type': 'task' }, { sort: ['createdAt', 'title'] })
  const headingId = useId()
  const [title, setTitle] = useState('')
  const add = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = title.trim()
    if (!trimmed) return
    space.db.add({ '@type': 'task', title: trimmed, done: false, createdAt: Date.now() })
    setTitle('')
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: '0.5rem' }}>
      <h3 id={headingId} style={subheadingStyle}>
        Tasks
      </h3>
      {tasks.length ? (
        <ul aria-labelledby={headingId} style={listStyle}>
          {tasks.map((task) => (
            <TaskRow key={task['@id']} task={task} space={space} />
          ))}
        </ul>
      ) : (
        <p style={hintStyle}>No tasks yet.</p>
      )}
      <form onSubmit={add} style={{ display: 'flex', gap: '0.5rem' }}>
        <input aria-label="New task" placeholder="New task" value={title} onChange={(e) => setTitle(e.target.value)} style={inputStyle} />
        <button type="submit" style={buttonStyle}>
          Add
        </button>
      </form>
    </div>
  )
}

// Memoised: a change to one task re-renders only its row (render tracking records the fields read).
const TaskRow = memo(function TaskRow({ task, space }: { task: EchoObject<Task>; space: Space }) {
  const id = useId()
  return (
    <li style={rowStyle}>
      <input id={id} type="checkbox" checked={task.done} onChange={() => (task.done = !task.done)} style={{ width: '1.1rem', height: '1.1rem', margin: 0, accentColor: tokens.accent }} />
      <label htmlFor={id} style={{ flex: '1 1 auto', minWidth: 0, textDecoration: task.done ? 'line-through' : undefined, color: task.done ? tokens.muted : undefined }}>
        {task.title}
      </label>
      <button type="button" aria-label={`Remove ${task.title}`} style={smallButton} onClick={() => space.db.remove(task)}>
        Remove
      </button>
    </li>
  )
})

function Notes({ space }: { space: Space }) {
  const [note] = useQuery(space, { '@type': 'note' })
  const id = useId()
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: '0.35rem' }}>
      <label htmlFor={id} style={subheadingStyle}>
        Shared notes
      </label>
      <TextField id={id} object={note} field="body" multiline rows={4} style={{ ...inputStyle, resize: 'vertical', fontFamily: tokens.font }} />
    </div>
  )
}

/**
 * Puts the starting content of the board into `space`: two tasks and the shared notes.
 *
 * @example seedBoard(await ada.createSpace({ name: 'Team board' }))
 */
export function seedBoard(space: Space): void {
  space.db.add({ '@type': 'task', title: 'Book a room', done: false, createdAt: 1 })
  space.db.add({ '@type': 'task', title: 'Write the agenda', done: true, createdAt: 2 })
  space.db.add({ '@type': 'note', body: text('Agenda: ') })
}

/**
 * Runs a whole invitation in code (the same engine flow the dialogs drive) and resolves with
 * the guest's copy of the space once the board has arrived.
 *
 * @example const bobsBoard = await joinInCode(board, bob, signal)
 */
export async function joinInCode(space: Space, guest: Client, signal: AbortSignal): Promise<Space> {
  const invitation = space.createInvitation()
  const joining = guest.join(invitation.code)
  signal.addEventListener('abort', () => {
    invitation.cancel()
    joining.cancel()
  })
  await until(joining, (j) => j.state === 'ready-for-auth' || j.state === 'error', signal)
  await until(invitation, (i) => !!i.authCode || i.state === 'error', signal)
  await joining.authenticate(invitation.authCode ?? '')
  if (joining.state !== 'success' || !joining.space) throw new Error(`joining ended in ${joining.state}: ${joining.error?.message ?? ''}`)
  const copy = joining.space
  const notes = copy.db.query({ '@type': 'note' })
  await new Promise<void>((resolve, reject) => {
    if (notes.objects.length) return resolve()
    const timer = setTimeout(() => (off(), reject(new Error('the board did not arrive within 15 s'))), 15_000)
    const off = notes.subscribe(() => {
      if (!notes.objects.length) return
      clearTimeout(timer)
      off()
      resolve()
    })
    signal.addEventListener('abort', () => (clearTimeout(timer), off(), reject(new Error('aborted'))))
  })
  return copy
}

/** Resolves once `space` reports `synced` (or after `ms`). @example await settled(space, 5000) */
export function settled(space: Space, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => (clearTimeout(timer), off(), resolve())
    const timer = setTimeout(done, ms)
    const off = space.sync.subscribe(() => space.sync.getSnapshot().status === 'synced' && done())
    if (space.sync.getSnapshot().status === 'synced') done()
  })
}

const stageStyle: CSSProperties = {
  boxSizing: 'border-box',
  minHeight: '100vh',
  display: 'flex',
  flexDirection: 'column',
  gap: '1.25rem',
  padding: '1.5rem',
  background: '#f3f4f6',
  color: tokens.fg,
  fontFamily: tokens.font,
}
const introStyle: CSSProperties = { margin: 0, fontSize: '0.9375rem', lineHeight: 1.55, color: tokens.fg }
const noteStyle: CSSProperties = { margin: 0, padding: '0.5rem 0.75rem', fontSize: '0.875rem', lineHeight: 1.5, border: '1px solid', borderRadius: 8, background: '#ffffff' }
const gridStyle: CSSProperties = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 20rem), 1fr))', gap: '1.25rem', alignItems: 'start' }
const panelStyle: CSSProperties = {
  boxSizing: 'border-box',
  display: 'flex',
  flexDirection: 'column',
  gap: '1rem',
  minWidth: 0,
  padding: '1rem 1.125rem 1.25rem',
  background: '#ffffff',
  border: `1px solid ${tokens.border}`,
  borderRadius: 12,
  boxShadow: '0 1px 2px rgb(0 0 0 / 0.06)',
}
const boxStyle: CSSProperties = { padding: '0.875rem', border: `1px solid ${tokens.border}`, borderRadius: 10, background: '#fafafa' }
const hintStyle: CSSProperties = { margin: 0, fontSize: '0.875rem', lineHeight: 1.5, color: tokens.muted }
const subheadingStyle: CSSProperties = { margin: 0, fontSize: '0.9375rem', fontWeight: 600 }
const listStyle: CSSProperties = { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' }
const rowStyle: CSSProperties = { display: 'flex', alignItems: 'center', gap: '0.6rem', padding: '0.4rem 0', borderBottom: `1px solid ${tokens.border}` }
const inputStyle: CSSProperties = {
  boxSizing: 'border-box',
  flex: '1 1 auto',
  minWidth: 0,
  width: '100%',
  padding: '0.5em 0.7em',
  fontSize: '0.9375rem',
  lineHeight: 1.35,
  color: tokens.fg,
  background: tokens.bg,
  border: `1px solid ${tokens.controlBorder}`,
  borderRadius: 8,
}
const smallButton: CSSProperties = { ...buttonStyle, padding: '0.3em 0.7em', fontSize: '0.8125rem' }
