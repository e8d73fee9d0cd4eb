// How DatabaseCore.arrayOp stores an array method: as one splice of the stored list.

/**
 * An array method as one splice: where it starts, how many items it removes, what it inserts.
 * sort, reverse, fill and copyWithin compute the new contents and replace them all.
 */
export function spliceOf(current: unknown[], method: string, args: unknown[]): { start: number; deleteCount: number; items: unknown[] } {
  const len = current.length
  switch (method) {
    case 'push':
      return { start: len, deleteCount: 0, items: args }
    case 'unshift':
      return { start: 0, deleteCount: 0, items: args }
    case 'pop':
      return { start: Math.max(0, len - 1), deleteCount: len ? 1 : 0, items: [] }
    case 'shift':
      return { start: 0, deleteCount: len ? 1 : 0, items: [] }
    case 'splice': {
      const s = args.length ? Math.trunc(Number(args[0]) || 0) : len
      const start = s < 0 ? Math.max(len + s, 0) : Math.min(s, len)
      const deleteCount = args.length < 2 ? len - start : Math.min(Math.max(Math.trunc(Number(args[1]) || 0), 0), len - start)
      return { start, deleteCount, items: args.slice(2) }
    }
    default: {
      const copy = current.slice()
      ;(Array.prototype as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!.apply(copy, args)
      return { start: 0, deleteCount: len, items: copy }
    }
  }
}
