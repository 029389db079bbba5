#!/usr/bin/env node
/**
 * `pnpm dev`: the API (built server, :4000) and Vite with hot reload (:5173, proxying /graphql over
 * HTTP and WebSocket to the API). Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const children = [
  spawn(process.execPath, ['--enable-source-maps', 'server/dist/main.js'], { cwd: root, stdio: 'inherit', env: process.env }),
  spawn('pnpm', ['--filter', '@openfloor/client', 'exec', 'vite'], { cwd: root, stdio: 'inherit', env: process.env }),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
