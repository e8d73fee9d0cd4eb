import type { Space } from '../core/index.ts'
import type { ClientInspection, LiveQueryInfo } from '../core/inspect/index.ts'

/** Queries with the same filter and sort, summed: each mounted `useQuery` makes its own query. */
type QueryGroup = { -readonly [K in keyof LiveQueryInfo]: LiveQueryInfo[K] } & { queries: number }

function group(queries: LiveQueryInfo[]): QueryGroup[] {
  const byKey = new Map<string, QueryGroup>()
  for (const q of queries) {
    const key = `${q.filter}\u0000${q.sort ?? ''}`
    const g = byKey.get(key)
    if (g) {
      g.queries++
      g.listeners += q.listeners
    } else byKey.set(key, { ...q, queries: 1 })
  }
  return [...byKey.values()]
}

/**
 * Live (subscribed) queries of every space: filter, sort, how many queries and subscribers
 * (components) share it, and the result size. Refreshed every second while open.
 *
 * @example <QueriesTab spaces={spaces} look={look} />
 */
export function QueriesTab({ spaces, look }: { spaces: readonly Space[]; look: ClientInspection }) {
  const rows = spaces.flatMap((space) => (space.status === 'closed' ? [] : group(look.space(space).liveQueries()).map((q) => ({ space, ...q }))))
  if (!rows.length) return <p data-part="devtools-empty">No live queries: nothing is subscribed to a query right now.</p>
  return (
    <table data-part="devtools-table">
      <caption>Live queries</caption>
      <thead>
        <tr>
          <th scope="col">Space</th>
          <th scope="col">Filter</th>
          <th scope="col">Sort</th>
          <th scope="col">Queries</th>
          <th scope="col">Subscribers</th>
          <th scope="col">Results</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((q) => (
          <tr key={`${q.space.id}${q.filter}${q.sort}`}>
            <td>{q.space.name || 'Personal'}</td>
            <td>
              <code>{q.filter}</code>
            </td>
            <td>{q.sort ? <code>{q.sort}</code> : 'none'}</td>
            <td>{q.queries}</td>
            <td>{q.listeners}</td>
            <td>{q.results}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
