import { useEffect, useId, useLayoutEffect, useRef, type ComponentPropsWithoutRef, type ReactNode, type Ref } from 'react'
import type { Invitation, InvitationOptions, InvitationState } from '../core/index.ts'
import type { InvitationFlow } from '../react/index.ts'
import { AuthCode } from './AuthCode.tsx'
import { CopyButton } from './CopyButton.tsx'
import { useMessages, type MessagesOverride } from './EchoUIProvider.tsx'
import { InvitationStatus } from './InvitationStatus.tsx'
import { KitButton, KitInput, Part, PartsScope, StepDescription, usePartClass, usePartClasses, visuallyHidden } from './kit.tsx'
import type { KitComponents, PartClassNames } from './KitComponents.ts'
import { QrCode } from './QrCode.tsx'
import { ResultHeading } from './ResultHeading.tsx'

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
  kind?: 'space' | 'device' | undefined
  /** Shown in the success message ("Bob joined Team"). */
  spaceName?: string | undefined
  /**
   * Page the `#join=` link opens. Default: the document's base URL (`document.baseURI`, which
   * follows a `<base href>` element, else the current page) without its hash. With a router,
   * give the app's entry URL here or set `<base href="/">`, so the guest does not land on a route
   * for a space it does not have yet.
   */
  linkBase?: string | undefined
  /** Options for `create()` (role, expiresIn, maxAttempts). Read when an invitation is made. */
  options?: InvitationOptions | undefined
  /** Create an invitation when the panel mounts (and cancel it on unmount). Default true. */
  autoCreate?: boolean | undefined
  /** Called with each new invitation, e.g. to also send the code through another channel. */
  onInvitation?: ((invitation: Invitation) => void) | undefined
  /** Renders a Close button (the dialogs pass their close function). */
  onClose?: (() => void) | undefined
  /** Replaces the step's description (default: the words of each step from the messages). */
  description?: ReactNode | undefined
  /** Words for this panel, merged over `EchoUIProvider`'s. */
  messages?: MessagesOverride | undefined
  /** Class names by part (`qr`, `link`, `code`, `actions`, `cancel`, …). */
  classNames?: PartClassNames | undefined
  /** The app's own Button and Input for this panel. */
  components?: KitComponents | undefined
  /** Drop the look of `echo-kit/styles.css` for this panel. */
  unstyled?: boolean | undefined
  ref?: Ref<HTMLDivElement> | undefined
}

/** What the panel shows; follows the invitation state. */
type Phase = 'creating' | 'waiting' | 'auth' | 'done'

const TERMINAL: ReadonlySet<InvitationState> = new Set(['success', 'cancelled', 'expired', 'error'])
// Errors a new invitation would hit again: no "New invitation" button for them.
const FATAL = new Set(['FORBIDDEN', 'NO_IDENTITY', 'NOT_A_MEMBER', 'CLOSED'])

/**
 * The step an invitation state belongs to. Shared with the invitation dialogs.
 *
 * @example hostPhase('ready-for-auth') // 'auth'
 */
export function hostPhase(state: InvitationState): Phase {
  if (state === 'init') return 'creating'
  if (state === 'connecting') return 'waiting'
  if (TERMINAL.has(state)) return 'done'
  return 'auth'
}

function defaultLinkBase(): string {
  return typeof document === 'undefined' ? '' : document.baseURI.split('#')[0]!
}

/**
 * The host side of an invitation, without the dialog around it: while waiting, the invitation
 * as a QR code and a link to copy (the main action), with the raw code behind a disclosure;
 * once a guest connects, the 6-digit authorization code in big digits and as a QR code, with
 * the attempts the guest has left; then a clear result (who joined, or expired / cancelled /
 * too many attempts, with a "New invitation" button). The description follows the step; the
 * status line (a polite live region) says the same words as what is shown. Focus moves to
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
export function InvitationPanel({ classNames, components, ...props }: InvitationPanelProps) {
  return (
    <PartsScope classNames={classNames} components={components}>
      <Panel {...props} />
    </PartsScope>
  )
}

function Panel({
  flow,
  kind = 'space',
  spaceName,
  linkBase,
  options,
  autoCreate = true,
  onInvitation,
  onClose,
  description,
  messages,
  unstyled,
  className,
  ref,
  ...rest
}: Omit<InvitationPanelProps, 'classNames' | 'components'>) {
  const all = useMessages(messages)
  const device = kind === 'device'
  const m = device ? all.addDevice : all.invite
  const { state, code, authCode, attemptsLeft, expiresAt, error, guest, invitation, create, cancel, cancelledBy } = flow
  const phase = hostPhase(state)
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
  const rootClass = usePartClass('panel', className)
  const cls = usePartClasses()

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

  const startNew = () => {
    cancelledHere.current = false
    create(optionsRef.current)
  }

  let result: { heading: string; message: string } | undefined
  if (phase === 'done') {
    if (state === 'success') {
      result = { heading: m.successHeading(guest?.displayName ?? '', spaceName ?? ''), message: m.successMessage(optionsRef.current?.role ?? 'editor') }
    } else if (state === 'expired') {
      result = { heading: m.expiredHeading, message: m.expiredMessage }
    } else if (state === 'cancelled') {
      // Who cancelled: the engine's `cancelledBy` when it says so, else inferred (a cancel not
      // made with this panel's button while a guest was connected reads as the guest's).
      const byGuest = cancelledBy ? cancelledBy === 'guest' : !cancelledHere.current && lastLive.current === 'auth'
      result = { heading: m.cancelledHeading, message: byGuest ? m.cancelledByGuest : m.cancelledByYou }
    } else if (error?.code === 'TOO_MANY_ATTEMPTS') {
      result = { heading: m.tooManyHeading, message: m.tooManyMessage }
    } else {
      const message =
        error?.code === 'NO_IDENTITY'
          ? m.noIdentity
          : error?.code === 'FORBIDDEN'
            ? m.forbidden
            : (error?.code && all.errors[error.code]) || all.genericError
      result = { heading: m.failedHeading, message }
    }
  }
  const canRetry = phase === 'done' && !(state === 'error' && error && FATAL.has(error.code))
  const step = description ?? (phase === 'auth' ? m.describe.auth : phase === 'waiting' ? m.describe.waiting : m.describe.creating)

  return (
    <div
      {...rest}
      ref={(node) => {
        rootRef.current = node
        if (typeof ref === 'function') ref(node)
        else if (ref) ref.current = node
      }}
      className={rootClass}
      data-echo-panel=""
      data-echo-invitation=""
      data-part="panel"
      data-kind={kind}
      data-phase={phase}
      data-state={state}
      data-unstyled={unstyled ? '' : undefined}
    >
      {!result && <StepDescription>{step}</StepDescription>}
      {/* Always mounted: screen readers only announce changes to a live region they know. On a
          result it says the result's heading, hidden, since the heading itself is shown. */}
      <InvitationStatus
        id={`${ids}status`}
        state={state}
        errorCode={error?.code}
        side="host"
        describe={(s) => (result ? result.heading : s === 'error' ? all.genericError : m.status[s])}
        className={cls.status}
        style={result ? visuallyHidden : undefined}
      />

      {phase === 'waiting' && (
        <Part part="share">
          <Part part="qr-frame">
            <QrCode value={link || code} label={link ? m.qrLinkLabel : m.qrCodeLabel} className={cls['qr']} />
          </Part>
          {link && (
            <Part part="link">
              <Part as="label" part="label" htmlFor={`${ids}link`}>
                {m.linkLabel}
              </Part>
              <Part part="field-row">
                <KitInput part="link-input" id={`${ids}link`} readOnly value={link} data-mono="" onFocus={(e) => e.currentTarget.select()} />
                <CopyButton ref={copyRef} part="copy-link" variant="primary" text={link}>
                  {m.copyLink}
                </CopyButton>
              </Part>
            </Part>
          )}
          <CodeDisclosure open={!link} summary={m.showCode}>
            <Part part="code">
              <Part as="label" part="label" htmlFor={`${ids}code`}>
                {m.codeLabel}
              </Part>
              <Part part="field-row">
                <KitInput part="code-input" id={`${ids}code`} readOnly value={code} data-mono="" onFocus={(e) => e.currentTarget.select()} />
                <CopyButton ref={link ? undefined : copyRef} part="copy-code" text={code}>
                  {m.copyCode}
                </CopyButton>
              </Part>
            </Part>
          </CodeDisclosure>
          <Part as="p" part="expiry">
            {expiresAt > 0 && <>{m.validUntil(new Date(expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }))} </>}
            {m.sendHint}
          </Part>
        </Part>
      )}

      {phase === 'auth' && (
        // Named by the status line ("Tell your guest this code."), which says what to do with it.
        <Part ref={authRef} tabIndex={-1} part="auth" role="group" aria-labelledby={`${ids}status`}>
          {authCode && <AuthCode code={authCode} showQr className={cls['auth-code']} />}
          {/* A status region: a wrong code on the other side is announced here. */}
          <Part as="p" role="status" part="attempts" data-tone={error?.code === 'AUTH_FAILED' ? 'danger' : undefined}>
            {error?.code === 'AUTH_FAILED' ? m.wrongCodeEntered(attemptsLeft) : all.attemptsLeft(attemptsLeft)}
          </Part>
        </Part>
      )}

      {result && (
        <Part part="result" data-tone={state === 'error' ? 'danger' : state === 'success' ? 'success' : undefined}>
          <ResultHeading>{result.heading}</ResultHeading>
          <StepDescription>{result.message}</StepDescription>
        </Part>
      )}

      <Part part="actions">
        {phase !== 'done' && invitation && (
          <KitButton
            part="cancel"
            onClick={() => {
              cancelledHere.current = true
              cancel()
            }}
          >
            {m.cancelInvitation}
          </KitButton>
        )}
        {state === 'success' ? (
          <>
            <KitButton part="new" onClick={startNew}>
              {m.newInvitation}
            </KitButton>
            {onClose && (
              <KitButton part="done" variant="primary" onClick={onClose}>
                {all.done}
              </KitButton>
            )}
          </>
        ) : (
          <>
            {onClose && (
              <KitButton part="close" onClick={onClose}>
                {all.close}
              </KitButton>
            )}
            {canRetry && (
              <KitButton part="new" variant="primary" onClick={startNew}>
                {m.newInvitation}
              </KitButton>
            )}
          </>
        )}
      </Part>
    </div>
  )
}

/** The raw code behind a `<details>` (the link is the main way to share); open when there is no link. */
function CodeDisclosure({ open, summary, children }: { open: boolean; summary: string; children: ReactNode }) {
  const className = usePartClass('code-disclosure')
  const summaryClass = usePartClass('summary')
  if (open) return <>{children}</>
  return (
    <details data-part="code-disclosure" className={className}>
      <summary data-part="summary" className={summaryClass}>
        {summary}
      </summary>
      {children}
    </details>
  )
}
