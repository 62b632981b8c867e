import { toBase64, toUrlSafe } from '../base64.js';

/**
 * Values and lines shorter than this (not counting surrounding whitespace) are not masked: hiding every
 * `}` of a JSON value's last line, or every `abc`, would wreck the log and protect nothing,
 * since a value that short can be guessed anyway.
 */
export const MIN_MASKED_LENGTH = 4;

const encoder = new TextEncoder();

/** The ways a value tends to show up in a log. */
function encodings(text: string): string[] {
  const base64 = toBase64(encoder.encode(text));
  const unpadded = base64.replace(/=+$/, '');
  const forms = [
    text,
    JSON.stringify(text).slice(1, -1),
    base64,
    unpadded,
    toUrlSafe(base64),
    toUrlSafe(unpadded),
  ];
  try {
    const uri = encodeURIComponent(text);
    forms.push(uri, uri.replace(/%20/g, '+'));
  } catch {
    // A lone surrogate has no URL encoding: nothing to mask in that form.
  }
  return forms;
}

/**
 * Every string the masker hides for `value`: the value and each of its lines, each as is,
 * JSON-escaped (what `JSON.stringify` writes between the quotes), URL-encoded
 * (`encodeURIComponent`, and with `+` for spaces) and base64 of its UTF-8 bytes (standard and
 * URL-safe alphabets, with and without padding). A value or line with fewer than
 * MIN_MASKED_LENGTH characters besides surrounding whitespace is left out, with its forms.
 */
export function maskForms(value: string): string[] {
  const lines = value.split(/\r\n|\r|\n/);
  const bases = (lines.length > 1 ? [value, ...lines] : [value]).filter(
    (base) => base.trim().length >= MIN_MASKED_LENGTH,
  );
  const forms = new Set<string>();
  for (const base of bases) {
    for (const form of encodings(base)) {
      if (form.trim().length >= MIN_MASKED_LENGTH) forms.add(form);
    }
  }
  return [...forms];
}
