#!/usr/bin/env node
// Entry point of the operator CLI when installed as a package: loads TypeScript through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
