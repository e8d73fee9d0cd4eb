import * as A from '@automerge/automerge'
import { EchoError } from '../shared/index.ts'
import { coreOf } from './coreOf.ts'
import type { Database } from './Database.ts'
import type { DatabaseCore } from './DatabaseCore.ts'
import { bucketOf, type DataDoc } from './DataDoc.ts'
import type { UndoResult } from './UndoHistory.ts'

/** A position in a text that stays attached to its character while others edit around it. */
export type TextCursor = string

/**
 * A collaborative text field of one object: character-level edits that merge with concurrent
 * edits from other peers, and cursors that survive remote edits. Live: `subscribe` + `value`.
 *
 * @example
 * const body = space.db.text(note, 'body')
 * const caret = body.cursor(5)
 * body.splice(0, 0, 'Hi ')
 * body.position(caret) // 8
 */
export class TextHandle {
  readonly #core: DatabaseCore
  readonly #id: string
  readonly #field: string

  /** Use {@link Database.text} or `getText(object, field)`. */
  constructor(db: Database, id: string, field: string) {
    this.#core = coreOf(db)
    this.#id = id
    this.#field = field
  }

  /** Current text ('' when the field is missing). Same string while nothing changed. */
  get value(): string {
    const v = this.#core.read.snapshotOf(this.#id)?.[this.#field]
    return typeof v === 'string' ? v : ''
  }

  /** Same as {@link TextHandle.value}, for `useSyncExternalStore`. */
  getSnapshot = (): string => this.value

  /** Listens to changes of the text's object. */
  subscribe = (listener: () => void): (() => void) => this.#core.feed.subscribeObject(this.#id, listener)

  /**
   * Deletes `deleteCount` characters at `index` and inserts `insert` there. Makes the field a
   * collaborative text field first if it is not one yet.
   */
  splice(index: number, deleteCount: number, insert = ''): void {
    if (!Number.isInteger(index) || index < 0 || !Number.isInteger(deleteCount) || deleteCount < 0) {
      throw new EchoError('INVALID_VALUE', 'splice(index, deleteCount) takes non-negative integers')
    }
    if (typeof insert !== 'string') throw new EchoError('INVALID_VALUE', 'inserted text must be a string')
    this.#edit((d, path) => {
      const len = (this.#ensureText(d) as string).length
      const at = Math.min(index, len)
      A.splice(d, path, at, Math.min(deleteCount, len - at), insert)
    })
  }

  /** Replaces the whole text with `next`, as a minimal character diff (so it merges). */
  update(next: string): void {
    if (typeof next !== 'string') throw new EchoError('INVALID_VALUE', 'text must be a string')
    this.#edit((d, path) => {
      this.#ensureText(d)
      A.updateText(d, path, next)
    })
  }

  /** A cursor at character `index`, stable under concurrent edits. */
  cursor(index: number): TextCursor {
    const len = this.value.length
    const at = Math.max(0, Math.min(index, len))
    const doc = this.#core.loadedDoc()
    // A space opened from its saved read model (WarmStart) has no Automerge document for a
    // moment; nothing remote can edit it meanwhile, so a plain index is exact until it loads.
    if (!doc) return `${INDEX_CURSOR}${at}`
    return A.getCursor(doc, this.#path(), at)
  }

  /** Where a cursor is now (after local and remote edits). */
  position(cursor: TextCursor): number {
    const index = indexCursor(cursor, this.value.length)
    if (index !== undefined) return index
    const doc = this.#core.committedDoc()
    try {
      return A.getCursorPosition(doc, this.#path(), cursor)
    } catch {
      // The cursor cannot be resolved (malformed, from another text, or the field is no longer
      // collaborative text): the end of the text is the nearest safe caret; counted in db.stats().
      this.#core.countUnresolvedCursor()
      return this.value.length
    }
  }

  /**
   * Undoes this device's latest step that edited this field, wherever it is on the undo stack
   * (`db.undo({ object, field })`): what Ctrl/Cmd+Z does in a `TextField`.
   *
   * @example body.undo()
   */
  undo(): UndoResult {
    return this.#core.undoRedo('undo', { id: this.#id, field: this.#field })
  }

  /** Redoes the latest undone step that edited this field (`db.redo({ object, field })`). */
  redo(): UndoResult {
    return this.#core.undoRedo('redo', { id: this.#id, field: this.#field })
  }

  /**
   * Where a cursor is now, or undefined when this copy cannot place it (yet): e.g. another
   * peer's cursor on characters that have not synced here. Not counted: for remote carets,
   * which wait until they can be placed.
   */
  find(cursor: TextCursor): number | undefined {
    const index = indexCursor(cursor, this.value.length)
    if (index !== undefined) return index
    try {
      return A.getCursorPosition(this.#core.committedDoc(), this.#path(), cursor)
    } catch {
      return undefined // not placeable on this copy (yet): the caller waits for sync
    }
  }

  #path(): A.Prop[] {
    return ['objects', bucketOf(this.#id), this.#id, this.#field]
  }

  #ensureText(d: unknown): unknown {
    const obj = (d as DataDoc).objects[bucketOf(this.#id)]![this.#id]!
    const current = obj[this.#field]
    if (typeof current === 'string') return current
    // Upgrade an atomic string (or a missing field) to collaborative text, keeping its content.
    const initial = current == null ? '' : String(current)
    obj[this.#field] = initial
    return initial
  }

  #edit(edit: (d: never, path: A.Prop[]) => void): void {
    this.#core.textEdit(this.#id, this.#field, (d, path) => edit(d as never, path))
  }
}

/** Prefix of a cursor made before the document loaded: a plain character index. */
const INDEX_CURSOR = 'index:'

/** The index of such a cursor (clamped to the text), or undefined for an Automerge cursor. */
function indexCursor(cursor: TextCursor, length: number): number | undefined {
  if (typeof cursor !== 'string' || !cursor.startsWith(INDEX_CURSOR)) return undefined
  const n = Number(cursor.slice(INDEX_CURSOR.length))
  return Number.isInteger(n) ? Math.max(0, Math.min(n, length)) : length
}
