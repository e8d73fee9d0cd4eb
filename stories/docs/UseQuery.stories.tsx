import type { Meta, StoryObj } from '@storybook/react-vite'
import { C, Code, DocPage, docsParameters, Example, RefTable, Section } from './DocPage.tsx'
import { TaskListExample } from './examples/TaskListExample.tsx'
import source from './examples/TaskListExample.tsx?raw'

function UseQueryDocs() {
  return (
    <DocPage
      title="useQuery"
      summary={
        <p style={{ margin: 0 }}>
          Live query results from a space. The objects are live: read their fields straight in render and write to them in
          event handlers. The component re-renders when the result set changes, or when a field that it (or a child it passed
          the object to) read changes; other changes do not re-render it.
        </p>
      }
    >
      <Section title="Signature">
        <Code label="Signature">{`const objects = useQuery<T>(space, filter?, { sort? })   // EchoObject<T>[]`}</Code>
        <RefTable
          caption="Parameters"
          rows={[
            ['space', 'Space | undefined', <>The space to query, e.g. from <C>useSpace()</C>. While undefined (or closed) the result is empty.</>],
            ['filter', 'Record<string, unknown> | (object) => boolean', <>Fields to match (<C>{`{ '@type': 'task', done: false }`}</C>) or a predicate. An inline object is fine: it is compared by content.</>],
            ['options.sort', "string | string[] | (a, b) => number", <>A field name (<C>'title'</C>), several, or a compare function.</>],
          ]}
        />
        <p style={{ margin: 0 }}>
          Returns an array of live objects that keeps its identity until the result changes, so it is safe in dependency
          arrays and memoised children. Each object has <C>{`['@id']`}</C> for keys.
        </p>
      </Section>
      <Example
        source={source}
        note={<p style={{ margin: 0 }}>Tick a task: it leaves the “not done” query at once. “Show done tasks” swaps the filter.</p>}
      >
        <TaskListExample />
      </Example>
      <Section title="Good to know">
        <ul style={{ margin: 0, paddingLeft: '1.25rem', display: 'flex', flexDirection: 'column', gap: '0.4rem' }}>
          <li>Writes (<C>task.done = true</C>, <C>space.db.add(…)</C>) commit at once and reach peers without any save call.</li>
          <li>Never copy fields into state: a component that renders a field from the query never shows a stale value.</li>
          <li>
            Values are plain JSON; anything else is refused with an <C>EchoError</C> (<C>INVALID_VALUE</C>) and nothing is
            written.
          </li>
          <li>For one object by id, use <C>useObject</C>; for collaborative text fields, <C>useText</C> or <C>TextField</C>.</li>
        </ul>
      </Section>
    </DocPage>
  )
}

const meta = {
  title: 'Docs/useQuery',
  component: UseQueryDocs,
  parameters: docsParameters,
} satisfies Meta<typeof UseQueryDocs>

export default meta
type Story = StoryObj<typeof meta>

/** Signature, parameters, and a runnable task list. */
export const Guide: Story = {}
