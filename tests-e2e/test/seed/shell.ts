// Runs a seed example as a user would: in bash, with `kici-admin` on PATH (the built CLI),
// KICI_ADMIN_URL / KICI_ADMIN_TOKEN exported, curl as installed (a ~/.curlrc adds the status
// line, so the command stays as written), and a pseudo-terminal (util-linux `script`) when
// the example types at a prompt.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Step } from './steps.js';

const CLI_BIN = fileURLToPath(new URL('../../../packages/cli/dist/main.js', import.meta.url));

export interface Shell {
  /** The step's command after substitution, as bash runs it. */
  commandOf(step: Step, context: Readonly<Record<string, string>>): string;
  run(step: Step, context: Readonly<Record<string, string>>): Promise<RunResult>;
}

export interface RunResult {
  readonly code: number | null;
  /** stdout and stderr together (a pseudo-terminal merges them anyway). */
  readonly output: string;
  /** curl: the status line the ~/.curlrc adds, and the body before it. */
  readonly httpStatus?: number;
  readonly body?: string;
}

/** ` \ ` is where the seed's command continues on its next line. */
const unflatten = (text: string) => text.replaceAll(' \\ ', ' \\\n').replaceAll(' \\-H', ' \\\n-H');

function substitute(text: string, step: Step, context: Readonly<Record<string, string>>) {
  let result = text;
  for (const [placeholder, value] of Object.entries(step.substitute ?? {})) {
    const filled = value.replace(/\{(\w+)\}/g, (_, name: string) => {
      const entry = context[name];
      if (entry === undefined) throw new Error(`no ${name} in the context for ${step.seed}`);
      return entry;
    });
    result = result.replaceAll(placeholder, filled);
  }
  return result;
}

export async function createShell(env: Readonly<Record<string, string>>): Promise<Shell> {
  const home = await mkdtemp(join(tmpdir(), 'kici-seed-'));
  const bin = join(home, 'bin');
  await import('node:fs/promises').then((fs) => fs.mkdir(bin));
  await writeFile(
    join(bin, 'kici-admin'),
    `#!/bin/sh\nexec "${process.execPath}" "${CLI_BIN}" "$@"\n`,
  );
  await chmod(join(bin, 'kici-admin'), 0o755);
  await writeFile(join(home, '.curlrc'), '--silent\n--show-error\n--write-out "\\n%{http_code}"\n');
  // The tools the seed pipes from print the value a user's would.
  const prelude = [
    `pass() { printf '%s\\n' "$SEED_VALUE"; }`,
    `sops() { printf '%s\\n' "$SEED_VALUE" > "$3"; }`,
  ].join('\n');
  const environment = { ...env, HOME: home, PATH: `${bin}:${process.env.PATH ?? ''}` };

  const commandOf = (step: Step, context: Readonly<Record<string, string>>) =>
    (step.lines ?? [step.seed])
      .map((line) => unflatten(substitute(line, step, context)))
      .join('\n');

  return {
    commandOf,
    async run(step, context) {
      const script = `set -e\ncd "${home}"\n${prelude}\n${commandOf(step, context)}\n`;
      const typed = step.typed ?? [];
      const child = typed.length
        ? spawn('script', ['-qec', `bash -c ${shellQuote(script)}`, '/dev/null'], {
            env: environment,
          })
        : spawn('bash', ['-c', script], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      let answered = 0;
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        // clack marks the prompt waiting for input with ◆: type the next answer then.
        const prompts = output.split('◆').length - 1;
        if (answered < typed.length && prompts > answered) {
          child.stdin?.write(`${typed[answered]}\r`);
          answered += 1;
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      const status = /\n(\d{3})$/.exec(output);
      return status && step.seed.startsWith('curl')
        ? { code, output, httpStatus: Number(status[1]), body: output.slice(0, status.index) }
        : { code, output };
    },
  };
}

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
