// --env-file refusals: each names the file and the line, never a value.
import { describe, expect, it } from 'vitest';
import { envFileSecrets, pickKey } from '../src/input/env-file.js';

const SOURCE = '--env-file .env.mailchimp';
const refusal = (text: string) => {
  try {
    envFileSecrets(text, SOURCE);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('not refused');
};

describe('envFileSecrets', () => {
  it('keeps every key in file order, the last value of a repeated key', () => {
    const secrets = envFileSecrets(
      '# Mailchimp\nexport MAILCHIMP_API_KEY="abc-us21"\nMAILCHIMP_LIST=one\nMAILCHIMP_LIST=two\n',
      SOURCE,
    );
    expect([...secrets]).toEqual([
      ['MAILCHIMP_API_KEY', 'abc-us21'],
      ['MAILCHIMP_LIST', 'two'],
    ]);
  });

  it('refuses a key that is not upper snake case, naming the line', () => {
    expect(refusal('GOOD=1\n\nmailchimp_api_key=s3cr3t\n')).toBe(
      '--env-file .env.mailchimp line 3: key "mailchimp_api_key" is not upper snake case (A-Z, 0-9 and _, starting with a letter, at most 128); nothing was written',
    );
    expect(refusal('MAILCHIMP-KEY=s3cr3t')).toMatch(/^--env-file \.env\.mailchimp line 1: key /);
    expect(refusal('_KEY=s3cr3t')).toMatch(/line 1: key "_KEY"/);
    expect(refusal(`A${'B'.repeat(128)}=s3cr3t`)).toMatch(/line 1: key "ABBB.*…" is not/);
  });

  it('refuses an empty file, a file of comments, an empty value and an unreadable line', () => {
    expect(refusal('')).toBe(
      '--env-file .env.mailchimp holds no KEY=value line; nothing was written',
    );
    expect(refusal('# nothing\n\n')).toMatch(/holds no KEY=value line/);
    expect(refusal('A=1\nB=\n')).toBe(
      '--env-file .env.mailchimp line 2: B has an empty value, which cannot be stored; nothing was written',
    );
    expect(refusal('A=1\nsk_live_s3cr3t\n')).toBe(
      '--env-file .env.mailchimp line 2: expected KEY=value, a comment or a blank line; nothing was written',
    );
  });

  it('never quotes a value', () => {
    for (const text of ['bad key=s3cr3t', 'lower=s3cr3t', 'A=1\ns3cr3t', 'A=""\nB=s3cr3t']) {
      expect(refusal(text)).not.toContain('s3cr3t');
    }
  });

  it('picks the key --key names, or names both flags', () => {
    const secrets = envFileSecrets('A=1\nB=2\n', SOURCE);
    expect([...pickKey(secrets, 'B', '.env')]).toEqual([['B', '2']]);
    expect(() => pickKey(secrets, 'C', '.env')).toThrow(
      '--env-file .env holds no C (--key); nothing was written',
    );
  });
});
