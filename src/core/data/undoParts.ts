import * as A from '@automerge/automerge'
import { bucketOf, type DataDoc } from './DataDoc.ts'
import { META, snapshotKeyOf, storedMetaKeys } from './storedMeta.ts'

// The parts of an undo step and how each is taken back. Folder-internal (UndoStack's helpers).
// Values are kept in their document form (collaborative text as a JS string, atomic strings as
// ImmutableString), so writing one back restores the same kind of field.

/** Marks a field (or object) that did not exist. */
export const ABSENT: unique symbol = Symbol('absent')
/** A field value in document form, or {@link ABSENT}. */
export type Held = unknown

/** One part of a step: what to write to take back one object's or one field's change. */
export type Part =
  | { kind: 'added'; id: string }
  | { kind: 'removed'; id: string; before: Record<string, unknown> }
  | { kind: 'field'; id: string; key: string; before: Held; after: Held }
  | TextPart

/**
 * A text edit: `inserted` replaced `removed` at one place. Cursors anchor it, so it is found
 * again after concurrent edits elsewhere in the text; they are taken when an undo first needs
 * them, from the document right after the edit (an outdated Automerge document answers for
 * its own heads).
 */
export interface TextPart {
  kind: 'text'
  id: string
  key: string
  removed: string
  inserted: string
  /** Cursor on the first inserted character (when `inserted` is not empty). */
  first?: string
  /** Cursor on the last inserted character (when `inserted` is not empty). */
  last?: string
  /** Where `removed` goes back when nothing was inserted: cursor on the character before it (or the text's start). */
  at?: string
  /** Until the cursors are taken: the committed document right after the edit, and where the edit is in it. */
  doc?: A.Doc<DataDoc>
  index?: number
  /** Set when its cursors could not be taken: undo skips it. */
  lost?: true
}

/** A document value copied out of Automerge (a committed document, or inside a change), kinds preserved. */
export function hold(value: unknown): Held {
  if (value === undefined) return ABSENT
  if (value === null || typeof value !== 'object') return value
  // Lists first: an Automerge list proxy answers any symbol lookup, so it passes isImmutableString.
  if (Array.isArray(value)) return value.map((item) => hold(item))
  if (A.isImmutableString(value)) return new A.ImmutableString(value.val)
  if (A.isCounter(value)) return new A.Counter(value.value)
  if (value instanceof Uint8Array) return value.slice()
  if (value instanceof Date) return new Date(value.getTime())
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) out[key] = hold((value as Record<string, unknown>)[key])
  return out
}

/** Same value and same kinds (text vs atomic string) in two held values. */
export function sameHeld(a: Held, b: Held): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Number.isNaN(a) && Number.isNaN(b)
  if (Array.isArray(a) || Array.isArray(b)) {
    const list = b as unknown[]
    return Array.isArray(a) && Array.isArray(b) && a.length === list.length && a.every((item, i) => sameHeld(item, list[i]))
  }
  if (A.isImmutableString(a) || A.isImmutableString(b)) return A.isImmutableString(a) && A.isImmutableString(b) && a.val === b.val
  if (A.isCounter(a) || A.isCounter(b)) return A.isCounter(a) && A.isCounter(b) && a.value === b.value
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  return ka.length === kb.length && ka.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameHeld((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
}

/** The object `id` inside a document being changed (or read), if it is there. */
export function objectIn(d: DataDoc, id: string): Record<string, unknown> | undefined {
  const obj = d?.objects?.[bucketOf(id)]?.[id]
  return obj && typeof obj === 'object' && !Array.isArray(obj) ? obj : undefined
}

/**
 * The parts of one object's change, from its state before and after the commit. `keys` are
 * the top-level keys written (null: the whole object: added, removed or replaced); parts name
 * stored keys (`@meta.createdAt`), which the read model reads into `@meta`.
 */
export function partsOf(
  id: string,
  keys: ReadonlySet<string> | null,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
  afterDoc: A.Doc<DataDoc>,
  out: Part[],
): void {
  if (!before && !after) return
  if (!before) return void out.push({ kind: 'added', id })
  if (!after) return void out.push({ kind: 'removed', id, before: hold(before) as Record<string, unknown> })
  // A write of `@meta` touches its stored keys (flat keys, a legacy nested map): one part each.
  const stored = keys?.has(META) ? new Set([...keys, ...storedMetaKeys(before, after)]) : keys
  for (const key of stored ?? new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = hold(Object.prototype.hasOwnProperty.call(before, key) ? before[key] : undefined)
    const now = hold(Object.prototype.hasOwnProperty.call(after, key) ? after[key] : undefined)
    if (sameHeld(was, now)) continue
    if (typeof was === 'string' && typeof now === 'string') out.push(textPart(id, key, was, now, afterDoc))
    else out.push({ kind: 'field', id, key, before: was, after: now })
  }
}

/** The smallest single region where `before` and `after` differ, as a text part. */
function textPart(id: string, key: string, before: string, after: string, doc: A.Doc<DataDoc>): TextPart {
  const max = Math.min(before.length, after.length)
  let start = 0
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++
  let end = 0
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++
  return { kind: 'text', id, key, removed: before.slice(start, before.length - end), inserted: after.slice(start, after.length - end), doc, index: start }
}

/**
 * Takes the cursors of a text part (once) from the document right after its edit: a cursor
 * read from an older document answers for that document's heads. Until then the part holds
 * that document (Automerge shares its unchanged parts with newer ones).
 */
export function anchorText(part: TextPart): void {
  const doc = part.doc
  if (!doc) return
  const path = ['objects', bucketOf(part.id), part.id, part.key]
  const index = part.index ?? 0
  delete part.doc
  delete part.index
  try {
    if (part.inserted) {
      part.first = A.getCursor(doc, path, index)
      part.last = A.getCursor(doc, path, index + part.inserted.length - 1)
    } else if (index > 0) {
      part.at = A.getCursor(doc, path, index - 1)
    }
  } catch {
    // No cursor for that document (its text is gone from history's reach): the part cannot be
    // placed, so invert() skips it, as when someone else changed it.
    part.lost = true
  }
}

/**
 * Takes one part back inside a change of `d`. Returns false (and writes nothing) when someone
 * else changed it since, so it is skipped.
 */
export function invert(d: DataDoc, part: Part): boolean {
  const obj = objectIn(d, part.id)
  switch (part.kind) {
    case 'added':
      if (!obj) return false
      delete d.objects[bucketOf(part.id)]![part.id]
      return true
    case 'removed': {
      if (obj) return false
      const bucket = bucketOf(part.id)
      if (!d.objects[bucket]) d.objects[bucket] = {}
      d.objects[bucket]![part.id] = hold(part.before) as Record<string, unknown>
      return true
    }
    case 'field': {
      if (!obj || !sameHeld(hold(obj[part.key]), part.after)) return false
      if (part.before === ABSENT) delete obj[part.key]
      else obj[part.key] = hold(part.before)
      return true
    }
    case 'text':
      return invertText(d, obj, part)
  }
}

function invertText(d: DataDoc, obj: Record<string, unknown> | undefined, part: TextPart): boolean {
  const current = obj?.[part.key]
  if (typeof current !== 'string' || part.lost) return false
  const path = ['objects', bucketOf(part.id), part.id, part.key]
  try {
    if (part.inserted) {
      const start = A.getCursorPosition(d, path, part.first!)
      const end = A.getCursorPosition(d, path, part.last!) + 1
      // Someone else edited inside (or removed) what we inserted: leave it as they made it.
      if (end - start !== part.inserted.length || current.slice(start, end) !== part.inserted) return false
      A.splice(d, path, start, part.inserted.length, part.removed)
    } else {
      const at = part.at === undefined ? 0 : Math.min(A.getCursorPosition(d, path, part.at) + 1, current.length)
      A.splice(d, path, at, 0, part.removed)
    }
    return true
  } catch {
    // A cursor that no longer resolves (the field was replaced by a new text object): the
    // characters we edited are gone, which is "someone else changed it since".
    return false
  }
}

/** True when a part belongs to `id` (and, given `key`, is a field or text part of that snapshot key). */
export function partIn(part: Part, id: string, key: string | undefined): boolean {
  if (part.id !== id) return false
  return key === undefined || ((part.kind === 'field' || part.kind === 'text') && snapshotKeyOf(part.key) === key)
}
