import { useId } from 'react'
import type { Space } from '../core/index.ts'
import type { ClientInspection } from '../core/inspect/index.ts'
import { short } from './format.ts'

/**
 * Every space of the client: status, this identity's role, members, and the credential chain
 * (parents before children) the members are derived from.
 *
 * @example <SpacesTab spaces={spaces} look={inspectClient(client)} />
 */
export function SpacesTab({ spaces, look }: { spaces: readonly Space[]; look: ClientInspection }) {
  if (!spaces.length) return <p data-part="devtools-empty">No spaces on this client yet.</p>
  return (
    <div data-part="devtools-spaces">
      {spaces.map((space) => (
        <SpaceSection key={space.id} space={space} look={look} />
      ))}
    </div>
  )
}

function SpaceSection({ space, look }: { space: Space; look: ClientInspection }) {
  const heading = useId()
  const name = space.name || (space.personal ? 'Personal' : 'Unnamed space')
  const names = new Map(space.members.map((m) => [m.identityKey, m.displayName]))
  const credentials = space.status === 'closed' ? [] : look.space(space).credentials()
  return (
    <section aria-labelledby={heading} data-part="devtools-space">
      <h3 id={heading}>{name}</h3>
      <dl data-part="devtools-facts">
        <dt>Id</dt>
        <dd title={space.id}>{short(space.id)}</dd>
        <dt>Status</dt>
        <dd>{space.status}</dd>
        <dt>Your role</dt>
        <dd data-part="devtools-role">{space.role ?? 'not a member (yet)'}</dd>
        <dt>Objects</dt>
        <dd>{space.status === 'ready' ? space.db.size : '—'}</dd>
      </dl>
      <h4>Members ({space.members.length})</h4>
      <ul aria-label={`Members of ${name}`} data-part="devtools-members">
        {space.members.map((m) => (
          <li key={m.identityKey}>
            {m.displayName ?? short(m.identityKey)} <span data-part="devtools-badge">{m.role}</span> <code title={m.identityKey}>{short(m.identityKey)}</code>
          </li>
        ))}
      </ul>
      <h4>Credentials ({credentials.length})</h4>
      <ol aria-label={`Credential chain of ${name}`} data-part="devtools-credentials">
        {credentials.map((c) => (
          <li key={c.hash}>
            <span data-part="devtools-badge">{c.kind}</span> {c.role ? `${c.role} ` : ''}
            {c.kind === 'space-genesis' ? 'created the space' : `for ${names.get(c.subject) ?? c.displayName ?? short(c.subject)}`}, by{' '}
            {names.get(c.issuer) ?? short(c.issuer)}
            {c.parents.length > 0 && <span data-part="devtools-muted"> (builds on {c.parents.map(short).join(', ')})</span>}
            <code title={c.hash}> #{short(c.hash)}</code>
          </li>
        ))}
      </ol>
    </section>
  )
}
