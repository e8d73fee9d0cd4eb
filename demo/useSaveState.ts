import { useEffect, useRef, useState } from 'react'
import { useSpaces, type Space } from '../src/index.ts'

export type SaveState = 'saved' | 'saving' | 'error'

const DELAY_MS = 120

/**
 * Whether every change has reached IndexedDB: on any change in any space (objects, name), waits
 * a moment for more, then `space.db.flush()`, which resolves once the writes are durable.
 */
export function useSaveState(): SaveState {
  const spaces = useSpaces()
  const [state, setState] = useState<SaveState>('saved')
  // Kept across effect runs: when the space list changes mid-save, the pending work carries over.
  const work = useRef({ dirty: new Set<Space>(), generation: 0, timer: undefined as ReturnType<typeof setTimeout> | undefined })

  useEffect(() => {
    const w = work.current
    const flush = async () => {
      const at = w.generation
      const batch = [...w.dirty]
      w.dirty.clear()
      try {
        await Promise.all(batch.filter((s) => s.status !== 'closed').map((s) => s.db.flush()))
        if (at === w.generation) setState('saved')
      } catch {
        if (batch.some((s) => s.status !== 'closed')) setState('error')
      }
    }
    const schedule = () => {
      clearTimeout(w.timer)
      w.timer = setTimeout(flush, DELAY_MS)
    }
    const touched = (space: Space) => {
      w.generation++
      w.dirty.add(space)
      setState('saving')
      schedule()
    }
    const offs = spaces.flatMap((space) => [space.db.subscribe(() => touched(space)), space.subscribe(() => touched(space))])
    if (w.dirty.size) schedule()
    return () => {
      clearTimeout(w.timer)
      for (const off of offs) off()
      // Pending writes go to disk now (on unmount nobody else would); a re-run flushes again.
      for (const space of w.dirty) if (space.status !== 'closed') space.db.flush().catch(() => {})
    }
  }, [spaces])

  return state
}
