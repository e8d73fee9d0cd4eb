import { useEffect, useLayoutEffect, useMemo, useState, type CSSProperties, type RefObject } from 'react'
import type { EchoObject, PresencePeer, PresenceState, Space, TextHandle } from '../core/index.ts'
import { usePresence, useSpaces } from '../react/index.ts'
import { useMessages } from './EchoUIProvider.tsx'
import { presenceColor } from './presenceColor.ts'

/** The key of the presence state a TextField shares its caret under (the rest stays the app's). */
export const CARET_KEY = '@caret'

/** A caret as it travels in presence: text cursors, so it stays on its characters. */
interface SharedCaret {
  object: string
  field: string
  start: string
  end: string
}

type Field = HTMLInputElement | HTMLTextAreaElement

/** Props of {@link RemoteCarets}. */
export interface RemoteCaretsProps {
  /** The input or textarea the carets are drawn over. */
  target: RefObject<Field | null>
  object: EchoObject | undefined
  field: string
  text: TextHandle | undefined
  /** The text shown now (carets are placed again when it changes). */
  value: string
}

interface Placed {
  key: string
  name: string
  color: number
  caret: Box
  selection: Box[]
}
type Box = { left: number; top: number; width: number; height: number }

/**
 * Other peers' carets and selections on the same text field (name + colour), drawn over a
 * TextField, and this device's caret shared through presence. Carets travel as Automerge text
 * cursors, so each stays on its characters while anyone edits; a caret on characters that have
 * not synced here yet waits. Renders nothing while nobody else is in the field.
 *
 * @example <RemoteCarets target={ref} object={note} field="body" text={text} value={value} />
 */
export function RemoteCarets({ target, object, field, text, value }: RemoteCaretsProps) {
  const id = object?.['@id']
  const spaces = useSpaces()
  const space = useMemo(() => (id ? spaces.find((s) => s.status !== 'closed' && s.db.get(id) !== undefined) : undefined), [spaces, id])
  useShareCaret(space, target, id, field, text)
  const { peers } = usePresence(space)
  const m = useMessages().presence
  const [placed, setPlaced] = useState<Placed[]>([])
  const [frame, setFrame] = useState(0)

  // Heartbeats renew `lastSeen` every second: carets are placed again only when they change.
  const inField = peers.filter((p) => caretOf(p.state, id, field))
  const hereKey = JSON.stringify(inField.map((p) => [p.deviceKey, p.displayName, caretOf(p.state, id, field)]))
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content, see above
  const here = useMemo(() => inField, [hereKey])

  // Scrolling and resizing move the text under the carets.
  useEffect(() => {
    const el = target.current
    if (!el || !here.length) return
    const again = () => setFrame((n) => n + 1)
    el.addEventListener('scroll', again)
    window.addEventListener('resize', again)
    return () => {
      el.removeEventListener('scroll', again)
      window.removeEventListener('resize', again)
    }
  }, [target, here.length])

  useLayoutEffect(() => {
    const el = target.current
    if (!el || !text || !here.length) return setPlaced((p) => (p.length ? [] : p))
    const out: Placed[] = []
    for (const peer of here) {
      const caret = caretOf(peer.state, id, field)!
      const start = text.find(caret.start)
      const end = text.find(caret.end)
      // Not placeable yet (the peer's latest characters have not synced here): wait.
      if (start === undefined || end === undefined) continue
      const boxes = measure(el, value, Math.min(start, end), Math.max(start, end))
      if (!boxes) continue
      const name = peer.displayName.trim() || m.unnamed(peer.identityKey.slice(0, 8))
      out.push({ key: peer.deviceKey, name, color: presenceColor(peer.identityKey), ...boxes })
    }
    setPlaced(out)
  }, [here, text, value, frame, target, id, field, m])

  const el = target.current
  if (!placed.length || !el) return null
  return (
    <span data-echo-remote-carets="" aria-hidden="true" style={overlayAt(el)}>
      {placed.map((p) => (
        <span key={p.key} data-part="remote-caret-group" data-name={p.name} data-color={p.color}>
          {p.selection.map((b, i) => (
            <span key={i} data-part="remote-selection" style={boxAt(b)} />
          ))}
          <span data-part="remote-caret" style={boxAt({ ...p.caret, width: 2 })}>
            <span data-part="remote-caret-label">{p.name}</span>
          </span>
        </span>
      ))}
    </span>
  )
}

// Geometry only (where the text is drawn): the look comes from styles.css by data-part.
const overlayAt = (el: Field): CSSProperties => ({ position: 'absolute', left: el.offsetLeft, top: el.offsetTop, width: el.offsetWidth, height: el.offsetHeight, pointerEvents: 'none' })
const boxAt = (b: Box): CSSProperties => ({ position: 'absolute', left: b.left, top: b.top, width: b.width, height: b.height })

/** Shares this device's caret in `field` of `objectId` while the element has focus. */
function useShareCaret(space: Space | undefined, target: RefObject<Field | null>, objectId: string | undefined, field: string, text: TextHandle | undefined) {
  useEffect(() => {
    const el = target.current
    const presence = space?.presence
    if (!el || !presence || !objectId || !text || space.status === 'closed') return
    let timer: ReturnType<typeof setTimeout> | undefined
    const share = (caret: SharedCaret | undefined) => {
      if (space.status === 'closed') return
      presence.setPresence((state) => {
        // The app's own state is kept; a state that is not an object has no room for a caret.
        if (state !== null && (typeof state !== 'object' || Array.isArray(state))) return state
        const { [CARET_KEY]: _old, ...rest } = (state ?? {}) as Record<string, PresenceState>
        return caret ? { ...rest, [CARET_KEY]: caret as unknown as PresenceState } : Object.keys(rest).length ? rest : null
      })
    }
    const update = () => {
      clearTimeout(timer)
      // After the task: the edit that moved the caret is committed, so its cursor exists.
      timer = setTimeout(() => {
        if (document.activeElement !== el) return
        try {
          share({ object: objectId, field, start: text.cursor(el.selectionStart ?? 0), end: text.cursor(el.selectionEnd ?? 0) })
        } catch {
          // No cursor while the field is not collaborative text (missing, or an atomic string): no caret to share.
          share(undefined)
        }
      }, 0)
    }
    const leave = () => {
      clearTimeout(timer)
      share(undefined)
    }
    const onSelectionChange = () => document.activeElement === el && update()
    const events = ['focus', 'input', 'select', 'keyup', 'mouseup'] as const
    for (const e of events) el.addEventListener(e, update)
    el.addEventListener('blur', leave)
    document.addEventListener('selectionchange', onSelectionChange)
    if (document.activeElement === el) update()
    return () => {
      for (const e of events) el.removeEventListener(e, update)
      el.removeEventListener('blur', leave)
      document.removeEventListener('selectionchange', onSelectionChange)
      leave()
    }
  }, [space, target, objectId, field, text])
}

function caretOf(state: PresenceState, objectId: string | undefined, field: string): SharedCaret | undefined {
  if (!state || typeof state !== 'object' || Array.isArray(state)) return undefined
  const c = (state as Record<string, unknown>)[CARET_KEY] as Partial<SharedCaret> | undefined
  if (!c || typeof c !== 'object' || c.object !== objectId || c.field !== field) return undefined
  return typeof c.start === 'string' && typeof c.end === 'string' ? (c as SharedCaret) : undefined
}

const COPIED = [
  'direction', 'box-sizing', 'width', 'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width', 'border-style',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'font-style', 'font-variant', 'font-weight', 'font-stretch', 'font-size',
  'line-height', 'font-family', 'text-align', 'text-transform', 'text-indent', 'letter-spacing', 'word-spacing', 'tab-size',
]

/**
 * Where characters `start`..`end` of the element's text are drawn, relative to its border
 * box: a mirror element with the same text metrics lays the text out, a DOM Range reads it.
 * Undefined where the browser does no layout (then no caret is drawn).
 */
function measure(el: Field, value: string, start: number, end: number): { caret: Box; selection: Box[] } | undefined {
  const style = getComputedStyle(el)
  const mirror = document.createElement('div')
  for (const prop of COPIED) mirror.style.setProperty(prop, style.getPropertyValue(prop))
  const multiline = el instanceof HTMLTextAreaElement
  Object.assign(mirror.style, {
    position: 'absolute',
    visibility: 'hidden',
    top: '0',
    left: '-9999px',
    whiteSpace: multiline ? 'pre-wrap' : 'pre',
    overflowWrap: multiline ? 'break-word' : 'normal',
    overflowY: multiline && el.scrollHeight > el.clientHeight ? 'scroll' : 'hidden',
    height: 'auto',
  })
  // An input centres its one line: the mirror's line fills the content box the same way.
  if (!multiline) mirror.style.lineHeight = `${el.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)}px`
  mirror.textContent = value + '\u200b'
  document.body.appendChild(mirror)
  try {
    const node = mirror.firstChild as Text
    const base = mirror.getBoundingClientRect()
    const range = document.createRange()
    const at = (b: DOMRect): Box => ({ left: b.left - base.left - el.scrollLeft, top: b.top - base.top - el.scrollTop, width: b.width, height: b.height })
    range.setStart(node, end)
    range.setEnd(node, end)
    // Without layout (jsdom) a Range has no geometry: the caret goes to the start, still named.
    const caretRect = typeof range.getBoundingClientRect === 'function' ? range.getBoundingClientRect() : undefined
    const caret = caretRect ? at(caretRect) : { left: 0, top: 0, width: 0, height: 0 }
    if (!caret.height) caret.height = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2 || 16
    range.setStart(node, start)
    const selection = start === end || typeof range.getClientRects !== 'function' ? [] : [...range.getClientRects()].map(at).filter((b) => b.width > 0)
    // Only what is in view: scrolled-away carets are not drawn over other content.
    const inView = (b: Box) => b.top + b.height > 0 && b.top < el.clientHeight + 1 && b.left >= -1 && b.left <= el.clientWidth + 1
    return inView(caret) || selection.some(inView) ? { caret, selection: selection.filter(inView) } : undefined
  } finally {
    mirror.remove()
  }
}
