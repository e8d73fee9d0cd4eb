import { getObjectId } from '../core/index.ts'

/**
 * Shared within src/react (not exported from the package). A content key for filters and options passed inline each render: equal content gives
 * an equal key, so hooks do not re-subscribe. Live objects count by id, functions by source.
 */
export function stableKey(value: unknown, seen: Set<unknown> = new Set()): string {
  if (value === undefined) return 'u'
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' ? `f:${String(value)}` : `${typeof value}:${String(value)}`
  }
  const id = getObjectId(value)
  if (id) return `ref:${id}`
  if (seen.has(value)) return 'cycle'
  seen.add(value)
  if (Array.isArray(value)) return `[${value.map((v) => stableKey(v, seen)).join(',')}]`
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableKey((value as Record<string, unknown>)[k], seen)}`)
    .join(',')}}`
}
