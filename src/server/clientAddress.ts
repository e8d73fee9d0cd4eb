import type { IncomingMessage } from 'node:http'
import { isIPv4, isIPv6 } from 'node:net'

/**
 * The address per-address caps count a request against: the socket's peer (or, with
 * `trustProxy`, the last `X-Forwarded-For` entry, the one your proxy added). IPv4-mapped IPv6
 * becomes plain IPv4; other IPv6 addresses become their /64, since one host usually has a whole
 * /64 to pick addresses from.
 *
 * @example clientAddress(req, false) // '127.0.0.2' or '2001:db8:0:1::/64'
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  let address = req.socket.remoteAddress ?? 'unknown'
  if (trustProxy) {
    const header = req.headers['x-forwarded-for']
    const last = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((s) => s.trim()).filter(Boolean).at(-1)
    if (last && (isIPv4(last) || isIPv6(last))) address = last
  }
  if (address.startsWith('::ffff:') && isIPv4(address.slice(7))) return address.slice(7)
  if (!isIPv6(address)) return address
  return `${expand(address).slice(0, 4).join(':')}::/64`
}

/** The 8 groups of an IPv6 address, `::` expanded (a zone id is dropped). */
function expand(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0')
  return [...left, ...middle, ...right].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
}
