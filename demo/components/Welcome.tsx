import { useId, useState, type FormEvent } from 'react'
import { JoinDeviceDialog, useClient } from '../../src/index.ts'
import { suggestedDisplayName } from '../clientName.ts'
import type { JoinLink } from '../useJoinLink.ts'
import { DevicesIcon } from './icons.tsx'

type Props = {
  /** An invitation link the page was opened with (`#join=CODE`). */
  link: JoinLink | null
  /** Changes when a new link is opened in this tab (see useJoinLink). */
  linkSerial: number
  /** Whether "Link this device" is open (the app keeps it open past the join, until Done). */
  linking: boolean
  onLinkingChange: (open: boolean) => void
}

/**
 * First run: this device has no identity yet. Either a new identity (a name), or this device
 * joins an identity the user already has on another device (a device invitation).
 */
export function Welcome({ link, linkSerial, linking, onLinkingChange }: Props) {
  const client = useClient()
  const [name, setName] = useState(suggestedDisplayName)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const inputId = useId()
  const hintId = useId()
  const altId = useId()

  async function submit(event: FormEvent) {
    event.preventDefault()
    const displayName = name.trim()
    if (!displayName) {
      setError('Please enter a name.')
      return
    }
    setBusy(true)
    setError(null)
    try {
      await client.createIdentity({ displayName })
    } catch (e) {
      setError((e as Error).message)
      setBusy(false)
    }
  }

  return (
    <main className="welcome">
      <div className="card card--narrow">
        <form onSubmit={submit} noValidate>
          <span className="logo logo--large" aria-hidden="true" />
          <h1 className="card__title">What's your name?</h1>
          {link && link.kind !== 'device' && (
            <p className="notice" role="status">
              You were invited to a space. Choose your name first: joining starts right after.
            </p>
          )}
          <p className="muted" id={hintId}>
            Your boards live on this device and sync directly with the people you share them with. Your name is how
            they will see you.
          </p>
          <label className="field-label" htmlFor={inputId}>
            Your name
          </label>
          <input
            id={inputId}
            className="input input--large"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="name"
            autoFocus={!linking}
            onFocus={(e) => e.currentTarget.select()}
            maxLength={200}
            required
            aria-describedby={hintId}
            aria-invalid={error ? true : undefined}
          />
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="btn btn--primary btn--block" disabled={busy}>
            {busy ? 'Creating your identity…' : 'Get started'}
          </button>
        </form>
        {/* Outside the form: React events bubble out of the dialog's portal, so a form inside the
            dialog would submit this one too. */}
        <div className="welcome__alt">
          <p className="muted small" id={altId}>
            Already use these boards on another device?
          </p>
          <JoinDeviceDialog
            // A new link (opened in this tab) starts a new join.
            key={linkSerial}
            open={linking}
            onOpenChange={onLinkingChange}
            defaultCode={link?.kind === 'device' ? link.code : undefined}
            trigger={
              <button type="button" className="btn btn--block" aria-describedby={altId}>
                <DevicesIcon />
                <span>Link this device</span>
              </button>
            }
          />
        </div>
      </div>
    </main>
  )
}
