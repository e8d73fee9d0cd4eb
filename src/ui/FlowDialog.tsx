import { Fragment, isValidElement, useState, type CSSProperties, type ReactNode } from 'react'
import { Dialog } from './dialog/index.ts'
import { EchoUIProvider, type MessagesOverride } from './EchoUIProvider.tsx'
import { PartsScope } from './kit.tsx'
import type { KitComponents, PartClassNames } from './KitComponents.ts'
import { useControllableState } from './useControllableState.ts'

/**
 * Props every invitation and join dialog shares: open state (controlled or not), the trigger,
 * the texts and the styling hooks.
 *
 * @example
 * const props: FlowDialogBaseProps = { defaultOpen: true, trigger: <button>Invite</button> }
 */
export interface FlowDialogBaseProps {
  /** Controlled open state. */
  open?: boolean | undefined
  /** Initial open state when uncontrolled. */
  defaultOpen?: boolean | undefined
  /** Called when the dialog asks to open or close (trigger, Close, Escape, a finished flow). */
  onOpenChange?: ((open: boolean) => void) | undefined
  /**
   * What opens the dialog. A string or other text becomes the label of a built-in button; an
   * element (e.g. `<button className="mine">`) is used as the button itself and gets the
   * click handler, ARIA attributes and ref merged in. `null` renders no trigger. Without
   * `trigger` or `children`, an uncontrolled dialog renders a default button, a controlled one
   * none.
   */
  trigger?: ReactNode | undefined
  /** Same as `trigger` (when `trigger` is not given). */
  children?: ReactNode | undefined
  /** Replaces the dialog title. */
  title?: ReactNode | undefined
  /** Replaces the description of every step (default: each step's own words). */
  description?: ReactNode | undefined
  /** Class of the dialog panel (the `<dialog>` element, `data-part="content"`). */
  className?: string | undefined
  /** Style of the dialog panel. */
  style?: CSSProperties | undefined
  /** Class names by part: `trigger`, `content`, `title`, `description`, and the panel's parts. */
  classNames?: PartClassNames | undefined
  /** Words for this dialog, merged over `EchoUIProvider`'s. */
  messages?: MessagesOverride | undefined
  /** The app's own Button and Input inside this dialog. */
  components?: KitComponents | undefined
  /** Drop the look of `echo-kit/styles.css` (keep the `data-*` attributes for your own CSS). */
  unstyled?: boolean | undefined
}

/**
 * Props of {@link FlowDialog}.
 *
 * @example
 * const props: FlowDialogProps = { defaultTrigger: 'Invite', defaultTitle: 'Invite', render: () => null }
 */
export interface FlowDialogProps extends Omit<FlowDialogBaseProps, 'messages'> {
  defaultTrigger: string
  defaultTitle: ReactNode
  /** Keep the body mounted (closed) after the first open, so its flow outlives a close. */
  keepMounted?: boolean | undefined
  /** Marks the trigger `data-pending` (e.g. an invitation still open while the dialog is closed). */
  pending?: boolean | undefined
  /** The dialog body; mounted while open (and after the first open with `keepMounted`). */
  render: (close: () => void) => ReactNode
}

/**
 * The frame of the invitation and join dialogs: a modal {@link Dialog} with a title and a body
 * that renders its own step description. A click on the backdrop does not close it (a misclick
 * would end a guest's join); Escape and the Close button do. Shared by the four invitation and
 * join dialogs of src/ui; only its props type ({@link FlowDialogBaseProps}) is exported.
 *
 * @example
 * <FlowDialog defaultTrigger="Invite" defaultTitle="Invite" render={(close) => <Body onClose={close} />} />
 */
export function FlowDialog(props: FlowDialogProps & { messages?: MessagesOverride }) {
  const { messages, classNames, components, ...rest } = props
  return (
    <EchoUIProvider messages={messages}>
      <PartsScope classNames={classNames} components={components}>
        <Frame {...rest} classNames={classNames} />
      </PartsScope>
    </EchoUIProvider>
  )
}

function Frame({
  open: openProp,
  defaultOpen = false,
  onOpenChange,
  trigger,
  children,
  title,
  className,
  style,
  classNames,
  unstyled,
  defaultTrigger,
  defaultTitle,
  keepMounted,
  pending,
  render,
}: Omit<FlowDialogProps, 'messages' | 'components'>) {
  const [open, setOpen] = useControllableState(openProp, defaultOpen, onOpenChange)
  const [opened, setOpened] = useState(open)
  if (open && !opened) setOpened(true)
  const triggerNode = trigger !== undefined ? trigger : children !== undefined ? children : openProp === undefined ? defaultTrigger : null
  const triggerProps = { 'data-pending': pending ? '' : undefined, unstyled }
  let triggerElement: ReactNode = null
  if (isValidElement(triggerNode) && triggerNode.type !== Fragment) {
    triggerElement = (
      <Dialog.Trigger asChild {...triggerProps}>
        {triggerNode}
      </Dialog.Trigger>
    )
  } else if (triggerNode !== null && triggerNode !== undefined && triggerNode !== false && triggerNode !== '') {
    triggerElement = (
      <Dialog.Trigger className={classNames?.trigger} {...triggerProps}>
        {triggerNode}
      </Dialog.Trigger>
    )
  }
  const contentClass = [classNames?.content, className].filter(Boolean).join(' ') || undefined
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      {triggerElement}
      <Dialog.Content className={contentClass} style={style} unstyled={unstyled} closeOnOverlayClick={false} forceMount={keepMounted && opened}>
        <Dialog.Title className={classNames?.title}>{title ?? defaultTitle}</Dialog.Title>
        {render(() => setOpen(false))}
      </Dialog.Content>
    </Dialog.Root>
  )
}
