// echo-kit's UI stylesheet (an app writes: import 'echo-kit/styles.css'); the board's own
// styles.css (linked in index.html, unlayered) themes it through the --echo-* variables.
import '../src/ui/styles.css'
// The devtools' look (an app writes: import 'echo-kit/devtools.css').
import '../src/devtools/devtools.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { EchoDevtools } from '../src/devtools/index.ts'
import { EchoProvider } from '../src/index.ts'
import { App } from './App.tsx'
import { clientName } from './clientName.ts'
import { Splash, StartError } from './components/Splash.tsx'

// The dev server proxies /signal to the signaling server that `npm start` runs beside it.
function signalingUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/signal`
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EchoProvider
      config={{ storage: 'indexeddb', name: clientName, signaling: signalingUrl(), broadcast: true }}
      fallback={<Splash />}
      errorFallback={(error) => <StartError error={error} />}
    >
      <App />
      {/* echo-kit/devtools: a toggle in the corner; the panel's code loads on first open. */}
      <EchoDevtools />
    </EchoProvider>
  </StrictMode>,
)
