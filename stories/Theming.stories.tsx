import type { Meta, StoryObj } from '@storybook/react-vite'
import { useEffect, type ReactNode } from 'react'
import { EchoProvider } from '../src/index.ts'
import { EchoUIProvider, InvitationDialog, JoinDialog, messagesDe, type KitButtonProps, type PartClassNames } from '../src/ui/index.ts'
import { Scenario } from './support/Scenario.tsx'

// Proof that the kit takes an app's design: the same dialogs restyled with utility classes
// (Tailwind-like, defined below as a tiny stand-in), with a dark brand theme, and in German.

const utilities = `
.u-panel { border-radius: 20px; padding: 24px; box-shadow: 0 30px 80px rgb(15 23 42 / 0.35); }
.u-title { font-size: 1.5rem; letter-spacing: -0.02em; }
.u-muted { color: #475569; }
.u-actions { justify-content: space-between; }
.u-btn { border-radius: 999px; padding: 0.6em 1.3em; font-weight: 600; border: 2px solid #0f766e; background: #fff; color: #0f766e; cursor: pointer; }
.u-btn:hover { background: #f0fdfa; }
.u-btn:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.u-btn[data-variant='primary'] { background: #0f766e; color: #fff; }
.u-btn[data-variant='primary']:hover { background: #115e59; }
.u-input { border-radius: 12px; border: 2px solid #64748b; padding: 0.6em 0.8em; font-size: 0.9375rem; }
.u-input:focus-visible { outline: 3px solid #f59e0b; outline-offset: 1px; }
.u-qr { border-radius: 16px; }
`

const classNames: PartClassNames = {
  content: 'u-panel',
  title: 'u-title',
  description: 'u-muted',
  actions: 'u-actions',
  qr: 'u-qr',
  trigger: 'u-btn',
}

// The app's own Button and Input: every kit button and input inside the dialogs becomes one.
function AppButton({ className, ...props }: KitButtonProps) {
  return <button {...props} className={['u-btn', className].filter(Boolean).join(' ')} />
}
function AppInput({ className, ...props }: React.ComponentPropsWithoutRef<'input'>) {
  return <input {...props} className={['u-input', className].filter(Boolean).join(' ')} />
}

const brandDark = `
:root[data-theme='dark'] {
  --echo-accent: #fbbf24;
  --echo-accent-hover: #fcd34d;
  --echo-accent-text: #1c1917;
  --echo-bg: #1c1917;
  --echo-fg: #fafaf9;
  --echo-muted: #d6d3d1;
  --echo-surface: #292524;
  --echo-border: #44403c;
  --echo-control-border: #a8a29e;
  --echo-radius: 14px;
  --echo-font: Georgia, 'Times New Roman', serif;
  --echo-overlay: rgb(12 10 9 / 0.8);
  background: #0c0a09;
}
`

/** Puts data-theme on <html> while the story is shown: dialogs render in the top layer from <body>. */
function Theme({ theme, css, children }: { theme?: 'dark' | 'light'; css: string; children: ReactNode }) {
  useEffect(() => {
    if (!theme) return
    const root = document.documentElement
    root.dataset.theme = theme
    return () => void delete root.dataset.theme
  }, [theme])
  return (
    <>
      <style>{css}</style>
      {children}
    </>
  )
}

type Props = { side: 'host' | 'guest'; look: 'utility' | 'dark-brand' | 'german' }

function ThemedStory({ side, look }: Props) {
  return (
    <Scenario
      key={`${side}-${look}`}
      setup={async (p) => {
        const ada = await p.peer('ada', 'Ada')
        const bob = await p.peer('bob', 'Bob')
        p.link(ada, bob)
        const space = await ada.createSpace({ name: 'Team board' })
        return { ada, bob, space }
      }}
    >
      {({ ada, bob, space }) => {
        const dialog =
          side === 'host' ? (
            <EchoProvider client={ada}>
              <InvitationDialog space={space} defaultOpen linkBase="https://echo-kit.example/" classNames={look === 'utility' ? classNames : undefined} />
            </EchoProvider>
          ) : (
            <EchoProvider client={bob}>
              <JoinDialog defaultOpen classNames={look === 'utility' ? classNames : undefined} />
            </EchoProvider>
          )
        if (look === 'utility') {
          return (
            <Theme css={utilities}>
              <EchoUIProvider components={{ Button: AppButton, Input: AppInput }}>{dialog}</EchoUIProvider>
            </Theme>
          )
        }
        if (look === 'dark-brand') return <Theme theme="dark" css={brandDark}>{dialog}</Theme>
        return <EchoUIProvider messages={messagesDe}>{dialog}</EchoUIProvider>
      }}
    </Scenario>
  )
}

const meta = {
  title: 'Theming/Dialogs',
  component: ThemedStory,
  args: { side: 'host', look: 'utility' },
  argTypes: { side: { control: 'inline-radio', options: ['host', 'guest'] }, look: { control: 'inline-radio', options: ['utility', 'dark-brand', 'german'] } },
} satisfies Meta<typeof ThemedStory>

export default meta
type Story = StoryObj<typeof meta>

/** InvitationDialog with utility classes on its parts and the app's own Button and Input. */
export const UtilityClassesHost: Story = {}

/** JoinDialog with the same utility classes, Button and Input. */
export const UtilityClassesGuest: Story = { args: { side: 'guest' } }

/** InvitationDialog in a dark brand theme: only --echo-* variables and data-theme="dark". */
export const DarkBrandHost: Story = { args: { look: 'dark-brand' } }

/** JoinDialog in the dark brand theme. */
export const DarkBrandGuest: Story = { args: { side: 'guest', look: 'dark-brand' } }

/** InvitationDialog with the German messages. */
export const GermanHost: Story = { args: { look: 'german' } }

/** JoinDialog with the German messages. */
export const GermanGuest: Story = { args: { side: 'guest', look: 'german' } }
