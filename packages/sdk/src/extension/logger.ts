import { createMasker, type Masker } from '../masker/masker.js';
import type { ExtensionLogger, LogLevel, LogSink } from './types.js';

/** console, looked up at call time (a test may replace it). */
export const consoleSink: LogSink = {
  debug: (line) => console.debug(line),
  info: (line) => console.info(line),
  warn: (line) => console.warn(line),
  error: (line) => console.error(line),
};

function format(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  if (arg instanceof Error) return arg.stack ?? `${arg.name}: ${arg.message}`;
  if (typeof arg === 'object' && arg !== null) {
    try {
      return JSON.stringify(arg) ?? String(arg);
    } catch {
      return String(arg);
    }
  }
  return String(arg);
}

/** A masker over every value of the payload's `secrets` (in every form maskForms lists). */
export const payloadMasker = (secrets: Readonly<Record<string, string>>): Masker =>
  createMasker(Object.values(secrets));

/** `context.logger`: every line goes through the masker before it reaches the sink. */
export function createLogger(masker: Masker, sink: LogSink): ExtensionLogger {
  const line =
    (level: LogLevel) =>
    (...args: unknown[]) =>
      sink[level](masker.mask(args.map(format).join(' ')));
  return {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    mask: (text) => masker.mask(text),
    stream(level = 'info') {
      const masking = masker.stream();
      let pending = '';
      // Whole lines only; the last, unterminated one waits for more (or for end()).
      const emit = (text: string, final: boolean) => {
        const lines = (pending + text).split('\n');
        pending = lines.pop() as string;
        if (final && pending !== '') lines.push(pending);
        if (final) pending = '';
        for (const l of lines) sink[level](l);
      };
      return {
        write: (chunk) => emit(masking.write(chunk), false),
        end: () => emit(masking.flush(), true),
      };
    },
  };
}
