import type { Meta, StoryObj } from '@storybook/react-vite'
import { C, Code, DocPage, docsParameters, Example, Section } from './DocPage.tsx'
import { TypedTasksUntyped } from './examples/TypedTasksUntyped.tsx'
import untypedSource from './examples/TypedTasksUntyped.tsx?raw'
import { TypedTasksValibot } from './examples/TypedTasksValibot.tsx'
import valibotSource from './examples/TypedTasksValibot.tsx?raw'
import { TypedTasksZod } from './examples/TypedTasksZod.tsx'
import zodSource from './examples/TypedTasksZod.tsx?raw'

function TypedObjectsDocs() {
  return (
    <DocPage
      title="Typed objects"
      summary={
        <p style={{ margin: 0 }}>
          Declare a type with the validator your app already uses (any Standard Schema: zod 4, valibot 1, arktype 2). Writes
          are validated, results are typed, filter and sort keys are checked by the compiler, and objects from peers that fail
          the schema are left out of typed queries instead of reaching your components. The same task app, three ways:
        </p>
      }
    >
      <Section title="Declare">
        <Code label="Declaring types">{`import { defineType, ref } from 'echo-kit'
import { z } from 'zod'

const Person = defineType('person', z.object({ name: z.string() }))
const Task = defineType('task', z.object({
  title: z.string(),
  done: z.boolean(),
  assignee: ref(Person).optional(),   // a typed weak reference; with valibot: v.optional(ref(Person))
}))

const task = space.db.add(Task, { title: 'Buy milk', done: false })  // validated; EchoObject<Task>
task.assignee?.name                                                  // string | undefined
space.db.query(Task, { done: false }, { sort: 'title' })             // keys checked by the compiler
useQuery(space, Task, { done: false }); useObject(space, id, Task)`}</Code>
      </Section>
      <Example title="Untyped" source={untypedSource} note={<p style={{ margin: 0 }}>Works as always: fields are <C>unknown</C>, nothing is checked.</p>}>
        <TypedTasksUntyped />
      </Example>
      <Example title="With zod" source={zodSource} note={<p style={{ margin: 0 }}>Add an empty task: the schema refuses it and nothing is written.</p>}>
        <TypedTasksZod />
      </Example>
      <Example title="With valibot" source={valibotSource} note={<p style={{ margin: 0 }}>The same app; only the schema line differs.</p>}>
        <TypedTasksValibot />
      </Example>
      <Section title="Good to know">
        <ul style={{ margin: 0, paddingLeft: '1.25rem', display: 'flex', flexDirection: 'column', gap: '0.4rem' }}>
          <li>
            Objects a peer wrote that fail the schema are skipped by typed queries, listed in <C>query.invalid</C> and counted in{' '}
            <C>db.stats().invalidObjects</C>; <C>{`{ includeInvalid: true }`}</C> keeps them.
          </li>
          <li>Fields the schema does not know survive reads and writes: use non-strict object schemas.</li>
          <li>
            A new version adds fields with an upgrade: <C>{`defineType('task', schema, { version: 2, upgrade: (old) => ({ ...old, priority: 0 }) })`}</C>.
          </li>
          <li>
            Every object has <C>{`['@meta'].createdAt`}</C> and <C>createdBy</C>; unsorted results come in creation order.
          </li>
        </ul>
      </Section>
    </DocPage>
  )
}

const meta = {
  title: 'Docs/Typed objects',
  component: TypedObjectsDocs,
  parameters: docsParameters,
} satisfies Meta<typeof TypedObjectsDocs>

export default meta
type Story = StoryObj<typeof meta>

/** The same task app untyped, with zod and with valibot. */
export const Guide: Story = {}
