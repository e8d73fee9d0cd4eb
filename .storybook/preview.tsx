import type { Preview } from '@storybook/react-vite'

const preview: Preview = {
  parameters: {
    layout: 'centered',
    controls: { expanded: true },
    // Hook docs first, then the live multi-peer stories, then the components.
    options: {
      storySort: {
        order: ['Docs', ['EchoProvider', 'useQuery', 'useObject', 'useText', '*'], 'Live', ['Invitation', 'Collaboration'], 'Invitations', 'Lists', 'UI'],
      },
    },
  },
  decorators: [
    (Story) => (
      // The components use system fonts through --echo-font; this only sets the page colour.
      <div style={{ fontFamily: 'system-ui, sans-serif', color: '#111827' }}>
        <Story />
      </div>
    ),
  ],
}

export default preview
