// `node dist/openapi/write.js <file> [serverUrl]`: the script writes the document to a file.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openApiDocument } from '../src/openapi/index.js';

describe('openapi/write', () => {
  const argv = process.argv;
  afterEach(() => {
    process.argv = argv;
    vi.restoreAllMocks();
  });

  it('writes the document, with the server URL given, to the file named', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kici-openapi-')), 'openapi.json');
    process.argv = [argv[0] ?? 'node', 'write.js', file, 'https://kici.example.com'];
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await import('../src/openapi/write.js');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(
      openApiDocument({ serverUrl: 'https://kici.example.com' }),
    );
    expect(out).toHaveBeenCalledWith(`wrote ${file}\n`);
  });
});
