import { useEffect, useState } from 'react'

/**
 * Re-renders every `ms` while mounted: peers' traffic, live queries and refusals have no events
 * of their own, and the panel only exists while open, so polling costs nothing when closed.
 *
 * @example const now = useTick(1000)
 */
export function useTick(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms])
  return now
}
