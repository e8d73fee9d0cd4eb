// The dialog parts' public surface (re-exported by src/ui/index.ts). The context, the stack,
// the focus trap and the scroll lock stay inside this folder.
export { Dialog } from './Dialog.ts'
export { DialogClose } from './DialogClose.tsx'
export { DialogContent } from './DialogContent.tsx'
export type { DialogContentProps } from './DialogContent.tsx'
export { DialogDescription } from './DialogDescription.tsx'
export type { DialogDescriptionProps } from './DialogDescription.tsx'
export { DialogRoot } from './DialogRoot.tsx'
export type { DialogRootProps } from './DialogRoot.tsx'
export { DialogTitle } from './DialogTitle.tsx'
export type { DialogTitleProps } from './DialogTitle.tsx'
export { DialogTrigger } from './DialogTrigger.tsx'
export type { DialogButtonProps } from './ButtonPart.tsx'
