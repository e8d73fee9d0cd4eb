// echo-kit: everything (engine, React binding, UI). `echo-kit/core` is the engine alone.
export * from './core/index.ts'
export * from './react/index.ts'
export * from './ui/index.ts'
