// echo-kit's UI stylesheet (an app writes: import 'echo-kit/styles.css'); the board's own
// styles.css (linked in index.html, unlayered) themes it through the --echo-* variables.
import '../src/ui/styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
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
    </EchoProvider>
  </StrictMode>,
)
