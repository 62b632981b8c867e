import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from './helpers.js';

const SRC = new URL('../src/', import.meta.url).pathname;

function newestSource(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
      entry.isDirectory()
        ? newestSource(join(dir, entry.name))
        : statSync(join(dir, entry.name)).mtimeMs,
    ),
  );
}

/** The tests run `node dist/main.js`: without a current build they would test nothing real. */
export default function setup(): void {
  let built: number;
  try {
    built = statSync(BIN).mtimeMs;
  } catch {
    throw new Error(
      `${BIN} is missing: build the CLI first (npx tsup, or pnpm build) in packages/cli`,
    );
  }
  if (newestSource(SRC) > built) {
    throw new Error(`${BIN} is older than src/: rebuild the CLI (npx tsup) before testing`);
  }
}
