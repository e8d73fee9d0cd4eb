import { useEffect, useId, useLayoutEffect, useRef, type ComponentPropsWithoutRef, type CSSProperties, type Ref } from 'react'
import type { Invitation, InvitationOptions, InvitationState } from '../core/index.ts'
import type { InvitationFlow } from '../react/index.ts'
import { attemptsText } from './attemptsText.ts'
import { AuthCode } from './AuthCode.tsx'
import { CopyButton } from './CopyButton.tsx'
import { describeInvitationState } from './describeInvitationState.ts'
import { InvitationStatus } from './InvitationStatus.tsx'
import { panelStyles } from './panelStyles.ts'
import { QrCode } from './QrCode.tsx'
import { ResultHeading } from './ResultHeading.tsx'
import { buttonStyle, primaryButtonStyle, styleFor, visuallyHidden } from './theme.ts'

/**
 * Props of {@link InvitationPanel}.
 *
 * @example
 * const props: InvitationPanelProps = { flow: useSpaceInvitation(space), spaceName: space.name }
 */
export interface InvitationPanelProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** What `useSpaceInvitation(space)` or `useDeviceInvitation()` returned. */
  flow: InvitationFlow
  /** Wording: inviting a person to a space, or a new device of this identity. Default 'space'. */
  kind?: 'space' | 'device'
  /** Shown in the success message ("Bob joined Team"). */
  spaceName?: string
  /**
   * Page the `#join=` link opens. Default: the document's base URL (`document.baseURI`, which
   * follows a `<base href>` element, else the current page) without its hash. With a router,
   * give the app's entry URL here or set `<base href="/">`, so the guest does not land on a route
   * for a space it does not have yet.
   */
  linkBase?: string
  /** Options for `create()` (role, expiresIn, maxAttempts). Read when an invitation is made. */
  options?: InvitationOptions
  /** Create an invitation when the panel mounts (and cancel it on unmount). Default true. */
  autoCreate?: boolean
  /** Called with each new invitation, e.g. to also send the code through another channel. */
  onInvitation?: (invitation: Invitation) => void
  /** Renders a Close button (the dialogs pass their close function). */
  onClose?: () => void
  /** Drop the default inline styles (keep `data-*` attributes for your own CSS). */
  unstyled?: boolean
  ref?: Ref<HTMLDivElement>
}

/** What the panel shows; follows the invitation state. */
type Phase = 'creating' | 'waiting' | 'auth' | 'done'

const TERMINAL: ReadonlySet<InvitationState> = new Set(['success', 'cancelled', 'expired', 'error'])
// Errors a new invitation would hit again: no "New invitation" button for them.
const FATAL = new Set(['FORBIDDEN', 'NO_IDENTITY', 'NOT_A_MEMBER', 'CLOSED'])

function phaseOf(state: InvitationState): Phase {
  if (state === 'init') return 'creating'
  if (state === 'connecting') return 'waiting'
  if (TERMINAL.has(state)) return 'done'
  return 'auth'
}

const deviceHostText: Partial<Record<InvitationState, string>> = {
  connecting: 'Waiting for your new device to connect…',
  connected: 'Your new device is connected. Setting up a secure channel…',
  'ready-for-auth': 'Enter this code on your new device.',
  authenticating: 'Your new device is checking the code…',
  success: 'The new device was added.',
}

function defaultLinkBase(): string {
  return typeof document === 'undefined' ? '' : document.baseURI.split('#')[0]!
}

/**
 * The host side of an invitation, without the dialog around it: while waiting, the invitation
 * as a QR code, a link and a raw code (each with a Copy button); once a guest connects, the
 * 6-digit authorization code in big digits and as a QR code, with the attempts the guest has
 * left; then a clear result (who joined, or expired / cancelled / too many attempts, with a
 * "New invitation" button). A polite live region follows every state change; focus moves to
 * what appeared when the previous content went away.
 *
 * Give it the flow of {@link useSpaceInvitation} or {@link useDeviceInvitation}; use
 * {@link InvitationDialog} / {@link DeviceInvitationDialog} for the ready-made dialogs.
 *
 * @example
 * function InvitePage({ space }: { space: Space }) {
 *   const flow = useSpaceInvitation(space)
 *   return <InvitationPanel flow={flow} spaceName={space.name} options={{ role: 'reader' }} />
 * }
 */
export function InvitationPanel({
  flow,
  kind = 'space',
  spaceName,
  linkBase,
  options,
  autoCreate = true,
  onInvitation,
  onClose,
  unstyled,
  style,
  ref,
  ...rest
}: InvitationPanelProps) {
  const { state, code, authCode, attemptsLeft, expiresAt, error, guest, invitation, create, cancel } = flow
  const phase = phaseOf(state)
  const optionsRef = useRef(options)
  optionsRef.current = options
  const onInvitationRef = useRef(onInvitation)
  onInvitationRef.current = onInvitation
  const cancelledHere = useRef(false)
  // The phase before the invitation ended: a guest can only cancel once connected ('auth').
  const lastLive = useRef<Phase>('creating')
  if (phase !== 'done') lastLive.current = phase
  const rootRef = useRef<HTMLDivElement | null>(null)
  const copyRef = useRef<HTMLButtonElement>(null)
  const authRef = useRef<HTMLDivElement>(null)
  const ids = useId()

  useEffect(() => {
    if (!autoCreate) return
    const created = create(optionsRef.current)
    // StrictMode runs this twice: the first invitation is cancelled here, not leaked.
    return () => created?.cancel()
  }, [autoCreate, create])

  useEffect(() => {
    if (invitation) onInvitationRef.current?.(invitation)
  }, [invitation])

  // When the content the user was on goes away (guest connected, new invitation), focus what
  // replaced it; never pull focus from outside the panel.
  useLayoutEffect(() => {
    const root = rootRef.current
    const target = phase === 'waiting' ? copyRef.current : phase === 'auth' ? authRef.current : null
    if (!root || !target) return
    const active = root.ownerDocument.activeElement
    if (!active || active === root.ownerDocument.body || root.contains(active)) target.focus()
  }, [phase, invitation])

  const base = linkBase ?? defaultLinkBase()
  const link = code ? (base ? `${base.split('#')[0]}#join=${code}` : '') : ''
  const device = kind === 'device'
  const describe = device
    ? (s: InvitationState, c?: string, side?: 'host' | 'guest') => deviceHostText[s] ?? describeInvitationState(s, c, side)
    : describeInvitationState
  const s = (css: CSSProperties) => (unstyled ? undefined : css)

  const startNew = () => {
    cancelledHere.current = false
    create(optionsRef.current)
  }

  let result: { heading: string; message: string } | undefined
  if (phase === 'done') {
    const who = guest?.displayName
    if (state === 'success') {
      result = device
        ? { heading: who ? `“${who}” was added to your devices` : 'The new device was added', message: 'It now has all your spaces and keeps them in sync.' }
        : {
            heading: `${who || 'Your guest'} joined ${spaceName || 'the space'}`,
            message: `They joined as ${optionsRef.current?.role ?? 'editor'} and can now open the space on their device.`,
          }
    } else if (state === 'expired') {
      result = { heading: 'Invitation expired', message: `No${device ? ' device' : 'body'} joined in time. Create a new invitation to try again.` }
    } else if (state === 'cancelled') {
      // Who cancelled is inferred here, not read from the flow's `cancelledBy` (which the engine
      // does set): a cancel not made with this panel's button while a guest was connected is
      // shown as the guest's. So an app that cancels the invitation itself meanwhile reads as the guest.
      result =
        !cancelledHere.current && lastLive.current === 'auth'
          ? { heading: 'Invitation cancelled', message: `${device ? 'The new device' : 'Your guest'} cancelled joining. Create a new invitation to try again.` }
          : { heading: 'Invitation cancelled', message: 'Nobody can use it any more. Create a new one when you are ready.' }
    } else if (error?.code === 'TOO_MANY_ATTEMPTS') {
      result = {
        heading: 'Too many wrong codes',
        message: `The invitation was closed to keep your ${device ? 'identity' : 'space'} safe. Create a new one and check the code together.`,
      }
    } else {
      const message =
        error?.code === 'NO_IDENTITY'
          ? 'Create your identity first.'
          : device && error?.code === 'FORBIDDEN'
            ? 'Only the device that created your identity can add devices. Add the new device from there.'
            : describeInvitationState('error', error?.code, 'host')
      result = { heading: 'Invitation failed', message }
    }
  }
  const canRetry = phase === 'done' && !(state === 'error' && error && FATAL.has(error.code))

  return (
    <div
      {...rest}
      ref={(node) => {
        rootRef.current = node
        if (typeof ref === 'function') ref(node)
        else if (ref) ref.current = node
      }}
      data-echo-panel=""
      data-echo-invitation=""
      data-kind={kind}
      data-state={state}
      style={styleFor(unstyled, panelStyles.stack, style)}
    >
      {/* Always mounted: screen readers only announce changes to a live region they know. */}
      <InvitationStatus
        id={`${ids}status`}
        state={state}
        errorCode={error?.code}
        side="host"
        describe={describe}
        unstyled={unstyled}
        style={phase === 'done' ? visuallyHidden : unstyled ? undefined : { alignSelf: 'flex-start' }}
      />

      {phase === 'waiting' && (
        <>
          <div data-part="qr" style={s(panelStyles.center)}>
            <QrCode value={link || code} label={link ? 'QR code of the invitation link' : 'QR code of the invitation code'} unstyled={unstyled} />
          </div>
          {link && (
            <div data-part="link">
              <label htmlFor={`${ids}link`} style={s(panelStyles.label)}>
                Invitation link
              </label>
              <div style={s(panelStyles.fieldRow)}>
                <input
                  id={`${ids}link`}
                  type="text"
                  readOnly
                  value={link}
                  onFocus={(e) => e.currentTarget.select()}
                  style={s({ ...panelStyles.input, ...panelStyles.mono })}
                />
                <CopyButton ref={copyRef} text={link} unstyled={unstyled} style={s(copyStyle)}>
                  Copy link
                </CopyButton>
              </div>
            </div>
          )}
          <div data-part="code">
            <label htmlFor={`${ids}code`} style={s(panelStyles.label)}>
              Invitation code
            </label>
            <div style={s(panelStyles.fieldRow)}>
              <input
                id={`${ids}code`}
                type="text"
                readOnly
                value={code}
                onFocus={(e) => e.currentTarget.select()}
                style={s({ ...panelStyles.input, ...panelStyles.mono })}
              />
              <CopyButton ref={link ? undefined : copyRef} text={code} unstyled={unstyled} style={s(copyStyle)}>
                Copy code
              </CopyButton>
            </div>
          </div>
          <p data-part="expiry" style={s(panelStyles.hint)}>
            {expiresAt > 0 && <>Valid until {new Date(expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}, for one {device ? 'device' : 'person'}. </>}
            {device ? 'Open it on the new device.' : 'Send it to the person you want to invite.'}
          </p>
        </>
      )}

      {phase === 'auth' && (
        // Named by the status line ("Tell your guest this code."), which says what to do with it.
        <div ref={authRef} tabIndex={-1} data-part="auth" role="group" aria-labelledby={`${ids}status`} style={s(panelStyles.center)}>
          {authCode && <AuthCode code={authCode} showQr unstyled={unstyled} />}
          {/* A status region: a wrong code on the other side is announced here. */}
          <p role="status" data-part="attempts" style={s(error?.code === 'AUTH_FAILED' ? panelStyles.error : panelStyles.hint)}>
            {error?.code === 'AUTH_FAILED'
              ? `A wrong code was entered. ${attemptsText(attemptsLeft)} left.`
              : `${attemptsText(attemptsLeft)} left.`}
          </p>
        </div>
      )}

      {result && (
        <div data-part="result" style={s({ display: 'flex', flexDirection: 'column', gap: '0.5rem' })}>
          <ResultHeading unstyled={unstyled}>{result.heading}</ResultHeading>
          <p style={s(state === 'error' ? panelStyles.error : panelStyles.text)}>{result.message}</p>
        </div>
      )}

      <div data-part="actions" style={s(panelStyles.footer)}>
        {phase !== 'done' && invitation && (
          <button
            type="button"
            style={s(buttonStyle)}
            onClick={() => {
              cancelledHere.current = true
              cancel()
            }}
          >
            Cancel invitation
          </button>
        )}
        {state === 'success' ? (
          <>
            <button type="button" style={s(buttonStyle)} onClick={startNew}>
              New invitation
            </button>
            {onClose && (
              <button type="button" style={s(primaryButtonStyle)} onClick={onClose}>
                Done
              </button>
            )}
          </>
        ) : (
          <>
            {onClose && (
              <button type="button" style={s(buttonStyle)} onClick={onClose}>
                Close
              </button>
            )}
            {canRetry && (
              <button type="button" style={s(primaryButtonStyle)} onClick={startNew}>
                New invitation
              </button>
            )}
          </>
        )}
      </div>
    </div>
  )
}

// Keeps "Copy link" on one line next to the long field.
const copyStyle: CSSProperties = { flex: 'none', whiteSpace: 'nowrap' }
