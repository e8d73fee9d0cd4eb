import {
  cloneElement,
  createContext,
  isValidElement,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ComponentPropsWithoutRef,
  type CSSProperties,
  type MouseEvent as ReactMouseEvent,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactElement,
  type ReactNode,
  type Ref,
  type RefObject,
} from 'react'
import { createPortal } from 'react-dom'
import { buttonStyle, primaryButtonStyle, styleFor, tokens } from './theme.ts'
import { useControllableState } from './useControllableState.ts'

interface DialogContextValue {
  open: boolean
  setOpen: (open: boolean) => void
  contentId: string
  titleId: string
  descriptionId: string
  hasTitle: boolean
  hasDescription: boolean
  setHasTitle: (present: boolean) => void
  setHasDescription: (present: boolean) => void
  triggerRef: RefObject<HTMLElement | null>
}

const DialogContext = createContext<DialogContextValue | null>(null)

function useDialogContext(part: string): DialogContextValue {
  const context = useContext(DialogContext)
  if (!context) throw new Error(`<Dialog.${part}> must be rendered inside <Dialog.Root>.`)
  return context
}

/**
 * Props of {@link DialogRoot}.
 *
 * @example
 * const props: DialogRootProps = { open, onOpenChange: setOpen, children: null }
 */
export interface DialogRootProps {
  /** Controlled open state. */
  open?: boolean
  /** Initial open state when uncontrolled. */
  defaultOpen?: boolean
  /** Called whenever the dialog asks to open or close (trigger, Close, Escape, overlay click). */
  onOpenChange?: (open: boolean) => void
  children: ReactNode
}

/**
 * Holds a dialog's open state and wires its parts together. Renders no element.
 *
 * @example
 * <Dialog.Root>
 *   <Dialog.Trigger>Invite</Dialog.Trigger>
 *   <Dialog.Content>
 *     <Dialog.Title>Invite someone</Dialog.Title>
 *     <Dialog.Description>Share this code.</Dialog.Description>
 *     <Dialog.Close>Done</Dialog.Close>
 *   </Dialog.Content>
 * </Dialog.Root>
 */
export function DialogRoot({ open: openProp, defaultOpen = false, onOpenChange, children }: DialogRootProps) {
  const [open, setOpen] = useControllableState(openProp, defaultOpen, onOpenChange)
  const baseId = useId()
  const [hasTitle, setHasTitle] = useState(false)
  const [hasDescription, setHasDescription] = useState(false)
  const triggerRef = useRef<HTMLElement | null>(null)
  const value = useMemo<DialogContextValue>(
    () => ({
      open,
      setOpen,
      contentId: `${baseId}content`,
      titleId: `${baseId}title`,
      descriptionId: `${baseId}description`,
      hasTitle,
      hasDescription,
      setHasTitle,
      setHasDescription,
      triggerRef,
    }),
    [open, setOpen, baseId, hasTitle, hasDescription],
  )
  return <DialogContext.Provider value={value}>{children}</DialogContext.Provider>
}

type ButtonPartProps = ComponentPropsWithoutRef<'button'> & {
  /** Render the single child element instead of a `<button>`, merging props, handlers and ref into it. */
  asChild?: boolean
  unstyled?: boolean
  ref?: Ref<HTMLButtonElement>
}

/**
 * Props of {@link DialogTrigger} and {@link DialogClose}.
 *
 * @example
 * const props: DialogButtonProps = { asChild: true, children: <a href="#invite">Invite</a> }
 */
export type DialogButtonProps = ButtonPartProps

function setRef<T>(ref: Ref<T> | undefined, value: T | null): void {
  if (typeof ref === 'function') ref(value)
  else if (ref) (ref as { current: T | null }).current = value
}

function ButtonPart({
  asChild,
  children,
  partStyle,
  unstyled,
  style,
  ref,
  onClick,
  action,
  ...props
}: ButtonPartProps & { partStyle: CSSProperties; action: () => void }) {
  const handle = (event: ReactMouseEvent<HTMLButtonElement>) => {
    onClick?.(event)
    if (!event.defaultPrevented) action()
  }
  if (asChild && isValidElement(children)) {
    const child = children as ReactElement<Record<string, unknown> & { ref?: Ref<HTMLElement> }>
    const childProps = child.props
    const childClick = childProps.onClick as ((event: ReactMouseEvent<HTMLButtonElement>) => void) | undefined
    return cloneElement(child, {
      ...props,
      ...childProps,
      style: { ...style, ...(childProps.style as CSSProperties | undefined) },
      onClick: (event: ReactMouseEvent<HTMLButtonElement>) => {
        childClick?.(event)
        if (!event.defaultPrevented) handle(event)
      },
      ref: (node: HTMLElement | null) => {
        setRef(ref as Ref<HTMLElement>, node)
        setRef(childProps.ref, node)
      },
    })
  }
  return (
    <button type="button" {...props} ref={ref} style={styleFor(unstyled, partStyle, style)} onClick={handle}>
      {children}
    </button>
  )
}

/**
 * The button that opens the dialog; focus returns to it when the dialog closes.
 *
 * @example
 * <Dialog.Trigger>Invite</Dialog.Trigger>
 * <Dialog.Trigger asChild><MyButton>Invite</MyButton></Dialog.Trigger>
 */
export function DialogTrigger({ ref, ...props }: DialogButtonProps) {
  const context = useDialogContext('Trigger')
  return (
    <ButtonPart
      aria-haspopup="dialog"
      aria-expanded={context.open}
      aria-controls={context.open ? context.contentId : undefined}
      data-state={context.open ? 'open' : 'closed'}
      {...props}
      ref={(node: HTMLButtonElement | null) => {
        context.triggerRef.current = node
        setRef(ref, node)
      }}
      partStyle={primaryButtonStyle}
      action={() => context.setOpen(true)}
    />
  )
}

/**
 * A button that closes the dialog. Put one in every dialog: Escape is not discoverable.
 *
 * @example
 * <Dialog.Close>Cancel</Dialog.Close>
 */
export function DialogClose({ children = 'Close', ...props }: DialogButtonProps) {
  const context = useDialogContext('Close')
  return <ButtonPart {...props} partStyle={buttonStyle} action={() => context.setOpen(false)}>{children}</ButtonPart>
}

/**
 * Props of {@link DialogTitle}.
 *
 * @example
 * const props: DialogTitleProps = { children: 'Invite someone' }
 */
export interface DialogTitleProps extends ComponentPropsWithoutRef<'h2'> {
  unstyled?: boolean
  ref?: Ref<HTMLHeadingElement>
}

/**
 * The dialog's heading; it becomes the dialog's accessible name (`aria-labelledby`).
 *
 * @example
 * <Dialog.Title>Join a space</Dialog.Title>
 */
export function DialogTitle({ unstyled, style, ...props }: DialogTitleProps) {
  const { titleId, setHasTitle } = useDialogContext('Title')
  useLayoutEffect(() => {
    setHasTitle(true)
    return () => setHasTitle(false)
  }, [setHasTitle])
  return <h2 id={titleId} {...props} style={styleFor(unstyled, titleStyle, style)} />
}

/**
 * Props of {@link DialogDescription}.
 *
 * @example
 * const props: DialogDescriptionProps = { children: 'Share this code.' }
 */
export interface DialogDescriptionProps extends ComponentPropsWithoutRef<'p'> {
  unstyled?: boolean
  ref?: Ref<HTMLParagraphElement>
}

/**
 * Text that explains the dialog; screen readers read it after the title (`aria-describedby`).
 *
 * @example
 * <Dialog.Description>Enter the code shown on the other device.</Dialog.Description>
 */
export function DialogDescription({ unstyled, style, ...props }: DialogDescriptionProps) {
  const { descriptionId, setHasDescription } = useDialogContext('Description')
  useLayoutEffect(() => {
    setHasDescription(true)
    return () => setHasDescription(false)
  }, [setHasDescription])
  return <p id={descriptionId} {...props} style={styleFor(unstyled, descriptionStyle, style)} />
}

/**
 * Props of {@link DialogContent}.
 *
 * @example
 * const props: DialogContentProps = { portal: false, closeOnOverlayClick: false }
 */
export interface DialogContentProps extends ComponentPropsWithoutRef<'div'> {
  /** Render into `container` (default `document.body`) so no ancestor's overflow or z-index clips it. Default true. */
  portal?: boolean
  container?: Element | null
  /** Element to focus on open. Default: an element with `autoFocus`/`data-autofocus`, else the first tabbable, else the panel. */
  initialFocus?: RefObject<HTMLElement | null>
  /** Called on Escape; `event.preventDefault()` keeps the dialog open (e.g. while a code is being checked). */
  onEscapeKeyDown?: (event: KeyboardEvent) => void
  /** Close when the backdrop is clicked. Default true. */
  closeOnOverlayClick?: boolean
  overlayClassName?: string
  overlayStyle?: CSSProperties
  unstyled?: boolean
  ref?: Ref<HTMLDivElement>
}

// Open dialogs, innermost last: only the top one handles Escape and keeps focus.
const openDialogs: object[] = []
let savedBodyOverflow = ''

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

function focusFirst(panel: HTMLElement, initialFocus?: RefObject<HTMLElement | null>): void {
  const target =
    initialFocus?.current ??
    panel.querySelector<HTMLElement>('[autofocus],[data-autofocus]') ??
    tabbables(panel)[0] ??
    panel
  target.focus()
}

function subscribeNothing(): () => void {
  return () => {}
}

/**
 * The dialog itself: a modal panel (`role="dialog"`, `aria-modal`) over a backdrop, named by
 * its Title and described by its Description. On open it moves focus inside; Tab and
 * Shift+Tab stay inside; Escape or a backdrop click close it; on close focus returns to where
 * it was (usually the trigger). Rendered only while open.
 *
 * @example
 * <Dialog.Content initialFocus={codeRef} onEscapeKeyDown={(e) => busy && e.preventDefault()}>
 *   <Dialog.Title>Join a space</Dialog.Title>
 *   ...
 * </Dialog.Content>
 */
export function DialogContent(props: DialogContentProps) {
  const { open } = useDialogContext('Content')
  // False on the server and during hydration, true after: portals need a document.
  const isClient = useSyncExternalStore(subscribeNothing, () => true, () => false)
  const { portal = true, container } = props
  if (!open) return null
  const panel = <OpenContent {...props} />
  if (!portal) return panel
  if (!isClient) return null
  return createPortal(panel, container ?? document.body)
}

function OpenContent({
  portal: _portal,
  container: _container,
  initialFocus,
  onEscapeKeyDown,
  closeOnOverlayClick = true,
  overlayClassName,
  overlayStyle: overlayStyleProp,
  unstyled,
  className,
  style,
  ref,
  onKeyDown,
  children,
  ...rest
}: DialogContentProps) {
  const context = useDialogContext('Content')
  const panelRef = useRef<HTMLDivElement | null>(null)
  const token = useRef({}).current
  // Read during render: autoFocus children take focus in the commit, before any effect runs.
  const [returnFocusTo] = useState(() => (typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null)))
  const latest = useRef({ setOpen: context.setOpen, onEscapeKeyDown, initialFocus })
  latest.current = { setOpen: context.setOpen, onEscapeKeyDown, initialFocus }
  const pressedOnOverlay = useRef(false)

  useEffect(() => {
    const panel = panelRef.current
    if (!panel) return
    openDialogs.push(token)
    if (openDialogs.length === 1) {
      savedBodyOverflow = document.body.style.overflow
      document.body.style.overflow = 'hidden'
    }
    if (!panel.contains(document.activeElement)) focusFirst(panel, latest.current.initialFocus)

    const isTop = () => openDialogs[openDialogs.length - 1] === token
    const onDocumentKeyDown = (event: KeyboardEvent) => {
      // Bubble phase, so a widget inside (a listbox, a combobox) can claim Escape first.
      if (event.key !== 'Escape' || event.defaultPrevented || !isTop()) return
      latest.current.onEscapeKeyDown?.(event)
      if (event.defaultPrevented) return
      event.preventDefault()
      latest.current.setOpen(false)
    }
    const onDocumentFocusIn = (event: FocusEvent) => {
      const target = event.target as Element | null
      if (!isTop() || !target || panel.contains(target)) return
      // A nested dialog's autoFocus runs before that dialog registers as the top one.
      if (target.closest?.('[data-echo-dialog-overlay]')) return
      focusFirst(panel)
    }
    document.addEventListener('keydown', onDocumentKeyDown)
    document.addEventListener('focusin', onDocumentFocusIn)
    return () => {
      document.removeEventListener('keydown', onDocumentKeyDown)
      document.removeEventListener('focusin', onDocumentFocusIn)
      const index = openDialogs.indexOf(token)
      if (index >= 0) openDialogs.splice(index, 1)
      if (openDialogs.length === 0) document.body.style.overflow = savedBodyOverflow
      // Where focus was before opening, unless that element is gone (then the trigger).
      const back =
        returnFocusTo && returnFocusTo !== document.body && returnFocusTo.isConnected
          ? returnFocusTo
          : context.triggerRef.current
      back?.focus()
    }
    // Mount/unmount only: handlers read the latest props through `latest`.
  }, [])

  const trapTab = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    onKeyDown?.(event)
    if (event.key !== 'Tab' || event.defaultPrevented) return
    const panel = panelRef.current
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

  return (
    <div
      className={overlayClassName}
      data-echo-dialog-overlay=""
      data-state="open"
      style={styleFor(unstyled, overlayStyle, overlayStyleProp)}
      onMouseDown={(event) => {
        pressedOnOverlay.current = event.target === event.currentTarget
      }}
      onClick={(event) => {
        // Both press and release on the backdrop: a text selection dragged out of the panel is no "click outside".
        if (closeOnOverlayClick && pressedOnOverlay.current && event.target === event.currentTarget) context.setOpen(false)
        pressedOnOverlay.current = false
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={context.hasTitle ? context.titleId : undefined}
        aria-describedby={context.hasDescription ? context.descriptionId : undefined}
        id={context.contentId}
        tabIndex={-1}
        {...rest}
        ref={(node: HTMLDivElement | null) => {
          panelRef.current = node
          setRef(ref, node)
        }}
        className={className}
        data-state="open"
        style={styleFor(unstyled, panelStyle, style)}
        onKeyDown={trapTab}
      >
        {children}
      </div>
    </div>
  )
}

/**
 * Composable, accessible modal dialog parts (Radix-style). Controlled with `open` +
 * `onOpenChange`, or uncontrolled with `defaultOpen`.
 *
 * @example
 * const [open, setOpen] = useState(false)
 * <Dialog.Root open={open} onOpenChange={setOpen}>
 *   <Dialog.Trigger>Join</Dialog.Trigger>
 *   <Dialog.Content>
 *     <Dialog.Title>Join a space</Dialog.Title>
 *     <Dialog.Description>Paste the invitation code.</Dialog.Description>
 *     <Dialog.Close>Cancel</Dialog.Close>
 *   </Dialog.Content>
 * </Dialog.Root>
 */
export const Dialog = {
  Root: DialogRoot,
  Trigger: DialogTrigger,
  Content: DialogContent,
  Title: DialogTitle,
  Description: DialogDescription,
  Close: DialogClose,
} as const

const overlayStyle: CSSProperties = {
  position: 'fixed',
  inset: 0,
  zIndex: 'var(--echo-dialog-z, 1000)',
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  padding: '1rem',
  background: 'var(--echo-overlay, rgba(17, 24, 39, 0.55))',
}

const panelStyle: CSSProperties = {
  position: 'relative',
  boxSizing: 'border-box',
  width: 'min(100%, 28rem)',
  maxHeight: '100%',
  overflow: 'auto',
  padding: '1.5rem',
  fontFamily: tokens.font,
  color: tokens.fg,
  background: tokens.bg,
  borderRadius: `calc(${tokens.radius} * 1.5)`,
  boxShadow: '0 20px 50px rgba(0, 0, 0, 0.25)',
  outline: 'none',
}

const titleStyle: CSSProperties = {
  margin: '0 0 0.5rem',
  fontSize: '1.25rem',
  fontWeight: 600,
  lineHeight: 1.3,
}

const descriptionStyle: CSSProperties = {
  margin: '0 0 1.25rem',
  fontSize: '0.9375rem',
  lineHeight: 1.5,
  color: tokens.muted,
}
