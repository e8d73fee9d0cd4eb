// The docs pages show the source of their live examples with Vite's `?raw` imports.
/// <reference types="vite/client" />
