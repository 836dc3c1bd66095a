#!/usr/bin/env node
// Launcher: the CLI is TypeScript compiled to dist/ (npm ci runs the build through `prepare`).
// A shipped tool runs as deployed unless told otherwise (the server's development-time storage
// checks cost every request about a tenth of its time; tests set NODE_ENV=test).
process.env.NODE_ENV ??= 'production'
const { main } = await import('../dist/bin.js')

process.exitCode = await main(process.argv.slice(2))
