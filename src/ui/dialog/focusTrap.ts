import type { KeyboardEvent as ReactKeyboardEvent, RefObject } from 'react'

// What Tab can reach; filtered further by tabIndex and [hidden]/[inert] in tabbables().
const TABBABLE = [
  'a[href]',
  'area[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'iframe',
  'audio[controls]',
  'video[controls]',
  '[tabindex]',
  '[contenteditable]:not([contenteditable="false"])',
].join(',')

function tabbables(root: HTMLElement): HTMLElement[] {
  // No layout checks: they cost a reflow and jsdom has no layout; hidden/inert covers our cases.
  return Array.from(root.querySelectorAll<HTMLElement>(TABBABLE)).filter(
    (element) => element.tabIndex >= 0 && !element.closest('[hidden],[inert]'),
  )
}

/**
 * Moves focus into a dialog panel: `initialFocus` if given, else an element marked
 * `autofocus`/`data-autofocus`, else the first tabbable element, else the panel itself.
 *
 * @example if (!panel.contains(document.activeElement)) focusFirst(panel, initialFocus)
 */
export function focusFirst(panel: HTMLElement, initialFocus?: RefObject<HTMLElement | null>): void {
  const target =
    initialFocus?.current ??
    panel.querySelector<HTMLElement>('[autofocus],[data-autofocus]') ??
    tabbables(panel)[0] ??
    panel
  target.focus()
}

/**
 * The keyboard half of the focus trap (the `focusin` half lives with the open dialog): Tab on
 * the last tabbable wraps to the first, Shift+Tab on the first (or the panel) to the last; a
 * panel with nothing tabbable keeps focus on itself. Leaves other keys, and a Tab whose
 * default was already prevented, alone.
 *
 * @example <div onKeyDown={(event) => trapTab(event, panelRef.current)} />
 */
export function trapTab(event: ReactKeyboardEvent<HTMLElement>, panel: HTMLElement | null): void {
  if (event.key !== 'Tab' || event.defaultPrevented) return
  if (!panel) return
  const items = tabbables(panel)
  const active = document.activeElement
  if (items.length === 0) {
    event.preventDefault()
    panel.focus()
    return
  }
  const first = items[0]!
  const last = items[items.length - 1]!
  if (event.shiftKey && (active === first || active === panel)) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && active === last) {
    event.preventDefault()
    first.focus()
  }
}
