// Small formatters shared by the panel's tabs.

/** The first 8 hex chars of a key or id, with an ellipsis. @example short('ab12cd34ef…') // 'ab12cd34…' */
export function short(key: string | undefined): string {
  if (!key) return '—'
  return key.length > 10 ? `${key.slice(0, 8)}…` : key
}

/** Bytes for people. @example bytes(2048) // '2.0 kB' */
export function bytes(n: number | undefined): string {
  if (n === undefined) return '—'
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

/** How long ago, coarse. @example ago(Date.now() - 3000) // '3 s ago' */
export function ago(at: number | undefined, now = Date.now()): string {
  if (at === undefined) return 'never'
  const s = Math.max(0, Math.round((now - at) / 1000))
  if (s < 60) return `${s} s ago`
  if (s < 3600) return `${Math.round(s / 60)} min ago`
  return `${Math.round(s / 3600)} h ago`
}

/** A message for an error of any kind, with the EchoError code first. @example describeError(e) // 'FORBIDDEN: ...' */
export function describeError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown }
  const message = typeof e?.message === 'string' ? e.message : String(error)
  return typeof e?.code === 'string' ? `${e.code}: ${message}` : message
}
