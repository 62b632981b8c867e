// `node packages/contracts/dist/openapi/write.js <file> [serverUrl]`: writes the OpenAPI
// description to a file, for the docs site and for tools that read a file.
import { writeFileSync } from 'node:fs';
import { openApiDocument } from './document.js';

const [file, serverUrl] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node write.js <file> [serverUrl]\n');
  process.exit(2);
}
const document = openApiDocument(serverUrl ? { serverUrl } : {});
writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`wrote ${file}\n`);
