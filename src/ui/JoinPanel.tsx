import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type CSSProperties,
  type FormEvent,
  type Ref,
} from 'react'
import type { InvitationState, JoinOptions, Space } from '../core/index.ts'
import { decodeInvitationCode, isEchoError, useIdentity, type JoinFlow } from '../react/index.ts'
import { attemptsText } from './attemptsText.ts'
import { describeInvitationState } from './describeInvitationState.ts'
import { InvitationStatus } from './InvitationStatus.tsx'
import { panelStyles } from './panelStyles.ts'
import { PinInput } from './PinInput.tsx'
import { ResultHeading } from './ResultHeading.tsx'
import { buttonStyle, primaryButtonStyle, styleFor, tokens, visuallyHidden } from './theme.ts'
import { useSpaceName } from './useSpaceName.ts'

/**
 * Props of {@link JoinPanel}.
 *
 * @example
 * const props: JoinPanelProps = { flow: useJoinSpace(), defaultCode: codeFromLink, onJoined: (space) => open(space!) }
 */
export interface JoinPanelProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** What `useJoinSpace()` or `useJoinDevice()` returned. */
  flow: JoinFlow
  /** Joining a space (needs an identity) or joining as a new device (needs none). Default 'space'. */
  kind?: 'space' | 'device'
  /** Code or `…#join=CODE` link to start with, e.g. read from the page URL by the app. */
  defaultCode?: string
  /** Start joining `defaultCode` at once instead of waiting for the Join button. Default true. */
  autoJoin?: boolean
  /** Passed to `join()` (e.g. `timeout`). */
  joinOptions?: JoinOptions
  /** Called by the success view's main button: with the joined space (space invitations). */
  onJoined?: (space: Space | undefined) => void
  /** Renders Close / Cancel buttons that leave (the dialogs pass their close function). */
  onClose?: () => void
  /** Drop the default inline styles (keep `data-*` attributes for your own CSS). */
  unstyled?: boolean
  ref?: Ref<HTMLDivElement>
}

type Phase = 'form' | 'connecting' | 'pin' | 'success' | 'failed'

function phaseOf(state: InvitationState): Phase {
  switch (state) {
    case 'init':
      return 'form'
    case 'connecting':
    case 'connected':
      return 'connecting'
    case 'ready-for-auth':
    case 'authenticating':
      return 'pin'
    case 'success':
      return 'success'
    default:
      return 'failed'
  }
}

const deviceGuestText: Partial<Record<InvitationState, string>> = {
  connecting: 'Looking for your other device…',
  connected: 'Found it. Setting up a secure channel…',
  success: 'This device was added.',
}

/**
 * The guest side of an invitation, without the dialog around it: a labelled field for the
 * code or link, then the 6-digit code entry (focused as soon as it appears; a complete code is
 * sent at once), the attempts left, clear errors (wrong code, too many attempts, expired,
 * invalid code, cancelled by the host), and a success view whose heading takes focus.
 *
 * A code is checked before anything connects: a mistyped, expired or wrong-kind code (a device
 * invitation pasted into a space join) is reported next to the field.
 *
 * @example
 * function JoinPage({ code }: { code?: string }) {
 *   const flow = useJoinSpace()
 *   return <JoinPanel flow={flow} defaultCode={code} onJoined={(space) => navigate(`/space/${space!.id}`)} />
 * }
 */
export function JoinPanel({
  flow,
  kind = 'space',
  defaultCode,
  autoJoin = true,
  joinOptions,
  onJoined,
  onClose,
  unstyled,
  style,
  ref,
  ...rest
}: JoinPanelProps) {
  const { state, error, attemptsLeft, space, join, authenticate, cancel, reset } = flow
  const identity = useIdentity()
  const spaceName = useSpaceName(space)
  const device = kind === 'device'
  const [input, setInput] = useState(defaultCode ?? '')
  const [formError, setFormError] = useState<string | undefined>()
  const [pin, setPin] = useState('')
  const [pinError, setPinError] = useState<string | undefined>()
  // With a code to join at once, show "connecting" from the first render instead of a form flash.
  const [starting, setStarting] = useState(() => autoJoin && !!defaultCode?.trim())
  const rootRef = useRef<HTMLDivElement | null>(null)
  const pinRef = useRef<HTMLDivElement>(null)
  const connectingRef = useRef<HTMLDivElement>(null)
  const ids = useId()
  const phase: Phase = starting ? 'connecting' : phaseOf(state)

  const latest = useRef({ identity, joinOptions, kind, join })
  latest.current = { identity, joinOptions, kind, join }

  /** Checks the code here (nothing connects for a bad one), then starts joining. */
  const start = (text: string): boolean => {
    const { identity: me, joinOptions: options, kind: k, join: run } = latest.current
    const code = text.trim()
    let problem: string | undefined
    if (!code) problem = 'Paste the invitation code or link you were sent.'
    else {
      try {
        const parts = decodeInvitationCode(code)
        if (parts.kind !== k) {
          problem =
            k === 'space'
              ? 'This is a device invitation: it adds a new device to an identity. Open it on the new device instead.'
              : 'This is an invitation to a space, not a device invitation. Join the space instead.'
        } else if (k === 'space' && !me) problem = describeInvitationState('error', 'NO_IDENTITY')
        else if (k === 'device' && me) problem = `This device already belongs to ${me.displayName || 'an identity'}. Device invitations are for a new device.`
      } catch (e) {
        problem = isEchoError(e, 'INVITATION_EXPIRED')
          ? 'This invitation has expired. Ask for a new one.'
          : describeInvitationState('error', 'INVALID_INVITATION')
      }
    }
    setFormError(problem)
    if (problem) return false
    setPin('')
    setPinError(undefined)
    run(code, options)
    return true
  }

  useEffect(() => {
    if (!starting) return
    // A microtask rather than now: StrictMode's second effect run must not start a second join.
    let live = true
    queueMicrotask(() => {
      if (!live) return
      start(defaultCode ?? '')
      setStarting(false)
    })
    return () => {
      live = false
    }
    // Mount only: the default code is read once, like an input's defaultValue.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // Focus follows the flow when the content the user was on went away.
  useLayoutEffect(() => {
    const root = rootRef.current
    if (!root || phase !== 'connecting') return
    const active = root.ownerDocument.activeElement
    if (!active || active === root.ownerDocument.body || root.contains(active)) connectingRef.current?.focus()
  }, [phase])

  // After a wrong code: empty cells, focus on the first one, in the same commit that shows the
  // error (so nothing typed in between lands in the old digits).
  const prevAttempts = useRef(attemptsLeft)
  useLayoutEffect(() => {
    if (attemptsLeft < prevAttempts.current && state === 'ready-for-auth') {
      setPin('')
      pinRef.current?.querySelector('input')?.focus()
    }
    prevAttempts.current = attemptsLeft
  }, [attemptsLeft, state])

  const submitPin = async (code: string) => {
    if (state !== 'ready-for-auth') return
    if (!/^\d{6}$/.test(code)) {
      setPinError('Enter all 6 digits of the code.')
      return
    }
    setPinError(undefined)
    await authenticate(code)
  }

  const leave = () => {
    cancel()
    reset()
    if (onClose) onClose()
  }

  const again = () => {
    reset()
    setInput('')
    setFormError(undefined)
  }

  const s = (css: CSSProperties) => (unstyled ? undefined : css)
  const describe = device
    ? (st: InvitationState, c?: string, side?: 'host' | 'guest') => deviceGuestText[st] ?? describeInvitationState(st, c, side)
    : describeInvitationState

  const wrong = phase === 'pin' && error?.code === 'AUTH_FAILED' && state === 'ready-for-auth'
  let failure: { heading: string; message: string } | undefined
  if (phase === 'failed') {
    const code = error?.code
    if (state === 'expired') {
      failure = { heading: 'Invitation expired', message: device ? 'Create a new device invitation on your other device.' : 'Ask the person who invited you for a new invitation.' }
    } else if (state === 'cancelled') {
      failure = code === 'CANCELLED'
        ? { heading: 'Invitation cancelled', message: device ? 'It was cancelled on your other device. Create a new one there.' : 'The person who invited you cancelled it. Ask them for a new one.' }
        : { heading: 'Joining cancelled', message: 'Enter a code to try again.' }
    } else if (code === 'TOO_MANY_ATTEMPTS') {
      failure = { heading: 'Too many wrong codes', message: 'This invitation is closed. Ask for a new one and check the code carefully.' }
    } else if (code === 'NETWORK_FAILED') {
      failure = {
        heading: 'Could not connect',
        message: 'The other device did not answer. The invitation may have been used already, or the other device is offline or closed the invitation.',
      }
    } else {
      failure = { heading: 'Could not join', message: describeInvitationState('error', code, 'guest') }
    }
  }

  const footer = s(panelStyles.footer)
  const hideStatus = phase === 'form' || phase === 'success' || phase === 'failed'

  return (
    <div
      {...rest}
      ref={(node) => {
        rootRef.current = node
        if (typeof ref === 'function') ref(node)
        else if (ref) ref.current = node
      }}
      data-echo-panel=""
      data-echo-join=""
      data-kind={kind}
      data-state={starting ? 'connecting' : state}
      style={styleFor(unstyled, panelStyles.stack, style)}
    >
      <InvitationStatus
        id={`${ids}status`}
        state={starting ? 'connecting' : state}
        errorCode={error?.code}
        side="guest"
        describe={describe}
        unstyled={unstyled}
        style={hideStatus ? visuallyHidden : unstyled ? undefined : { alignSelf: 'flex-start' }}
      />

      {phase === 'form' && (
        <form
          noValidate
          data-part="code-form"
          style={s({ display: 'flex', flexDirection: 'column', gap: '0.5rem' })}
          onSubmit={(event: FormEvent) => {
            event.preventDefault()
            // The dialog is portalled, but React still bubbles submit to an app form around it.
            event.stopPropagation()
            start(input)
          }}
        >
          <label htmlFor={`${ids}code`} style={s(panelStyles.label)}>
            Invitation code or link
          </label>
          <input
            id={`${ids}code`}
            type="text"
            autoFocus
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            value={input}
            aria-invalid={formError ? true : undefined}
            aria-describedby={formError ? `${ids}code-error` : `${ids}code-hint`}
            onChange={(event) => {
              setInput(event.target.value)
              if (formError) setFormError(undefined)
            }}
            style={s({ ...panelStyles.input, borderColor: formError ? tokens.danger : tokens.controlBorder })}
          />
          {formError ? (
            <p id={`${ids}code-error`} role="alert" data-part="error" style={s(panelStyles.error)}>
              {formError}
            </p>
          ) : (
            <p id={`${ids}code-hint`} style={s(panelStyles.hint)}>
              {device ? 'Create a device invitation on your other device and paste it here.' : 'Paste the code or link you were sent.'}
            </p>
          )}
          <div style={footer}>
            {onClose && (
              <button type="button" style={s(buttonStyle)} onClick={onClose}>
                Close
              </button>
            )}
            <button type="submit" style={s(primaryButtonStyle)}>
              Join
            </button>
          </div>
        </form>
      )}

      {phase === 'connecting' && (
        <>
          <div ref={connectingRef} tabIndex={-1} data-part="connecting" style={s({ outline: 'none' })}>
            <p style={s(panelStyles.text)}>
              {device ? 'Keep the invitation open on your other device.' : 'Keep this open: the person who invited you must have the invitation open too.'}
            </p>
          </div>
          <div style={footer}>
            <button type="button" style={s(buttonStyle)} onClick={leave}>
              Cancel
            </button>
          </div>
        </>
      )}

      {phase === 'pin' && (
        <form
          noValidate
          data-part="pin-form"
          aria-busy={state === 'authenticating' || undefined}
          style={s({ display: 'flex', flexDirection: 'column', gap: '0.75rem', alignItems: 'center' })}
          onSubmit={(event: FormEvent) => {
            event.preventDefault()
            event.stopPropagation()
            void submitPin(pin)
          }}
        >
          <PinInput
            ref={pinRef}
            label="Authorization code"
            autoFocus
            value={pin}
            onChange={(value) => {
              setPin(value)
              if (pinError) setPinError(undefined)
            }}
            onComplete={(code) => void submitPin(code)}
            invalid={wrong || !!pinError}
            aria-describedby={`${ids}status ${ids}pin-message`}
            unstyled={unstyled}
          />
          {wrong || pinError ? (
            <p id={`${ids}pin-message`} role="alert" data-part="error" style={s({ ...panelStyles.error, alignSelf: 'stretch', textAlign: 'center' })}>
              {pinError ?? `That code is not right. ${attemptsText(attemptsLeft)} left.`}
            </p>
          ) : (
            <p id={`${ids}pin-message`} data-part="attempts" style={s({ ...panelStyles.hint, alignSelf: 'stretch', textAlign: 'center' })}>
              {state === 'authenticating' ? 'Checking the code…' : `${attemptsText(attemptsLeft)} left.`}
            </p>
          )}
          <div style={s({ ...panelStyles.footer, alignSelf: 'stretch' })}>
            <button type="button" style={s(buttonStyle)} onClick={leave}>
              Cancel
            </button>
            <button type="submit" aria-disabled={state === 'authenticating' || undefined} style={s(primaryButtonStyle)}>
              {state === 'authenticating' ? 'Checking…' : 'Verify'}
            </button>
          </div>
        </form>
      )}

      {phase === 'success' && (
        <>
          <div data-part="result" style={s({ display: 'flex', flexDirection: 'column', gap: '0.5rem' })}>
            <ResultHeading unstyled={unstyled}>
              {device ? `This device now belongs to ${identity?.displayName || 'your identity'}` : `You joined ${spaceName || 'the space'}`}
            </ResultHeading>
            <p style={s(panelStyles.text)}>
              {device ? 'Your spaces are coming to this device and will stay in sync.' : 'The space is on this device now and stays in sync while you are online.'}
            </p>
          </div>
          {(onJoined || onClose) && (
            <div style={footer}>
              <button
                type="button"
                style={s(primaryButtonStyle)}
                onClick={() => {
                  onJoined?.(space)
                  onClose?.()
                }}
              >
                {device ? 'Done' : 'Open space'}
              </button>
            </div>
          )}
        </>
      )}

      {failure && (
        <>
          <div data-part="result" style={s({ display: 'flex', flexDirection: 'column', gap: '0.5rem' })}>
            <ResultHeading unstyled={unstyled}>{failure.heading}</ResultHeading>
            <p style={s(panelStyles.error)}>{failure.message}</p>
          </div>
          <div style={footer}>
            {onClose && (
              <button type="button" style={s(buttonStyle)} onClick={onClose}>
                Close
              </button>
            )}
            <button type="button" style={s(primaryButtonStyle)} onClick={again}>
              Enter another code
            </button>
          </div>
        </>
      )}
    </div>
  )
}
