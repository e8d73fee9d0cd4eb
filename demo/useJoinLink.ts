import { useCallback, useEffect, useMemo, useState } from 'react'
import { decodeInvitationCode, type InvitationKind } from '../src/index.ts'

/** An invitation opened as a link (`…#join=CODE`). */
export type JoinLink = {
  code: string
  /** 'space' or 'device'; undefined for a code that does not decode (the dialog then says why). */
  kind: InvitationKind | undefined
}

function readHash(): string | null {
  const match = /^#join=(.+)$/.exec(globalThis.location?.hash ?? '')
  if (!match) return null
  try {
    return decodeURIComponent(match[1]!)
  } catch {
    return match[1]!
  }
}

/** The page URL without its hash: what invitation links open (without `?name=`, see below). */
export function linkBase(): string {
  // `?name=` picks a client in *this* browser; a link sent to someone else must not carry it.
  return `${location.origin}${location.pathname}`
}

/**
 * The invitation code in the page URL (`#join=CODE`), also when it arrives later (a link pasted
 * into the address bar of an open tab); a function that removes it from the URL once used (a
 * code works once, so a reload must not try it again); and a counter of the links seen, which
 * changes when a new link arrives but not when one is cleared (a key that restarts a join dialog
 * for a new code without remounting it, and losing focus, when the code is cleared).
 */
export function useJoinLink(): [JoinLink | null, () => void, number] {
  const [{ code, serial }, setState] = useState(() => ({ code: readHash(), serial: 0 }))
  useEffect(() => {
    const onHashChange = () => {
      const next = readHash()
      setState((s) => (next === s.code ? s : { code: next, serial: next ? s.serial + 1 : s.serial }))
    }
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [])
  const clear = useCallback(() => {
    if (readHash() !== null) history.replaceState(history.state, '', `${location.pathname}${location.search}`)
    setState((s) => (s.code === null ? s : { code: null, serial: s.serial }))
  }, [])
  const link = useMemo<JoinLink | null>(() => {
    if (!code) return null
    let kind: InvitationKind | undefined
    try {
      kind = decodeInvitationCode(code).kind
    } catch {
      kind = undefined
    }
    return { code, kind }
  }, [code])
  return [link, clear, serial]
}
