import type { CliIo } from './io.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const INTERVAL_MS = 100;

/**
 * A spinner with the seconds elapsed, on stderr, while `work` runs — only when stderr is a
 * terminal and the result is not --json: a pipe or a log file gets nothing extra. The server
 * does the work in one request and reports no steps, so time is the only progress to show.
 */
export async function withProgress<T>(
  io: CliIo,
  json: boolean,
  label: string,
  work: () => Promise<T>,
): Promise<T> {
  if (json || io.stderr.isTTY !== true) return work();
  const started = Date.now();
  let frame = 0;
  const draw = () => {
    const seconds = Math.floor((Date.now() - started) / 1000);
    io.stderr.write(`\r\u001b[2K${FRAMES[frame++ % FRAMES.length]} ${label} ${seconds}s`);
  };
  draw();
  const timer = setInterval(draw, INTERVAL_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    io.stderr.write('\r\u001b[2K');
  }
}
