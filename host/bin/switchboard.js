#!/usr/bin/env node
// The `switchboard` command. A committed launcher, because npm links bins at install time, before
// `npm run build` has written dist/.
await import('../dist/cli.js');
