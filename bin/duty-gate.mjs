#!/usr/bin/env node
/**
 * Launcher for `duty-gate` (package.json "bin"). The CLI is TypeScript run by tsx, as the rest of the project is;
 * tsx is registered in this process from the package's own node_modules (resolved relative to this file, not to the
 * caller's directory), so `npx duty-gate`, `npm run check` and a linked global command all run the same code.
 */
import { register } from 'tsx/esm/api';

register();
const { run } = await import(new URL('../src/cli/main.ts', import.meta.url).href);
run(process.argv.slice(2));
