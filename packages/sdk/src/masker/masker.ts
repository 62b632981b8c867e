import { Automaton, type Scan } from './automaton.js';
import { maskForms } from './forms.js';

/** What every masked stretch of text becomes. */
export const MASK = '***';

/** One stream of text being masked: chunks in, safe text out. */
export interface MaskStream {
  /**
   * Masks `chunk` as part of the text written so far and returns what is safe to emit now.
   * It holds back the end that could still be the start of a registered value (or a masked
   * stretch that could still grow), so a value split across chunks is still masked.
   */
  write(chunk: string): string;
  /** Returns the rest, masked, and starts over. Call it when the stream ends. */
  flush(): string;
}

export interface Masker extends MaskStream {
  /** Registers a value: it and its encoded forms (see maskForms) are masked from now on. */
  add(value: string): void;
  /** Masks a whole text at once. Streaming it in any chunks yields the same text. */
  mask(text: string): string;
  /** A new stream with its own held-back text, over this masker's values. */
  stream(): MaskStream;
  /** A web TransformStream (a new stream each call): pipe a log through it. */
  transform(): TransformStream<string, string>;
  /** How many values are registered. */
  readonly size: number;
}

function render(text: string, covered: Scan['covered'], end: number): string {
  let out = '';
  let at = 0;
  for (const [start, stop] of covered) {
    if (stop > end) break;
    out += text.slice(at, start) + MASK;
    at = stop;
  }
  return out + text.slice(at, end);
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit < 0xdc00;

/**
 * Where the text may be cut: nothing after it can still change what comes before. Holds back
 * the pending end, a masked stretch that reaches the cut (it could merge with what follows)
 * and a high surrogate whose pair may be in the next chunk.
 */
function safeCut(text: string, { covered, pending }: Scan): number {
  let cut = text.length - pending;
  for (;;) {
    const before = cut;
    if (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
    for (let i = covered.length - 1; i >= 0; i--) {
      const [start, end] = covered[i] as [number, number];
      if (end < cut) break;
      if (start < cut) cut = start;
    }
    if (cut === before) return cut;
  }
}

/**
 * A log masker: every registered value, in every form maskForms lists, is replaced by `***`
 * wherever it occurs; overlapping or touching occurrences become one `***`.
 */
export function createMasker(values: Iterable<string> = []): Masker {
  const registered = new Set<string>();
  const forms = new Set<string>();
  let automaton: Automaton | undefined;
  const scan = (text: string): Scan => {
    automaton ??= new Automaton(forms);
    return automaton.scan(text);
  };

  const stream = (): MaskStream => {
    let held = '';
    return {
      write(chunk) {
        if (typeof chunk !== 'string') throw new TypeError('chunk: expected a string');
        const text = held + chunk;
        const scanned = scan(text);
        const cut = safeCut(text, scanned);
        held = text.slice(cut);
        return render(text, scanned.covered, cut);
      },
      flush() {
        const text = held;
        held = '';
        return render(text, scan(text).covered, text.length);
      },
    };
  };

  const own = stream();
  const masker: Masker = {
    add(value) {
      if (typeof value !== 'string') throw new TypeError('value: expected a string');
      if (registered.has(value)) return;
      registered.add(value);
      const before = forms.size;
      for (const form of maskForms(value)) forms.add(form);
      if (forms.size !== before) automaton = undefined;
    },
    mask(text) {
      if (typeof text !== 'string') throw new TypeError('text: expected a string');
      return render(text, scan(text).covered, text.length);
    },
    write: (chunk) => own.write(chunk),
    flush: () => own.flush(),
    stream,
    transform() {
      const s = stream();
      return new TransformStream<string, string>({
        transform(chunk, controller) {
          const out = s.write(chunk);
          if (out !== '') controller.enqueue(out);
        },
        flush(controller) {
          const out = s.flush();
          if (out !== '') controller.enqueue(out);
        },
      });
    },
    get size() {
      return registered.size;
    },
  };
  for (const value of values) masker.add(value);
  return masker;
}
