// The extension store's pure rules: manifests, placeholders, scopes and the fallback chain.
import { describe, expect, it } from 'vitest';
import {
  extensionPgScope,
  installationChain,
  isInternalScope,
  isPlaceholder,
  KiciError,
  parseManifest,
  scopeRefOf,
} from '../src/index.js';
import { walkChain } from '../src/kernel/chain.js';

const SEED = `
extension:
  configuration:
    # Organization-wide credential (scope: extension)
    ZOOM_CLIENT_ID:
      type: string
      secret: true
      required: true
      scope: extension
      label: Zoom Client ID
    CHANNEL_ID:
      type: string
      required: true
      scope: installation
      label: Default Channel
`;

function manifestError(input: string | Record<string, unknown>, id = 'com.example.zoom') {
  try {
    parseManifest(input, id);
  } catch (error) {
    if (error instanceof KiciError)
      return { code: error.code, field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected the manifest to be refused');
}

describe('manifests', () => {
  it('reads the seed example with every default filled in, from YAML or JSON', () => {
    const manifest = parseManifest(SEED, 'com.example.zoom');
    expect(manifest.configuration).toEqual({
      ZOOM_CLIENT_ID: {
        type: 'string',
        secret: true,
        required: true,
        scope: 'extension',
        label: 'Zoom Client ID',
      },
      CHANNEL_ID: {
        type: 'string',
        secret: false,
        required: true,
        scope: 'installation',
        label: 'Default Channel',
      },
    });
    const json = JSON.stringify({ extension: { name: 'Zoom', configuration: { API_KEY: {} } } });
    expect(parseManifest(json, 'com.example.zoom')).toEqual({
      name: 'Zoom',
      configuration: {
        API_KEY: {
          type: 'string',
          secret: false,
          required: false,
          scope: 'installation',
          label: 'API_KEY',
        },
      },
    });
  });

  it('names the path of a bad field', () => {
    const bad = SEED.replace('scope: installation', 'scope: project');
    expect(manifestError(bad)).toEqual({
      code: 'invalid_input',
      field: 'manifest',
      message:
        'manifest: extension.configuration.CHANNEL_ID.scope: expected "extension" or "installation"',
    });
    expect(manifestError(SEED.replace('secret: true', 'secret: yes-please')).message).toBe(
      'manifest: extension.configuration.ZOOM_CLIENT_ID.secret: expected true or false',
    );
    expect(manifestError(SEED.replace('label: Default Channel', 'colour: red')).message).toBe(
      'manifest: extension.configuration.CHANNEL_ID.colour: unknown field',
    );
    expect(manifestError({ extension: { configuration: { 'lower-case': {} } } }).message).toContain(
      'extension.configuration.lower-case: expected an upper snake case key',
    );
    expect(manifestError({ extension: { id: 'com.other.thing' } }).message).toBe(
      'manifest: extension.id: expected com.example.zoom (the catalog id)',
    );
    expect(manifestError({ nope: 1 }).message).toContain('extension: required');
  });

  it('names line and column of a YAML syntax error', () => {
    const broken = 'extension:\n  configuration:\n    A: {type: string\n';
    expect(manifestError(broken).message).toMatch(
      /^manifest: YAML syntax error at line \d+, column \d+/,
    );
  });

  it('refuses a NUL character or a lone surrogate anywhere (jsonb holds neither)', () => {
    const field = (label: string) => ({
      extension: {
        configuration: { A: { label } },
        delivery: { callback: { url: `https://hooks.example.com/${label}` } },
      },
    });
    for (const label of ['a\u0000b', 'x\ud800']) {
      expect(manifestError(field(label)).message).toBe(
        'manifest: expected no NUL character or lone surrogate in any string',
      );
    }
    expect(() => parseManifest(field('emoji 😀 ok'), 'com.example.x')).not.toThrow();
  });
});

describe('placeholders', () => {
  it('recognizes scaffold values, case-insensitively after trimming', () => {
    for (const value of [
      '',
      '  ',
      'changeme',
      'CHANGE-ME',
      'change_me',
      'Replace_Me',
      'replace-me',
      'replaceme',
      'TODO',
      'tbd',
      'placeholder',
      'xxx',
      'XXXXXXXX',
      '<your api key>',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the scaffold's own spelling
      '${API_KEY}',
      ' todo ',
    ]) {
      expect(isPlaceholder(value), JSON.stringify(value)).toBe(true);
    }
  });

  it('leaves real values alone', () => {
    for (const value of [
      'xx',
      'sk_live_123',
      'todos',
      'x<y>',
      '$API_KEY',
      'change me now',
      'xxxy',
    ]) {
      expect(isPlaceholder(value), value).toBe(false);
    }
  });
});

describe('scopes and the chain', () => {
  const installation = { orgId: 'acme', projectKey: 'OPS', extensionId: 'com.example.mailchimp' };
  const scopesOf = (productId: string | null) =>
    installationChain({ ...installation, productId }).map((ref) =>
      extensionPgScope(ref.scope, ref.id),
    );

  it('maps the five scopes onto internal pg scopes and back', () => {
    const scopes = scopesOf('com.example.suite');
    expect(scopes).toEqual([
      'pg:__ext__/installation/OPS/com.example.mailchimp',
      'pg:__ext__/product/com.example.suite',
      'pg:__ext__/extension/com.example.mailchimp',
      'pg:__ext__/project/OPS',
      'pg:__ext__/organization',
    ]);
    for (const scope of scopes) expect(isInternalScope(scope)).toBe(true);
    expect(scopes.map((scope) => scopeRefOf(scope, 'acme'))).toEqual(
      installationChain({ ...installation, productId: 'com.example.suite' }),
    );
    expect(scopeRefOf('pg:production', 'acme')).toBeUndefined();
  });

  it('lets each level shadow the wider ones, and skips the product level without a product', () => {
    const scopes = scopesOf('com.example.suite');
    // Level i holds K0..Ki: the narrowest level holding a key must win it.
    const rows = scopes.flatMap((scope, level) =>
      Array.from({ length: level + 1 }, (_, k) => ({ scope, key: `K${k}` })),
    );
    const chain = walkChain(scopes, rows);
    for (let k = 0; k < scopes.length; k += 1) {
      expect(chain.get(`K${k}`)?.winner.scope, `K${k}`).toBe(scopes[k]);
    }
    const withoutProduct = walkChain(scopesOf(null), rows);
    expect(withoutProduct.get('K1')?.winner.scope).toBe(
      'pg:__ext__/extension/com.example.mailchimp',
    );
  });
});
