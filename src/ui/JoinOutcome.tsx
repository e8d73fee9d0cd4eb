import { KitButton, Part, StepDescription } from './kit.tsx'
import { ResultHeading } from './ResultHeading.tsx'

/**
 * Props of {@link JoinOutcome}.
 *
 * @example const props: JoinOutcomeProps = { success: true, heading: 'You joined Team', message: '…', openLabel: 'Open space', onOpen }
 */
export interface JoinOutcomeProps {
  success: boolean
  heading: string
  message: string
  /** The success view's main button, when there is somewhere to go. */
  openLabel: string
  onOpen?: (() => void) | undefined
  closeLabel: string
  onClose?: (() => void) | undefined
  /** The failure view's main button: back to the code field. */
  againLabel: string
  onAgain: () => void
}

/**
 * The end of a join: its heading (which takes focus), why, and what to do next (open the space,
 * or close / try another code). Shared by JoinPanel; not exported from `src/ui/index.ts`.
 *
 * @example <JoinOutcome success heading={h} message={m} openLabel="Open space" onOpen={open} closeLabel="Close" againLabel="Enter another code" onAgain={again} />
 */
export function JoinOutcome({ success, heading, message, openLabel, onOpen, closeLabel, onClose, againLabel, onAgain }: JoinOutcomeProps) {
  return (
    <>
      <Part part="result" data-tone={success ? 'success' : 'danger'}>
        <ResultHeading>{heading}</ResultHeading>
        <StepDescription>{message}</StepDescription>
      </Part>
      {success ? (
        onOpen && (
          <Part part="actions">
            <KitButton part="open" variant="primary" onClick={onOpen}>
              {openLabel}
            </KitButton>
          </Part>
        )
      ) : (
        <Part part="actions">
          {onClose && (
            <KitButton part="close" onClick={onClose}>
              {closeLabel}
            </KitButton>
          )}
          <KitButton part="again" variant="primary" onClick={onAgain}>
            {againLabel}
          </KitButton>
        </Part>
      )}
    </>
  )
}
