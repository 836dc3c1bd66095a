#!/usr/bin/env node
// Launcher: the CLI is TypeScript compiled to dist/ (npm ci runs the build through `prepare`).
import { main } from '../dist/bin.js'

process.exitCode = await main(process.argv.slice(2))
