import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { EchoProvider } from '../src/index.ts'
import { App } from './App.tsx'
import { clientName } from './clientName.ts'
import { Splash, StartError } from './components/Splash.tsx'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EchoProvider
      config={{ storage: 'indexeddb', name: clientName }}
      fallback={<Splash />}
      errorFallback={(error) => <StartError error={error} />}
    >
      <App />
    </EchoProvider>
  </StrictMode>,
)
