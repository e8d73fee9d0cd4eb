import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { EchoError, type AuthenticateOptions, type Invitation, type InvitationOptions, type InvitationSnapshot, type Joining, type JoiningSnapshot, type JoinOptions } from '../core/index.ts'

/** What the host-side invitation hooks return. */
export interface InvitationFlow extends Omit<InvitationSnapshot, 'kind' | 'code'> {
  /** The invitation code ('' before `create()`). */
  code: string
  /** The live invitation, once created. */
  invitation: Invitation | undefined
  /** Creates a new invitation (cancelling a previous unfinished one). */
  create: (options?: InvitationOptions) => Invitation | undefined
  /** Cancels the current invitation. */
  cancel: () => void
}

/** What the guest-side join hooks return. */
export interface JoinFlow extends Omit<JoiningSnapshot, 'kind'> {
  /** Starts joining with a code or link; a bad code shows as state 'error' with the error. */
  join: (code: string, options?: JoinOptions) => void
  /** Sends the 6-digit code (and, linking a device, its name); resolves with the new state. */
  authenticate: (code: string, options?: AuthenticateOptions) => Promise<string>
  /** Cancels joining. */
  cancel: () => void
  /** Back to 'init' (e.g. to try another code). */
  reset: () => void
}

const IDLE_INVITATION: InvitationSnapshot = Object.freeze({ state: 'init', kind: 'space', code: '', attemptsLeft: 3, expiresAt: 0 })
const IDLE_JOINING: JoiningSnapshot = Object.freeze({ state: 'init', kind: 'space', attemptsLeft: 3, expiresAt: 0 })
const TERMINAL = new Set(['success', 'cancelled', 'expired', 'error'])
const noop = () => () => {}

/** Shared within src/react (not exported from the package). Host side: holds the current invitation, cancels an unfinished one on unmount. */
export function useInvitationFlow(make: ((options?: InvitationOptions) => Invitation) | undefined): InvitationFlow {
  const [invitation, setInvitation] = useState<Invitation | undefined>()
  const [failure, setFailure] = useState<EchoError | undefined>()
  const current = useRef(invitation)
  current.current = invitation
  const snapshot = useSyncExternalStore(invitation?.subscribe ?? noop, invitation?.getSnapshot ?? (() => IDLE_INVITATION), invitation?.getSnapshot ?? (() => IDLE_INVITATION))
  useEffect(() => () => {
    const inv = current.current
    if (inv && !TERMINAL.has(inv.state)) inv.cancel()
  }, [])
  const create = useCallback(
    (options?: InvitationOptions) => {
      const prev = current.current
      if (prev && !TERMINAL.has(prev.state)) prev.cancel()
      if (!make) return undefined
      try {
        const next = make(options)
        setFailure(undefined)
        setInvitation(next)
        return next
      } catch (error) {
        setFailure(error instanceof EchoError ? error : new EchoError('NETWORK_FAILED', String((error as Error)?.message ?? error)))
        setInvitation(undefined)
        return undefined
      }
    },
    [make],
  )
  const cancel = useCallback(() => current.current?.cancel(), [])
  const { kind: _kind, ...rest } = snapshot
  return { ...rest, ...(failure ? { state: 'error' as const, error: failure } : {}), invitation, create, cancel }
}

/** Shared within src/react (not exported from the package). Guest side: holds the current joining; a bad code becomes an error state. */
export function useJoinFlow(start: (code: string, options?: JoinOptions) => Joining): JoinFlow {
  const [joining, setJoining] = useState<Joining | undefined>()
  const [failure, setFailure] = useState<EchoError | undefined>()
  const current = useRef(joining)
  current.current = joining
  const snapshot = useSyncExternalStore(joining?.subscribe ?? noop, joining?.getSnapshot ?? (() => IDLE_JOINING), joining?.getSnapshot ?? (() => IDLE_JOINING))
  useEffect(() => () => {
    const j = current.current
    if (j && !TERMINAL.has(j.state)) j.cancel()
  }, [])
  const join = useCallback(
    (code: string, options?: JoinOptions) => {
      const prev = current.current
      if (prev && !TERMINAL.has(prev.state)) prev.cancel()
      try {
        setJoining(start(code, options))
        setFailure(undefined)
      } catch (error) {
        setJoining(undefined)
        setFailure(error instanceof EchoError ? error : new EchoError('INVALID_INVITATION', String((error as Error)?.message ?? error)))
      }
    },
    [start],
  )
  const authenticate = useCallback(async (code: string, options?: AuthenticateOptions) => (current.current ? current.current.authenticate(code, options) : 'init'), [])
  const cancel = useCallback(() => current.current?.cancel(), [])
  const reset = useCallback(() => {
    const prev = current.current
    if (prev && !TERMINAL.has(prev.state)) prev.cancel()
    setJoining(undefined)
    setFailure(undefined)
  }, [])
  const { kind: _kind, ...rest } = snapshot
  const state = failure ? { state: (failure.code === 'INVITATION_EXPIRED' ? 'expired' : 'error') as JoiningSnapshot['state'], error: failure } : {}
  return { ...rest, ...state, join, authenticate, cancel, reset }
}
