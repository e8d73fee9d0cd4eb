import { Fragment, isValidElement, type CSSProperties, type ReactNode } from 'react'
import { Dialog } from './dialog/index.ts'
import { useControllableState } from './useControllableState.ts'

/**
 * Props every invitation and join dialog shares: open state (controlled or not), the trigger,
 * the texts and the styling hooks.
 *
 * @example
 * const props: FlowDialogBaseProps = { defaultOpen: true, trigger: <button>Invite</button> }
 */
export interface FlowDialogBaseProps {
  /** Controlled open state. Closing the dialog cancels an unfinished invitation. */
  open?: boolean
  /** Initial open state when uncontrolled. */
  defaultOpen?: boolean
  /** Called when the dialog asks to open or close (trigger, Close, Escape, a finished flow). */
  onOpenChange?: (open: boolean) => void
  /**
   * What opens the dialog. A string or other text becomes the label of a built-in button; an
   * element (e.g. `<button className="mine">`) is used as the button itself and gets the
   * click handler, ARIA attributes and ref merged in. `null` renders no trigger. Without
   * `trigger` or `children`, an uncontrolled dialog renders a default button, a controlled one
   * none.
   */
  trigger?: ReactNode
  /** Same as `trigger` (when `trigger` is not given). */
  children?: ReactNode
  /** Replaces the dialog title. */
  title?: ReactNode
  /** Replaces the dialog description. */
  description?: ReactNode
  /** Class of the dialog panel (the element with `role="dialog"`). */
  className?: string
  /** Style of the dialog panel, merged over the defaults. */
  style?: CSSProperties
  /** Drop all default inline styles (keep `data-*` attributes for your own CSS). */
  unstyled?: boolean
}

/**
 * Props of {@link FlowDialog}.
 *
 * @example
 * const props: FlowDialogProps = { defaultTrigger: 'Invite', defaultTitle: 'Invite', defaultDescription: '…', render: () => null }
 */
export interface FlowDialogProps extends FlowDialogBaseProps {
  defaultTrigger: string
  defaultTitle: ReactNode
  defaultDescription: ReactNode
  /** The dialog body, mounted only while open (so its flow starts on open and stops on close). */
  render: (close: () => void) => ReactNode
}

/**
 * The frame of the invitation and join dialogs: a modal {@link Dialog} with a title,
 * a description and a body that lives only while the dialog is open. A click on the backdrop
 * does not close it (that would cancel a running invitation by accident); Escape and the
 * Close button do. Shared by the four invitation and join dialogs of src/ui; only its props
 * type ({@link FlowDialogBaseProps}) is exported from `src/ui/index.ts`.
 *
 * @example
 * <FlowDialog defaultTrigger="Invite" defaultTitle="Invite" defaultDescription="Share the link." render={(close) => <Body onClose={close} />} />
 */
export function FlowDialog({
  open: openProp,
  defaultOpen = false,
  onOpenChange,
  trigger,
  children,
  title,
  description,
  className,
  style,
  unstyled,
  defaultTrigger,
  defaultTitle,
  defaultDescription,
  render,
}: FlowDialogProps) {
  const [open, setOpen] = useControllableState(openProp, defaultOpen, onOpenChange)
  const triggerNode = trigger !== undefined ? trigger : children !== undefined ? children : openProp === undefined ? defaultTrigger : null
  let triggerElement: ReactNode = null
  if (isValidElement(triggerNode) && triggerNode.type !== Fragment) {
    triggerElement = <Dialog.Trigger asChild>{triggerNode}</Dialog.Trigger>
  } else if (triggerNode !== null && triggerNode !== undefined && triggerNode !== false && triggerNode !== '') {
    triggerElement = <Dialog.Trigger unstyled={unstyled}>{triggerNode}</Dialog.Trigger>
  }
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      {triggerElement}
      <Dialog.Content className={className} style={style} unstyled={unstyled} closeOnOverlayClick={false}>
        <Dialog.Title unstyled={unstyled}>{title ?? defaultTitle}</Dialog.Title>
        <Dialog.Description unstyled={unstyled}>{description ?? defaultDescription}</Dialog.Description>
        {render(() => setOpen(false))}
      </Dialog.Content>
    </Dialog.Root>
  )
}
