import type { Meta, StoryObj } from '@storybook/react-vite'
import { C, Code, DocPage, docsParameters, Example, RefTable, Section } from './DocPage.tsx'
import { ProviderErrorExample } from './examples/ProviderErrorExample.tsx'
import providerErrorSource from './examples/ProviderErrorExample.tsx?raw'
import { ProviderExample } from './examples/ProviderExample.tsx'
import providerSource from './examples/ProviderExample.tsx?raw'

function EchoProviderDocs() {
  return (
    <DocPage
      title="EchoProvider"
      summary={
        <p style={{ margin: 0 }}>
          Makes one echo-kit client available to every hook below it. Give it a <C>config</C> and it creates the client,
          shows <C>fallback</C> until it is ready and closes it on unmount; or give it a <C>client</C> you made with{' '}
          <C>createClient</C>. Under StrictMode it still creates exactly one client.
        </p>
      }
    >
      <Section title="Usage">
        <Code label="Usage">{`createRoot(el).render(
  <StrictMode>
    <EchoProvider
      config={{ storage: 'indexeddb', signaling: 'wss://signal.example' }}
      fallback={<Splash />}
      errorFallback={(error) => <StartError error={error} />}
    >
      <App />
    </EchoProvider>
  </StrictMode>,
)

// or with a client made outside React (tests, several providers, a worker):
const client = await createClient({ storage: 'memory' })
<EchoProvider client={client}><App /></EchoProvider>`}</Code>
        <RefTable
          caption="Props"
          rows={[
            ['config', 'ClientOptions', <>Options for <C>createClient</C>: <C>storage</C>, <C>signaling</C>, <C>name</C>, <C>iceServers</C>, … Read once, like a <C>useState</C> initialiser.</>],
            ['client', 'Client', <>A ready client instead of <C>config</C>. The provider does not close it.</>],
            ['fallback', 'ReactNode', 'Rendered while the client starts (config mode).'],
            ['errorFallback', 'ReactNode | (error: EchoError) => ReactNode', <>Rendered when the client fails to start; the error has a stable <C>code</C>.</>],
            ['throwOnError', 'boolean', 'Throw start-up errors to the nearest error boundary instead.'],
            ['onReady', '(client) => void | Promise<void>', 'Runs once the client is ready, before the children render (e.g. create an identity).'],
          ]}
        />
        <p style={{ margin: 0 }}>
          Below the provider: <C>useClient()</C> returns the client, <C>useIdentity()</C> the identity (or <C>null</C>),{' '}
          <C>useSpaces()</C> the live list of spaces. A hook used outside a provider throws at once with a message that says
          how to fix it.
        </p>
      </Section>
      <Example
        source={providerSource}
        note={<p style={{ margin: 0 }}>A real client in memory: create an identity (which also creates the personal space), then more spaces.</p>}
      >
        <ProviderExample />
      </Example>
      <Example title="When the client cannot start" source={providerErrorSource}>
        <ProviderErrorExample />
      </Example>
    </DocPage>
  )
}

const meta = {
  title: 'Docs/EchoProvider',
  component: EchoProviderDocs,
  parameters: docsParameters,
} satisfies Meta<typeof EchoProviderDocs>

export default meta
type Story = StoryObj<typeof meta>

/** The provider, its props, and two runnable examples (a client that starts, one that cannot). */
export const Guide: Story = {}
