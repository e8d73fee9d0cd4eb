import { useId, useState, type FormEvent } from 'react'
import { useClient } from '../../src/index.ts'
import { suggestedDisplayName } from '../clientName.ts'

/** First run: this device has no identity yet. */
export function Welcome() {
  const client = useClient()
  const [name, setName] = useState(suggestedDisplayName)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const inputId = useId()
  const hintId = useId()

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
      <form className="card card--narrow" onSubmit={submit} noValidate>
        <span className="logo logo--large" aria-hidden="true" />
        <h1 className="card__title">
          What's your name?
        </h1>
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
          autoFocus
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
    </main>
  )
}
