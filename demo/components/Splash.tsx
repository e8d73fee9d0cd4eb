import type { EchoError } from '../../src/index.ts'

/** Shown while the echo-kit client opens its IndexedDB storage. */
export function Splash() {
  return (
    <main className="splash">
      <span className="logo logo--pulse" aria-hidden="true" />
      <span role="status">Opening your boards…</span>
    </main>
  )
}

/** Shown when the client cannot start (e.g. IndexedDB is blocked in a private window). */
export function StartError({ error }: { error: EchoError }) {
  return (
    <main className="splash">
      <div className="card card--narrow" role="alert">
        <h1 className="card__title">The board could not start</h1>
        <p className="muted">{error.message}</p>
        <p className="muted small">
          Error code <code>{error.code}</code>. Storage may be blocked (private browsing or disk full).
        </p>
        <button type="button" className="btn btn--primary" onClick={() => location.reload()}>
          Try again
        </button>
      </div>
    </main>
  )
}
