import { useId, useMemo, useRef, useState, type ReactNode } from 'react'
import { useControllableState } from '../useControllableState.ts'
import { DialogContext, type DialogContextValue } from './DialogContext.ts'

/**
 * Props of {@link DialogRoot}.
 *
 * @example
 * const props: DialogRootProps = { open, onOpenChange: setOpen, children: null }
 */
export interface DialogRootProps {
  /** Controlled open state. */
  open?: boolean | undefined
  /** Initial open state when uncontrolled. */
  defaultOpen?: boolean | undefined
  /** Called whenever the dialog asks to open or close (trigger, Close, Escape, overlay click). */
  onOpenChange?: ((open: boolean) => void) | undefined
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
  const [presentState, setPresent] = useState(open)
  // Present as soon as it opens (no extra render); it leaves only when Content says so.
  const present = open || presentState
  if (open && !presentState) setPresent(true)
  const baseId = useId()
  const [hasTitle, setHasTitle] = useState(false)
  const [hasDescription, setHasDescription] = useState(false)
  const triggerRef = useRef<HTMLElement | null>(null)
  const value = useMemo<DialogContextValue>(
    () => ({
      open,
      setOpen,
      present,
      setPresent,
      contentId: `${baseId}content`,
      titleId: `${baseId}title`,
      descriptionId: `${baseId}description`,
      hasTitle,
      hasDescription,
      setHasTitle,
      setHasDescription,
      triggerRef,
    }),
    [open, setOpen, present, baseId, hasTitle, hasDescription],
  )
  return <DialogContext.Provider value={value}>{children}</DialogContext.Provider>
}
