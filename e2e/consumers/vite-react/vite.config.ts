// A consumer's whole Vite config: the React plugin and nothing for echo-kit or Automerge.
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({ plugins: [react()] })
