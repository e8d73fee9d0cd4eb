// The demo's object types, declared with zod (any Standard Schema validator works): `@type` is
// the type's name, writes are validated, and tasks from a peer that fail the schema are left
// out of the board instead of breaking it.
import { z } from 'zod'
import { defineType, ref, text, type ObjectOf, type Space } from '../src/index.ts'

export const Person = defineType('person', z.object({ name: z.string(), createdAt: z.number() }))

export const Task = defineType(
  'task',
  z.object({
    title: z.string(),
    done: z.boolean(),
    /** Collaborative text (added as `text('')`): concurrent edits merge character by character. */
    notes: z.string(),
    createdAt: z.number(),
    /** A weak reference: reads as the live person, or undefined once that person is deleted. */
    assignee: ref(Person).nullable().optional(),
  }),
)

export type LiveTask = ObjectOf<typeof Task>
export type LivePerson = ObjectOf<typeof Person>

export function addTask(space: Space, title: string): LiveTask {
  return space.db.add(Task, { title, done: false, notes: text(''), createdAt: Date.now() })
}

export function addPerson(space: Space, name: string): LivePerson {
  return space.db.add(Person, { name, createdAt: Date.now() })
}

/** Up to two initials for an avatar. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  if (parts.length === 0) return '?'
  const first = [...parts[0]][0]
  return (parts.length > 1 ? first + [...parts[parts.length - 1]][0] : first).toUpperCase()
}

/** A stable hue for a person (from their id), so avatars keep their colour everywhere. */
export function hueOf(id: string): number {
  let h = 0
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) % 360
  return h
}
