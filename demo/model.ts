// The demo's object types. Objects are plain JSON in a space; `@type` is what queries filter on.
import { text, type EchoObject, type Space, type Text } from '../src/index.ts'

export type Person = { '@type': 'person'; name: string; createdAt: number }

export type Task = {
  '@type': 'task'
  title: string
  done: boolean
  /** Collaborative text: concurrent edits merge character by character. */
  notes: Text
  createdAt: number
  /** A weak reference: reads as the live person, or undefined once that person is deleted. */
  assignee?: EchoObject<Person> | null
}

export type LiveTask = EchoObject<Task>
export type LivePerson = EchoObject<Person>

export function addTask(space: Space, title: string): LiveTask {
  return space.db.add<Task>({ '@type': 'task', title, done: false, notes: text(''), createdAt: Date.now() })
}

export function addPerson(space: Space, name: string): LivePerson {
  return space.db.add<Person>({ '@type': 'person', name, createdAt: Date.now() })
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
