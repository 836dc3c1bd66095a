import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url))

export default defineConfig({
  resolve: {
    alias: {
      // before '@tessera/client', which would otherwise also match the subpath
      '@tessera/client/simulation': fileURLToPath(
        new URL('./packages/client/src/simulation.ts', import.meta.url),
      ),
      '@tessera/client': src('client'),
      '@tessera/core': src('core'),
      '@tessera/crypto-node': src('crypto-node'),
      '@tessera/server': src('server'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'spec/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
