// Package entry `echo-kit`: everything for the browser: the wired engine (see ./core.ts), the
// React binding and the UI parts.
export * from './core.ts'
export * from './react/index.ts'
export * from './ui/index.ts'
