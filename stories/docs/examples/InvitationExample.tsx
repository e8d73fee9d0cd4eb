import { useId, useState } from 'react'
import { buttonStyle, primaryButtonStyle, useJoinSpace, useSpaceInvitation, type Space } from '../../../src/index.ts'

const finished = ['success', 'cancelled', 'expired', 'error']
const fieldStyle = { boxSizing: 'border-box', padding: '0.45em 0.6em', font: 'inherit' } as const

/** Host side: create an invitation, hand over the code, read out the 6 digits. */
export function HostInvite({ space }: { space: Space }) {
  const { state, code, authCode, attemptsLeft, error, guest, create, cancel } = useSpaceInvitation(space)
  const codeId = useId()
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: '0.6rem', alignItems: 'flex-start' }}>
      <p role="status" style={{ margin: 0 }}>
        Invitation: <strong>{state}</strong>
        {error && ` (${error.code})`}
      </p>
      {state === 'init' || finished.includes(state) ? (
        <button type="button" style={primaryButtonStyle} onClick={() => create()}>
          Create invitation
        </button>
      ) : (
        <button type="button" style={buttonStyle} onClick={cancel}>
          Cancel invitation
        </button>
      )}
      {state === 'connecting' && (
        <>
          <label htmlFor={codeId}>Code for your guest</label>
          <input id={codeId} readOnly value={code} onFocus={(e) => e.currentTarget.select()} style={{ ...fieldStyle, width: '100%', fontFamily: 'monospace' }} />
        </>
      )}
      {authCode && state !== 'success' && (
        <p style={{ margin: 0 }}>
          Tell your guest: <strong style={{ fontSize: '1.5rem', letterSpacing: '0.15em' }}>{authCode}</strong> ({attemptsLeft} attempts left)
        </p>
      )}
      {state === 'success' && <p style={{ margin: 0 }}>{guest?.displayName ?? 'Your guest'} joined.</p>}
    </div>
  )
}

/** Guest side: paste the code, then type the 6 digits the host reads out. */
export function GuestJoin() {
  const { state, error, attemptsLeft, space, join, authenticate } = useJoinSpace()
  const [code, setCode] = useState('')
  const [pin, setPin] = useState('')
  const codeId = useId()
  const pinId = useId()
  if (state === 'success') return <p style={{ margin: 0 }}>Joined {space?.name || 'the space'}. It syncs from now on.</p>
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: '0.6rem', alignItems: 'flex-start' }}>
      <p role="status" style={{ margin: 0 }}>
        Joining: <strong>{state}</strong>
        {error && ` (${error.code})`}
      </p>
      {(state === 'init' || finished.includes(state)) && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            join(code)
          }}
          style={{ display: 'flex', flexDirection: 'column', gap: '0.4rem', alignSelf: 'stretch' }}
        >
          <label htmlFor={codeId}>Invitation code</label>
          <input id={codeId} value={code} onChange={(e) => setCode(e.target.value)} style={{ ...fieldStyle, fontFamily: 'monospace' }} />
          <button type="submit" style={{ ...primaryButtonStyle, alignSelf: 'flex-start' }}>
            Join
          </button>
        </form>
      )}
      {(state === 'ready-for-auth' || state === 'authenticating') && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void authenticate(pin).then(() => setPin(''))
          }}
          style={{ display: 'flex', flexDirection: 'column', gap: '0.4rem' }}
        >
          <label htmlFor={pinId}>6-digit code ({attemptsLeft} attempts left)</label>
          <input id={pinId} inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} style={{ ...fieldStyle, width: '11ch', letterSpacing: '0.15em' }} />
          <button type="submit" style={{ ...primaryButtonStyle, alignSelf: 'flex-start' }}>
            Send code
          </button>
        </form>
      )}
    </div>
  )
}
