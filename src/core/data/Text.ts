/**
 * Marks a field as collaborative text: concurrent edits merge character by character,
 * instead of the default last-writer-wins for plain strings.
 *
 * @example
 * const note = space.db.add({ '@type': 'note', body: text('Hello') })
 * note.body            // 'Hello' (reads are plain strings)
 * note.body = 'Hello!' // on a text field this is a character diff, so it merges
 */
export class Text {
  readonly value: string
  constructor(value = '') {
    this.value = value
  }
  toString(): string {
    return this.value
  }
}

/**
 * Creates a collaborative text value for {@link Database.add} or a field assignment.
 *
 * @example task.notes = text('')
 */
export function text(initial = ''): Text {
  if (typeof initial !== 'string') throw new TypeError('text() takes a string')
  return new Text(initial)
}
