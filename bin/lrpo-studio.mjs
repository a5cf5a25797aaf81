#!/usr/bin/env node
// The `lrpo-studio` command: the studio's engine, data layer and trainer, headless (src/cli).
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
register('./raw-loader.mjs', import.meta.url);
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
