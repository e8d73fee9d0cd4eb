import type { Space } from '../core/index.ts'
import type { ClientInspection, RefusalReason } from '../core/inspect/index.ts'
import { ago, describeError, short } from './format.ts'

/** The most recent invalid values peers wrote (left out of the read model), per space, newest first. */
function InvalidValues({ spaces, look, now }: { spaces: readonly Space[]; look: ClientInspection; now: number }) {
  const notes = spaces.flatMap((space) => look.space(space).recentInvalidValues().map((n) => ({ space, ...n }))).sort((a, b) => b.at - a.at)
  if (!notes.length) return <p data-part="devtools-empty">No invalid remote values.</p>
  return (
    <table data-part="devtools-table">
      <caption>Recent invalid remote values (newest first)</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Space</th>
          <th scope="col">Object</th>
        </tr>
      </thead>
      <tbody>
        {notes.slice(0, 50).map((n, i) => (
          <tr key={`${n.at}-${i}`}>
            <td>{ago(n.at, now)}</td>
            <td>{n.space.name || (n.space.personal ? 'Personal' : short(n.space.id))}</td>
            <td>
              <code title={n.objectId}>{short(n.objectId)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const REASONS: Record<RefusalReason, string> = {
  'unverified-sender': 'sender not verified',
  'not-shared': 'document not shared with the peer',
  'refused-by-space': 'refused by the space (role or credentials)',
}

/**
 * What was refused or failed: the client's counters, each space's counters (invalid remote
 * values, dropped writes, failing filters), and the most recent refused messages with reasons.
 *
 * @example <ProblemsTab spaces={spaces} look={look} now={Date.now()} />
 */
export function ProblemsTab({ spaces, look, now }: { spaces: readonly Space[]; look: ClientInspection; now: number }) {
  const stats = look.stats()
  const refusals = look.refusals().reverse()
  const open = spaces.filter((s) => s.status !== 'closed')
  return (
    <div data-part="devtools-problems">
      <dl data-part="devtools-facts">
        <dt>Refused messages</dt>
        <dd>{stats.refusedMessages}</dd>
        <dt>Denied document requests</dt>
        <dd>{stats.deniedRequests}</dd>
        <dt>Background failures</dt>
        <dd>{stats.backgroundFailures}</dd>
        {stats.lastFailure && (
          <>
            <dt>Last failure</dt>
            <dd>{describeError(stats.lastFailure)}</dd>
          </>
        )}
      </dl>
      {open.length > 0 && (
        <table data-part="devtools-table">
          <caption>Per space</caption>
          <thead>
            <tr>
              <th scope="col">Space</th>
              <th scope="col">Invalid remote values</th>
              <th scope="col">Dropped writes</th>
              <th scope="col">Filter errors</th>
            </tr>
          </thead>
          <tbody>
            {open.map((s) => {
              const d = look.space(s).stats()
              return (
                <tr key={s.id}>
                  <td>{s.name || (s.personal ? 'Personal' : short(s.id))}</td>
                  <td>{d.invalidRemoteValues}</td>
                  <td>{d.droppedOps}</td>
                  <td>{d.filterErrors}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      <InvalidValues spaces={open} look={look} now={now} />
      {refusals.length === 0 ? (
        <p data-part="devtools-empty">No refused messages.</p>
      ) : (
        <table data-part="devtools-table">
          <caption>Recent refused messages (newest first)</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Peer</th>
              <th scope="col">Reason</th>
              <th scope="col">Message</th>
              <th scope="col">Document</th>
            </tr>
          </thead>
          <tbody>
            {refusals.map((r, i) => (
              <tr key={`${r.at}-${i}`}>
                <td>{ago(r.at, now)}</td>
                <td>
                  <code title={r.peerId}>{short(r.peerId)}</code>
                </td>
                <td>{REASONS[r.reason]}</td>
                <td>{r.type}</td>
                <td>
                  <code title={r.documentId}>{short(r.documentId)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
