import type { Meta, StoryObj } from '@storybook/react-vite'
import { C, Code, DocPage, docsParameters, Example, RefTable, Section } from './DocPage.tsx'
import { GuestJoin, HostInvite } from './examples/InvitationExample.tsx'
import source from './examples/InvitationExample.tsx?raw'
import { PeerPair } from './PeerPair.tsx'

function InvitationHooksDocs() {
  return (
    <DocPage
      title="useSpaceInvitation and useJoinSpace"
      summary={
        <p style={{ margin: 0 }}>
          The two sides of an invitation, as hooks, for your own invitation UI (<C>InvitationDialog</C> and{' '}
          <C>JoinDialog</C> are built on them). The host creates an invitation and shares its code; the guest joins with the
          code; once they are connected over an encrypted channel the host shows a 6-digit code, which the guest types in.
        </p>
      }
    >
      <Section title="Signatures">
        <Code label="Signatures">{`// host, an owner or admin of the space
const { state, code, authCode, attemptsLeft, expiresAt, error, guest, invitation, create, cancel } =
  useSpaceInvitation(space)

// guest (needs an identity)
const { state, error, attemptsLeft, space, join, authenticate, cancel, reset } = useJoinSpace()`}</Code>
        <p style={{ margin: 0 }}>
          Both sides share one state union:{' '}
          <C>init | connecting | connected | ready-for-auth | authenticating | success | cancelled | expired | error</C>.
          Errors come back as data (<C>error.code</C>: <C>AUTH_FAILED</C>, <C>TOO_MANY_ATTEMPTS</C>, <C>INVALID_INVITATION</C>,{' '}
          <C>INVITATION_EXPIRED</C>, …), never thrown. Unmounting cancels an unfinished invitation or join.
        </p>
        <RefTable
          caption="useSpaceInvitation(space)"
          head={['Field', 'Type', 'Description']}
          rows={[
            ['create(options?)', '({ role, expiresIn, maxAttempts }) => Invitation', 'Creates an invitation (cancelling an unfinished one).'],
            ['code', 'string', <>The code to share (also as a link <C>…#join=CODE</C> or a QR code).</>],
            ['authCode', 'string | undefined', 'The 6 digits to tell the guest, once they are connected.'],
            ['attemptsLeft', 'number', 'Wrong codes the guest may still enter (3 by default).'],
            ['guest', '{ displayName, identityKey } | undefined', 'Who joined, on success.'],
            ['cancel()', '() => void', 'Cancels the invitation.'],
          ]}
        />
        <RefTable
          caption="useJoinSpace()"
          head={['Field', 'Type', 'Description']}
          rows={[
            ['join(code)', '(codeOrLink: string) => void', <>Starts joining; a bad code becomes state <C>error</C> at once, before anything connects.</>],
            ['authenticate(pin)', '(pin: string) => Promise<state>', 'Sends the 6 digits through the encrypted channel.'],
            ['space', 'Space | undefined', 'The joined space, on success (it keeps syncing).'],
            ['cancel() / reset()', '() => void', <>Cancel joining / go back to <C>init</C> to try another code.</>],
          ]}
        />
      </Section>
      <Example
        source={source}
        note={
          <p style={{ margin: 0 }}>
            Create an invitation on Ada’s side, copy its code into Bob’s side and press Join, then type the digits Ada’s side
            shows.
          </p>
        }
      >
        <PeerPair spaceName="Book club" joined={false} render={({ host, space }) => (host ? <HostInvite space={space} /> : <GuestJoin />)} />
      </Example>
    </DocPage>
  )
}

const meta = {
  title: 'Docs/useSpaceInvitation, useJoinSpace',
  component: InvitationHooksDocs,
  parameters: docsParameters,
} satisfies Meta<typeof InvitationHooksDocs>

export default meta
type Story = StoryObj<typeof meta>

/** Both hooks, their fields, and an invitation between two real peers. */
export const Guide: Story = {}
