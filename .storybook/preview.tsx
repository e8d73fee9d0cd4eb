import type { Preview } from '@storybook/react-vite'
// The kit's stylesheet, as an app loads it (`import 'echo-kit/styles.css'`).
import '../src/ui/styles.css'

const preview: Preview = {
  parameters: {
    layout: 'centered',
    controls: { expanded: true },
    // Hook docs first, then the live multi-peer stories, then the components.
    options: {
      storySort: {
        order: ['Docs', ['EchoProvider', 'useQuery', 'useObject', 'useText', '*'], 'Live', ['Invitation', 'Collaboration'], 'Invitations', 'Lists', 'UI', 'Theming'],
      },
    },
  },
  decorators: [
    (Story) => (
      // The page follows the kit's variables, so a dark preference gives a dark page too.
      <div style={{ fontFamily: 'var(--echo-font)', color: 'var(--echo-fg)' }}>
        <Story />
      </div>
    ),
  ],
}

export default preview
