import { useCallback, useEffect, useState } from 'react'
import { JoinDialog, useIdentity, useSpace, useSpaces, type Space } from '../src/index.ts'
import { clientName } from './clientName.ts'
import { Board } from './components/Board.tsx'
import { DevicesPage } from './components/DevicesPage.tsx'
import { Header } from './components/Header.tsx'
import { JoinIcon } from './components/icons.tsx'
import { Sidebar, type View } from './components/Sidebar.tsx'
import { Welcome } from './components/Welcome.tsx'
import { useJoinLink, type JoinLink } from './useJoinLink.ts'

export function App() {
  const identity = useIdentity()
  const [link, clearLink, linkSerial] = useJoinLink()
  // "Link this device" open on the welcome screen. It stays there after the device joined, until
  // the user presses Done: otherwise the new identity would swap the screen under the dialog.
  const [linking, setLinking] = useState(() => !identity && link?.kind === 'device')
  useEffect(() => {
    if (!identity && link?.kind === 'device') setLinking(true)
  }, [identity, link])
  const onLinkingChange = useCallback(
    (open: boolean) => {
      setLinking(open)
      if (!open && link?.kind === 'device') clearLink()
    },
    [link, clearLink],
  )

  if (identity && !linking) return <Workspace link={link} linkSerial={linkSerial} clearLink={clearLink} />
  return <Welcome link={link} linkSerial={linkSerial} linking={linking} onLinkingChange={onLinkingChange} />
}

const SELECTED_KEY = `echo-kit-demo:${clientName}:space`

function readSelected(): string | null {
  try {
    return localStorage.getItem(SELECTED_KEY)
  } catch {
    return null
  }
}

/** The selected space id, remembered per client; falls back to the personal space. */
function useSelectedSpace(spaces: readonly Space[]): [string | undefined, (id: string) => void] {
  const [chosen, setChosen] = useState<string | null>(readSelected)
  const select = useCallback((id: string) => {
    setChosen(id)
    try {
      localStorage.setItem(SELECTED_KEY, id)
    } catch {
      // Storage may be unavailable; selection then lasts for this session only.
    }
  }, [])
  const exists = chosen !== null && spaces.some((s) => s.id === chosen)
  const fallback = spaces.find((s) => s.personal) ?? spaces[0]
  return [exists ? chosen : fallback?.id, select]
}

function Workspace({ link, linkSerial, clearLink }: { link: JoinLink | null; linkSerial: number; clearLink: () => void }) {
  const spaces = useSpaces()
  const [selectedId, select] = useSelectedSpace(spaces)
  const space = useSpace(selectedId ?? '')
  const [view, setView] = useState<View>('board')
  const showSpace = useCallback(
    (id: string) => {
      select(id)
      setView('board')
    },
    [select],
  )

  // An invitation link (`#join=CODE`, on load or pasted into the address bar later) opens the
  // Join dialog with the code; closing the dialog removes the code from the URL.
  const [joinOpen, setJoinOpen] = useState(() => !!link)
  useEffect(() => {
    if (link) setJoinOpen(true)
  }, [link])
  const onJoinOpenChange = (open: boolean) => {
    setJoinOpen(open)
    if (!open && link) clearLink()
  }

  const join = (
    <JoinDialog
      // A new link opened in this tab starts a new join.
      key={linkSerial}
      open={joinOpen}
      onOpenChange={onJoinOpenChange}
      defaultCode={link?.code}
      onJoined={(joined) => showSpace(joined.id)}
      trigger={
        <button type="button" className="btn btn--small topbar__join">
          <JoinIcon />
          <span>Join a space</span>
        </button>
      }
    />
  )

  return (
    <div className="app">
      <a className="skip-link" href="#board">
        Skip to {view === 'devices' ? 'devices' : 'board'}
      </a>
      <Header space={space} join={join} />
      <div className="layout">
        <Sidebar spaces={spaces} selectedId={selectedId} view={view} onSelect={showSpace} onShowDevices={() => setView('devices')} />
        {view === 'devices' ? (
          <DevicesPage />
        ) : space ? (
          <Board key={space.id} space={space} />
        ) : (
          <main id="board" className="board board--empty" tabIndex={-1}>
            <p className="muted">Pick a space on the left, or create one.</p>
          </main>
        )}
      </div>
    </div>
  )
}
