#!/usr/bin/env -S node --liftoff-only
// Entry point of the operator CLI when installed as a package: loads TypeScript through tsx.
// --liftoff-only: see docs/decisions/002-short-commands.md.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
