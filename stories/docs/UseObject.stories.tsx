import type { Meta, StoryObj } from '@storybook/react-vite'
import { C, Code, DocPage, docsParameters, Example, RefTable, Section } from './DocPage.tsx'
import { ObjectExample } from './examples/ObjectExample.tsx'
import source from './examples/ObjectExample.tsx?raw'

function UseObjectDocs() {
  return (
    <DocPage
      title="useObject"
      summary={
        <p style={{ margin: 0 }}>
          One live object, by id or from a live object you already hold. It re-renders only when a field it read changes, and
          returns <C>undefined</C> while the object does not exist: not synced yet, or removed (here or by a peer).
        </p>
      }
    >
      <Section title="Signature">
        <Code label="Signature">{`const task = useObject<Task>(space, idOrObject)   // EchoObject<Task> | undefined`}</Code>
        <RefTable
          caption="Parameters"
          rows={[
            ['space', 'Space | undefined', 'The space the object lives in.'],
            ['idOrObject', 'string | EchoObject | undefined', <>An object id (<C>{`task['@id']`}</C>), or a live object (e.g. a row from <C>useQuery</C>).</>],
          ]}
        />
        <p style={{ margin: 0 }}>
          Use it for detail views and in memoised rows; always handle <C>undefined</C>, because another peer can remove the
          object at any time.
        </p>
      </Section>
      <Example source={source} note={<p style={{ margin: 0 }}>Select a task, rename it (the list re-sorts), tick it, then remove it: the editor then says the task is gone.</p>}>
        <ObjectExample />
      </Example>
    </DocPage>
  )
}

const meta = {
  title: 'Docs/useObject',
  component: UseObjectDocs,
  parameters: docsParameters,
} satisfies Meta<typeof UseObjectDocs>

export default meta
type Story = StoryObj<typeof meta>

/** Signature, and a runnable list + detail editor that copes with removed objects. */
export const Guide: Story = {}
