import { useId } from 'react'
import { buttonStyle, TextField, useQuery, useSpaces, useText } from '../../../src/index.ts'

/** The shared note of the first shared space, as each peer renders it. */
export function NoteEditor({ label }: { label: string }) {
  const space = useSpaces().find((s) => !s.personal)
  const [note] = useQuery(space, { '@type': 'note' })
  // value: the current text; splice/update: character edits that merge with other peers' edits.
  const { value, splice } = useText(note, 'body')
  const id = useId()
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: '0.5rem' }}>
      <label htmlFor={id} style={{ fontWeight: 600 }}>
        {label}
      </label>
      {/* TextField: an input bound to the text that keeps the caret in place when peers type. */}
      <TextField id={id} object={note} field="body" multiline rows={4} style={{ font: 'inherit', padding: '0.5em' }} />
      <div style={{ display: 'flex', alignItems: 'center', gap: '0.75rem' }}>
        <button type="button" style={buttonStyle} onClick={() => splice(0, 0, '★ ')}>
          Insert ★ at the start
        </button>
        <span>{value.length} characters</span>
      </div>
    </div>
  )
}
