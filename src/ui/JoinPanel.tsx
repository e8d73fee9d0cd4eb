import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type FormEvent,
  type ReactNode,
  type Ref,
} from 'react'
import type { InvitationState, JoinOptions, Space } from '../core/index.ts'
import { useIdentity, type JoinFlow } from '../react/index.ts'
import { checkJoinCode } from './checkJoinCode.ts'
import { DeviceNameField } from './DeviceNameField.tsx'
import { suggestDeviceName } from './guessDevice.ts'
import { useMessages, type MessagesOverride } from './EchoUIProvider.tsx'
import { guestOutcome, guestPhase, type GuestPhase } from './guestOutcome.ts'
import { InvitationStatus } from './InvitationStatus.tsx'
import { KitButton, KitInput, Part, PartsScope, StepDescription, usePartClass, usePartClasses, visuallyHidden } from './kit.tsx'
import type { KitComponents, PartClassNames } from './KitComponents.ts'
import { PinInput } from './PinInput.tsx'
import { canScan, QrScanner } from './QrScanner.tsx'
import { JoinOutcome } from './JoinOutcome.tsx'
import { setRef } from './setRef.ts'
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
  kind?: 'space' | 'device' | undefined
  /** Code or `…#join=CODE` link to start with, e.g. read from the page URL by the app. */
  defaultCode?: string | undefined
  /** Start joining `defaultCode` at once instead of waiting for the Join button. Default true. */
  autoJoin?: boolean | undefined
  /** Passed to `join()` (e.g. `timeout`; `deviceName` starts the device-name field with it). */
  joinOptions?: JoinOptions | undefined
  /** Called by the success view's main button: with the joined space (space invitations). */
  onJoined?: (space: Space | undefined) => void
  /** Renders Close / Cancel buttons that leave (the dialogs pass their close function). */
  onClose?: (() => void) | undefined
  /** Replaces the step's description (default: the words of each step from the messages). */
  description?: ReactNode | undefined
  /** Words for this panel, merged over `EchoUIProvider`'s. */
  messages?: MessagesOverride | undefined
  /** Class names by part (`code-form`, `code-input`, `pin`, `actions`, `join`, …). */
  classNames?: PartClassNames | undefined
  /** The app's own Button and Input for this panel. */
  components?: KitComponents | undefined
  /** Drop the look of `echo-kit/styles.css` for this panel. */
  unstyled?: boolean | undefined
  ref?: Ref<HTMLDivElement> | undefined
}

/**
 * The guest side of an invitation, without the dialog around it: a labelled field for the
 * code or link, then the 6-digit code entry (focused as soon as it appears; a complete code is
 * sent at once), the attempts left, clear errors (wrong code, too many attempts, expired,
 * invalid code, cancelled by the host), and a success view whose heading takes focus. The
 * description follows the step, and the status line (a polite live region) says the same
 * words as what is shown.
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
export function JoinPanel({ classNames, components, ...props }: JoinPanelProps) {
  return (
    <PartsScope classNames={classNames} components={components}>
      <Panel {...props} />
    </PartsScope>
  )
}

function Panel({
  flow,
  kind = 'space',
  defaultCode,
  autoJoin = true,
  joinOptions,
  onJoined,
  onClose,
  description,
  messages,
  unstyled,
  className,
  ref,
  ...rest
}: Omit<JoinPanelProps, 'classNames' | 'components'>) {
  const { state, error, attemptsLeft, space, invitedBy, spaceName: claimedSpace, join, authenticate, cancel, reset } = flow
  const all = useMessages(messages)
  const device = kind === 'device'
  const m = device ? all.joinDevice : all.join
  const identity = useIdentity()
  const spaceName = useSpaceName(space)
  const [input, setInput] = useState(defaultCode ?? '')
  const [formError, setFormError] = useState<string | undefined>()
  const [pin, setPin] = useState('')
  const [pinError, setPinError] = useState<string | undefined>()
  const [scanning, setScanning] = useState(false)
  // A new device is asked for its name: on the form with the code, or (arrived by link, no form)
  // on the code step. It goes to the engine with the 6-digit code.
  // Suggested from the browser, so a device nobody names is not listed under the app's client name.
  const [deviceName, setDeviceName] = useState(() => joinOptions?.deviceName ?? suggestDeviceName(all.joinDevice))
  const [namedOnForm, setNamedOnForm] = useState(false)
  // With a code to join at once, show "connecting" from the first render instead of a form flash.
  const [starting, setStarting] = useState(() => autoJoin && !!defaultCode?.trim())
  const rootRef = useRef<HTMLDivElement | null>(null)
  const pinRef = useRef<HTMLDivElement>(null)
  const connectingRef = useRef<HTMLDivElement>(null)
  const ids = useId()
  const cls = usePartClasses()
  const rootClass = usePartClass('panel', className)
  const phase: GuestPhase = starting ? 'connecting' : guestPhase(state)
  const shownState: InvitationState = starting ? 'connecting' : state

  const latest = useRef({ identity, joinOptions, kind, join, all, m })
  latest.current = { identity, joinOptions, kind, join, all, m }

  /** Checks the code here (nothing connects for a bad one), then starts joining. */
  const start = (text: string): boolean => {
    const { identity: me, joinOptions: options, kind: k, join: run, all: words, m: mine } = latest.current
    const problem = checkJoinCode(text, k, me, words, mine)
    setFormError(problem)
    if (problem) return false
    setPin('')
    setPinError(undefined)
    run(text.trim(), options)
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

  // After a wrong code: an empty field with focus, in the same commit that shows the error (so
  // nothing typed in between lands in the old digits).
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
      setPinError(m.enterAllDigits)
      return
    }
    setPinError(undefined)
    await authenticate(code, device ? { deviceName: deviceName.trim() || undefined } : undefined)
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

  const wrong = phase === 'pin' && error?.code === 'AUTH_FAILED' && state === 'ready-for-auth'
  const result = guestOutcome(phase, state, error?.code, m, all, device ? (identity?.displayName ?? '') : spaceName)

  // One sentence per state for both the visible status line and the live region.
  const statusText = (st: InvitationState) => (result ? result.heading : phase === 'form' ? '' : st === 'error' ? all.genericError : m.status[st])
  const step = description ?? (phase === 'form' ? m.describe.form : phase === 'connecting' ? m.describe.connecting : m.describe.pin)
  const hideStatus = phase === 'form' || !!result
  const nameField = device && <DeviceNameField label={all.joinDevice.deviceNameLabel} hint={all.joinDevice.deviceNameHint} value={deviceName} onChange={setDeviceName} />

  return (
    <div
      {...rest}
      ref={(node) => {
        rootRef.current = node
        setRef(ref, node)
      }}
      className={rootClass}
      data-echo-panel=""
      data-echo-join=""
      data-part="panel"
      data-kind={kind}
      data-phase={phase}
      data-state={shownState}
      data-unstyled={unstyled ? '' : undefined}
    >
      {!result && <StepDescription>{step}</StepDescription>}
      <InvitationStatus
        id={`${ids}status`}
        state={shownState}
        errorCode={error?.code}
        side="guest"
        describe={statusText}
        className={cls.status}
        style={hideStatus ? visuallyHidden : undefined}
      />

      {phase === 'form' && (
        <Part
          as="form"
          part="code-form"
          noValidate
          onSubmit={(event: FormEvent) => {
            event.preventDefault()
            // The dialog is portalled, but React still bubbles submit to an app form around it.
            event.stopPropagation()
            if (start(input) && device) setNamedOnForm(true)
          }}
        >
          <Part as="label" part="label" htmlFor={`${ids}code`}>
            {m.codeLabel}
          </Part>
          <KitInput
            part="code-input"
            id={`${ids}code`}
            autoFocus
            data-autofocus=""
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
          />
          {formError ? (
            <Part as="p" id={`${ids}code-error`} role="alert" part="error">
              {formError}
            </Part>
          ) : (
            <Part as="p" id={`${ids}code-hint`} part="hint">
              {m.codeHint}
            </Part>
          )}
          {nameField}
          <Part part="actions">
            {onClose && (
              <KitButton part="close" onClick={onClose}>
                {all.close}
              </KitButton>
            )}
            <KitButton part="join" type="submit" variant="primary">
              {m.join}
            </KitButton>
          </Part>
        </Part>
      )}

      {phase === 'connecting' && (
        <>
          <Part ref={connectingRef} tabIndex={-1} part="connecting">
            <Part as="p" part="hint">
              {m.keepOpen}
            </Part>
          </Part>
          <Part part="actions">
            <KitButton part="cancel" onClick={leave}>
              {all.cancel}
            </KitButton>
          </Part>
        </>
      )}

      {phase === 'pin' && (
        <Part
          as="form"
          part="pin-form"
          noValidate
          aria-busy={state === 'authenticating' || undefined}
          onSubmit={(event: FormEvent) => {
            event.preventDefault()
            event.stopPropagation()
            void submitPin(pin)
          }}
        >
          {(invitedBy || claimedSpace) && (
            <Part as="p" part="invited-by">
              {m.invitedBy(invitedBy ?? '', claimedSpace ?? '')}
            </Part>
          )}
          {!namedOnForm && nameField}
          <PinInput
            ref={pinRef}
            label={m.pinLabel}
            autoFocus
            value={pin}
            onChange={(value) => {
              setPin(value)
              if (pinError) setPinError(undefined)
            }}
            onComplete={(code) => void submitPin(code)}
            invalid={wrong || !!pinError}
            aria-describedby={`${ids}status ${ids}pin-message`}
            className={cls.pin}
          />
          {scanning && (
            <QrScanner
              label={m.scanLabel}
              messages={{ scanning: m.scanning, denied: m.cameraDenied, unavailable: m.cameraUnavailable }}
              onScan={(text) => {
                // The host's QR holds the 6 digits; anything else in view is ignored.
                const digits = text.trim()
                if (!/^\d{6}$/.test(digits) || state !== 'ready-for-auth') return
                setScanning(false)
                setPin(digits)
                void submitPin(digits)
              }}
            />
          )}
          {wrong || pinError ? (
            <Part as="p" id={`${ids}pin-message`} role="alert" part="error">
              {pinError ?? m.wrongCode(attemptsLeft)}
            </Part>
          ) : (
            <Part as="p" id={`${ids}pin-message`} part="attempts">
              {state === 'authenticating' ? m.checking : all.attemptsLeft(attemptsLeft)}
            </Part>
          )}
          <Part part="actions">
            <KitButton part="cancel" onClick={leave}>
              {all.cancel}
            </KitButton>
            {canScan() && (
              <KitButton part="scan" aria-pressed={scanning} onClick={() => setScanning((on) => !on)}>
                {scanning ? m.scanStop : m.scan}
              </KitButton>
            )}
            <KitButton part="verify" type="submit" variant="primary" aria-disabled={state === 'authenticating' || undefined}>
              {state === 'authenticating' ? m.verifying : m.verify}
            </KitButton>
          </Part>
        </Part>
      )}

      {result && (
        <JoinOutcome
          success={phase === 'success'}
          heading={result.heading}
          message={result.message}
          openLabel={m.successAction}
          onOpen={
            onJoined || onClose
              ? () => {
                  onJoined?.(space)
                  onClose?.()
                }
              : undefined
          }
          closeLabel={all.close}
          onClose={onClose}
          againLabel={m.again}
          onAgain={again}
        />
      )}
    </div>
  )
}
