import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

describe('layering', () => {
  it('src/core imports no React (lint passes on the tree)', () => {
    expect(execFileSync('node', ['scripts/lint-layers.js'], { encoding: 'utf8' })).toContain('ok')
  })

  it('the lint fails when core imports react', () => {
    mkdirSync('src/core/__lint_probe__', { recursive: true })
    writeFileSync('src/core/__lint_probe__/bad.ts', "import { useState } from 'react'\nexport const x = useState\n")
    try {
      expect(() => execFileSync('node', ['scripts/lint-layers.js'], { stdio: 'pipe' })).toThrow()
    } finally {
      rmSync('src/core/__lint_probe__', { recursive: true, force: true })
    }
  })
})
