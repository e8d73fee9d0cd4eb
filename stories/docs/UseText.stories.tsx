import type { Meta, StoryObj } from '@storybook/react-vite'
import { text } from '../../src/index.ts'
import { C, Code, DocPage, docsParameters, Example, RefTable, Section } from './DocPage.tsx'
import { NoteEditor } from './examples/NoteEditor.tsx'
import source from './examples/NoteEditor.tsx?raw'
import { PeerPair } from './PeerPair.tsx'

function UseTextDocs() {
  return (
    <DocPage
      title="useText"
      summary={
        <p style={{ margin: 0 }}>
          A collaborative text field of a live object. Edits are character insertions and deletions, so two people typing in
          the same text at once both keep their words. <C>TextField</C> is the ready-made input built on it, which also keeps
          the caret on the same characters while remote edits arrive.
        </p>
      }
    >
      <Section title="Signature">
        <Code label="Signature">{`// a text field is created with text(''):
const note = space.db.add({ '@type': 'note', body: text('') })

const { value, update, splice, text: handle } = useText(note, 'body')
<TextField object={note} field="body" multiline aria-label="Notes" />`}</Code>
        <RefTable
          caption="Returns"
          head={['Field', 'Type', 'Description']}
          rows={[
            ['value', 'string', <>The current text (<C>''</C> while the object is missing).</>],
            ['update', '(next: string) => void', 'Replace the whole text; applied as a character diff, so it merges with concurrent edits.'],
            ['splice', '(index, deleteCount, insert?) => void', 'Delete and insert at a position.'],
            ['text', 'TextHandle | undefined', 'The handle underneath: cursors that survive remote edits, subscribe.'],
          ]}
        />
      </Section>
      <Example
        source={source}
        note={<p style={{ margin: 0 }}>Type on both sides, also at the same time: both edits survive. The button inserts at the start with <C>splice</C>.</p>}
      >
        <PeerPair
          spaceName="Notes"
          joined
          prepare={(space) => space.db.add({ '@type': 'note', body: text('Meeting notes: ') })}
          render={({ name }) => <NoteEditor label={`${name}’s notes`} />}
        />
      </Example>
    </DocPage>
  )
}

const meta = {
  title: 'Docs/useText',
  component: UseTextDocs,
  parameters: docsParameters,
} satisfies Meta<typeof UseTextDocs>

export default meta
type Story = StoryObj<typeof meta>

/** Signature, and one note edited by two real peers. */
export const Guide: Story = {}
