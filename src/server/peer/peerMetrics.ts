import type { Client } from '../../core/index.ts'

/**
 * The peer's state in Prometheus text format (version 0.0.4): spaces served, objects held,
 * peers connected, spaces still syncing (sync lag), bytes on disk, and the refused/failed
 * counters of `client.stats()`.
 *
 * @example res.end(peerMetrics(client))
 */
export function peerMetrics(client: Client, extra: { diskBytes?: number } = {}): string {
  const spaces = client.spaces
  const stats = client.stats()
  const network = client.network.getSnapshot()
  let objects = 0
  let syncing = 0
  let loading = 0
  for (const space of spaces) {
    if (space.status === 'ready') objects += space.db.size
    else if (space.status === 'loading') loading++
    if (space.sync.getSnapshot().status === 'syncing') syncing++
  }
  const lines: string[] = []
  const metric = (name: string, type: 'gauge' | 'counter', help: string, value: number) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`)
  }
  metric('echo_kit_spaces', 'gauge', 'Spaces this peer serves.', spaces.length)
  metric('echo_kit_spaces_loading', 'gauge', 'Spaces whose documents have not arrived yet.', loading)
  metric('echo_kit_spaces_syncing', 'gauge', 'Spaces a connected peer is behind or ahead of (sync lag).', syncing)
  metric('echo_kit_objects', 'gauge', 'Objects held, over all loaded spaces.', objects)
  metric('echo_kit_peers', 'gauge', 'Peers connected right now.', network.peers)
  if (extra.diskBytes !== undefined) metric('echo_kit_disk_bytes', 'gauge', "Bytes of the peer's files (documents, sync state, local record).", extra.diskBytes)
  metric('echo_kit_signaling_open', 'gauge', '1 while the signaling connection is open.', network.signaling === 'open' ? 1 : 0)
  metric('echo_kit_denied_requests_total', 'counter', 'Document requests refused by access control.', stats.deniedRequests)
  metric('echo_kit_background_failures_total', 'counter', 'Background work that failed.', stats.backgroundFailures)
  return lines.join('\n') + '\n'
}
