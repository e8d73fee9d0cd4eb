import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState, type CSSProperties } from 'react'
import type { Client } from '../core/index.ts'
import { inspectClient } from '../core/inspect/index.ts'
import { EchoProvider, useClient } from '../react/index.ts'
import type { DevtoolsTab } from './DevtoolsTab.ts'

// The panel is a separate chunk, fetched on first open: an app that renders <EchoDevtools />
// pays for this toggle only (as with TanStack Query's devtools).
const DevtoolsPanel = lazy(() => import('./DevtoolsPanel.tsx'))

/** Props of {@link EchoDevtools}. */
export interface EchoDevtoolsProps {
  /** The client to inspect; default: the one of the nearest `<EchoProvider>` (one of the two is needed). */
  client?: Client | undefined
  /** Open on first render (default false). */
  initialIsOpen?: boolean | undefined
  /** The tab shown first (default 'spaces'). */
  initialTab?: DevtoolsTab | undefined
  /** Called when the panel opens or closes. */
  onOpenChange?: ((open: boolean) => void) | undefined
  /** Which corner the toggle sits in (default 'bottom-right'). */
  position?: 'bottom-right' | 'bottom-left' | undefined
  /** Drops the default look (`echo-kit/devtools.css`) for the toggle and panel; parts keep `data-part`. */
  unstyled?: boolean | undefined
  /** Class of the outer element (toggle and panel). */
  className?: string | undefined
  style?: CSSProperties | undefined
}

/**
 * In-app devtools for echo-kit: a small toggle button; the panel (spaces, objects, live queries,
 * peers, network, problems) loads on first open. Read-only diagnostics, plus editing an object's
 * field through the public API (so a reader cannot, and errors are shown). Render it inside
 * `<EchoProvider>` (or pass `client`); style it with `import 'echo-kit/devtools.css'`.
 *
 * @example
 * import { EchoDevtools } from 'echo-kit/devtools'
 * import 'echo-kit/devtools.css'
 * <EchoProvider client={client}><App /><EchoDevtools /></EchoProvider>
 */
export function EchoDevtools({ client, ...props }: EchoDevtoolsProps) {
  if (!client) return <Devtools {...props} />
  return (
    <EchoProvider client={client}>
      <Devtools {...props} />
    </EchoProvider>
  )
}

function Devtools({ initialIsOpen = false, initialTab = 'spaces', onOpenChange, position = 'bottom-right', unstyled, className, style }: Omit<EchoDevtoolsProps, 'client'>) {
  const client = useClient()
  // Starts the per-peer traffic counters now, so the panel shows bytes from before it opened.
  useEffect(() => void inspectClient(client), [client])
  const [open, setOpen] = useState(initialIsOpen)
  const toggle = useRef<HTMLButtonElement>(null)
  const refocus = useRef(false)
  const panelId = useId()
  const change = useCallback(
    (next: boolean) => {
      setOpen(next)
      onOpenChange?.(next)
      refocus.current = !next
    },
    [onOpenChange],
  )
  // Closing (Escape, Close, the toggle) puts focus on the toggle, once it is shown again.
  useEffect(() => {
    if (open || !refocus.current) return
    refocus.current = false
    toggle.current?.focus()
  }, [open])
  return (
    // A landmark of its own (top level, beside the app's main), so nothing of it sits outside one.
    <aside aria-label="Echo devtools" data-part="devtools" data-position={position} data-state={open ? 'open' : 'closed'} data-unstyled={unstyled ? '' : undefined} className={className} style={style}>
      <button
        ref={toggle}
        type="button"
        data-part="devtools-toggle"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => change(!open)}
      >
        {open ? 'Close echo devtools' : 'Echo devtools'}
      </button>
      {open && (
        <Suspense
          fallback={
            <div data-part="devtools-panel" id={panelId} role="status">
              Loading devtools…
            </div>
          }
        >
          <DevtoolsPanel id={panelId} initialTab={initialTab} onClose={() => change(false)} />
        </Suspense>
      )}
    </aside>
  )
}
