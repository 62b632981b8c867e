// kici-server's Node flags reach every way of starting it: the bin's shebang, `npm start` (the
// package's and the repository's) and the test harness all pass SERVER_NODE_FLAGS.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../src/node-flags.js';
import { SERVER_BIN } from '../src/testing.js';

const flags = SERVER_NODE_FLAGS.join(' ');
const scriptsOf = (path: string) =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')).scripts as Record<
    string,
    string
  >;

describe('kici-server Node flags', () => {
  it('the built bin names them in its shebang, and runs through it', () => {
    expect(readFileSync(SERVER_BIN, 'utf8').split('\n')[0]).toBe(`#!/usr/bin/env -S node ${flags}`);
    // Executed directly, the shebang starts Node with the flags; a bad PORT then stops it.
    const run = spawnSync(SERVER_BIN, [], { env: { PATH: process.env.PATH, PORT: 'nope' } });
    expect(String(run.stderr) + String(run.stdout)).toContain('PORT');
    expect(run.status).not.toBe(0);
  });

  it('npm start passes them, in the package and at the repository root', () => {
    expect(scriptsOf('../package.json').start).toBe(`node ${flags} dist/main.js`);
    expect(scriptsOf('../../../package.json').orchestrator).toContain(
      `node ${flags} packages/server/dist/main.js`,
    );
  });
});
