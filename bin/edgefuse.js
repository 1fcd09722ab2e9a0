#!/usr/bin/env node
// The CLI is TypeScript: tsx's loader compiles it on import, so there is no build step between editing
// and running. Paths resolve from this file, so it works from any working directory.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../src/cli/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
