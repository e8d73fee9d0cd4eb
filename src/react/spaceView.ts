import type { Space, SpaceSnapshot } from '../core/index.ts'

const views = new WeakMap<SpaceSnapshot, Space>()

/**
 * A view of `space` for one snapshot of it: it reads and acts exactly like the space (its
 * getters, setters and methods run on the space itself), but it is a new object whenever the
 * space's name, members, role or status change. That is what lets `useMemo(..., [space])` and
 * `React.memo` in an app see those changes, while `space.db` and everything below it stay the
 * same objects. One view per snapshot, so re-renders without a change get the same view.
 *
 * @example const view = spaceView(space, space.getSnapshot())
 */
export function spaceView(space: Space, snapshot: SpaceSnapshot): Space {
  let view = views.get(snapshot)
  if (view) return view
  const bound = new Map<PropertyKey, unknown>()
  view = new Proxy(space, {
    get(target, key) {
      const value = Reflect.get(target, key, target)
      if (typeof value !== 'function' || key === 'constructor') return value
      // Methods run on the space (its #private fields live there); same function per view.
      if (!bound.has(key)) bound.set(key, (value as (...args: unknown[]) => unknown).bind(target))
      return bound.get(key)
    },
    set: (target, key, value) => Reflect.set(target, key, value, target),
  })
  views.set(snapshot, view)
  return view
}
