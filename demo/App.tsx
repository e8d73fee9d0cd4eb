import { useCallback, useState } from 'react'
import { useIdentity, useSpace, useSpaces, type Space } from '../src/index.ts'
import { clientName } from './clientName.ts'
import { Board } from './components/Board.tsx'
import { Header } from './components/Header.tsx'
import { Sidebar } from './components/Sidebar.tsx'
import { Welcome } from './components/Welcome.tsx'

export function App() {
  const identity = useIdentity()
  return identity ? <Workspace /> : <Welcome />
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

function Workspace() {
  const spaces = useSpaces()
  const [selectedId, select] = useSelectedSpace(spaces)
  const space = useSpace(selectedId ?? '')

  return (
    <div className="app">
      <a className="skip-link" href="#board">
        Skip to board
      </a>
      <Header space={space} />
      <div className="layout">
        <Sidebar spaces={spaces} selectedId={selectedId} onSelect={select} />
        {space ? (
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
