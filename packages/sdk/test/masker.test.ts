import { describe, expect, it } from 'vitest';
import { createMasker, MASK, MIN_MASKED_LENGTH, maskForms } from '../src/index.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('maskForms', () => {
  it('lists the value, its JSON, URL and four base64 forms', () => {
    const value = 'p@ss "word"/+?';
    expect(maskForms(value)).toEqual(
      expect.arrayContaining([
        value,
        JSON.stringify(value).slice(1, -1),
        encodeURIComponent(value),
        b64(value),
        b64(value).replace(/=+$/, ''),
        b64url(value),
        `${b64url(value)}=`.replace(/=+$/, ''),
      ]),
    );
  });

  it('adds each line of a multi-line value, and skips fragments under the minimum', () => {
    const forms = maskForms('-----BEGIN KEY-----\nMIIEabcd\n}\n');
    expect(forms).toContain('MIIEabcd');
    expect(forms).toContain('-----BEGIN KEY-----');
    expect(forms).not.toContain('}');
    expect(forms.every((form) => form.trim().length >= MIN_MASKED_LENGTH)).toBe(true);
  });

  it('skips a value shorter than the minimum altogether', () => {
    expect(maskForms('abc')).toEqual([]);
    expect(maskForms('    ')).toEqual([]);
    const forms = maskForms(' ab \n cd ');
    expect(forms).toContain(' ab \n cd ');
    expect(forms.some((form) => form.includes('ab') && !form.includes('cd'))).toBe(false);
    expect(createMasker(['abc']).mask('abc YWJj')).toBe('abc YWJj');
  });
});

describe('mask', () => {
  const secret = 's3cr3t-Value/with+chars';
  const masker = createMasker([secret]);

  it.each([
    ['plain', `token=${secret};`],
    ['base64', `auth ${b64(secret)} end`],
    ['base64 without padding', `auth ${b64(secret).replace(/=+$/, '')} end`],
    ['url-safe base64', `auth ${b64url(secret)} end`],
    ['URL-encoded', `GET /?t=${encodeURIComponent(secret)} end`],
    ['JSON-escaped', JSON.stringify({ token: secret })],
  ])('hides the %s form', (_, text) => {
    const masked = masker.mask(text);
    expect(masked).toContain(MASK);
    for (const form of maskForms(secret)) expect(masked).not.toContain(form);
  });

  it('hides JSON-escaped quotes and backslashes', () => {
    const tricky = 'a"b\\c\td';
    const m = createMasker([tricky]);
    expect(m.mask(`{"v":${JSON.stringify(tricky)}}`)).toBe('{"v":"***"}');
  });

  it('hides each line of a multi-line value where it appears alone', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----';
    const m = createMasker([pem]);
    expect(m.mask(`line: MIIEvQIBADANBgkq\n`)).toBe('line: ***\n');
    expect(m.mask(pem)).toBe(MASK);
  });

  it('merges overlapping and touching occurrences into one mask', () => {
    const m = createMasker(['abcdef', 'efghij']);
    expect(m.mask('xx abcdefghij yy')).toBe('xx *** yy');
    expect(m.mask('abcdefabcdef!')).toBe('***!');
  });

  it('leaves text without secrets unchanged, and masks nothing with no values', () => {
    expect(masker.mask('nothing to see here')).toBe('nothing to see here');
    expect(createMasker().mask('s3cr3t')).toBe('s3cr3t');
  });

  it('masks values added later, from then on', () => {
    const m = createMasker();
    expect(m.mask('hello world')).toBe('hello world');
    m.add('world');
    expect(m.mask('hello world')).toBe('hello ***');
    expect(m.size).toBe(1);
  });

  it('refuses a value that is not a string', () => {
    expect(() => createMasker().add(42 as unknown as string)).toThrow('value: expected a string');
  });
});

describe('streaming', () => {
  const secret = 'SUPERSECRET';

  it('masks a value split across two chunks', () => {
    const m = createMasker([secret]);
    const out = m.write('prefix SUPER') + m.write('SECRET suffix') + m.flush();
    expect(out).toBe('prefix *** suffix');
  });

  it('masks a value split one character per chunk', () => {
    const m = createMasker([secret]);
    let out = '';
    for (const char of `a ${secret} b`) out += m.write(char);
    expect(out + m.flush()).toBe('a *** b');
  });

  it('emits text that cannot start a value at once, and holds back a possible start', () => {
    const m = createMasker([secret]);
    expect(m.write('hello SUP')).toBe('hello ');
    expect(m.write('PER')).toBe('SUPPER');
    expect(m.flush()).toBe('');
  });

  it('flushes a held partial match unmasked when the stream ends', () => {
    const m = createMasker([secret]);
    expect(m.write('ends with SUPERSEC')).toBe('ends with ');
    expect(m.flush()).toBe('SUPERSEC');
  });

  it('does not split a surrogate pair between two emitted pieces', () => {
    const m = createMasker([secret]);
    const first = m.write('emoji \ud83d');
    expect(first).toBe('emoji ');
    expect(first + m.write('\ude00!') + m.flush()).toBe('emoji 😀!');
  });

  it('keeps separate streams apart', () => {
    const m = createMasker([secret]);
    const a = m.stream();
    const b = m.stream();
    const out = [a.write('SUPER'), b.write('xSECRET'), a.write('SECRET'), a.flush(), b.flush()];
    expect(out).toEqual(['', 'xSECRET', '', MASK, '']);
  });

  it('pipes through transform()', async () => {
    const m = createMasker([secret]);
    const source = ReadableStream.from(['one SUP', 'ERSEC', 'RET two ', `${b64(secret)}\n`]);
    let out = '';
    for await (const chunk of source.pipeThrough(m.transform())) out += chunk;
    expect(out).toBe('one *** two ***\n');
  });
});
