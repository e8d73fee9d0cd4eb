import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * Answers the plain-HTTP side of the server: `GET`/`HEAD /health` with the live counts (for
 * load balancers and dev pages), 405 for other methods there, 404 for every other path.
 * WebSocket upgrades never get here; `ws` takes them on any path.
 *
 * @example createServer((req, res) => handleHttpRequest(req, res, () => ({ connections: 0, topics: 0 })))
 */
export function handleHttpRequest(
  req: IncomingMessage,
  res: ServerResponse,
  counts: () => { connections: number; topics: number },
): void {
  const path = (req.url ?? '/').split('?')[0]
  if (path === '/health') {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n')
      return
    }
    const { connections, topics } = counts()
    const body = JSON.stringify({ ok: true, connections, topics })
    res.writeHead(200, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      // Health checks from a dev page on another origin (e.g. Vite's port) should work.
      'access-control-allow-origin': '*',
    })
    res.end(req.method === 'HEAD' ? undefined : body)
    return
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
}
