// The extension store's examples for the fuzzer (see examples.ts): the seed puts the catalog
// entry, the project and the installation they name, so that requests reach past the 404s.
export const EXT_ORG = 'acme';
export const EXT_PROJECT = 'FUZZ';
export const EXT_ID = 'com.example.fuzz';
export const EXT_PRODUCT = 'com.example.suite';
export const EXT_MANIFEST =
  'extension:\n  configuration:\n    FUZZ_TOKEN: {secret: true, required: true}\n';

export const EXT_PARAMS: Record<string, string> = {
  projectKey: EXT_PROJECT,
  extensionId: EXT_ID,
  productId: EXT_PRODUCT,
};

const at = { org_id: EXT_ORG, scope: 'installation', id: `${EXT_PROJECT}/${EXT_ID}` };

export const EXT_QUERIES: Record<string, Record<string, string>> = {
  'extensions.secrets.list': at,
  'extensions.secrets.delete': { ...at, key: 'FUZZ_GONE' },
  'extensions.projects.list': { org_id: EXT_ORG },
  'extensions.products.list': { org_id: EXT_ORG },
  'extensions.installations.list': { org_id: EXT_ORG, project: EXT_PROJECT },
};

export const EXT_BODIES: Record<string, unknown> = {
  'extensions.secrets.set': { ...at, secrets: { FUZZ_TOKEN: 'fuzzed-token' } },
  'extensions.secrets.link': {
    ...at,
    key: 'FUZZ_LINKED',
    external_secret_name: 'aws/credentials',
    backend: 'fuzz-vault',
  },
  'extensions.secrets.rotate': { ...at, key: 'FUZZ_TOKEN', value: 'fuzzed-rotation' },
  'extensions.projects.put': { name: 'Fuzz' },
  'extensions.catalog.put': { manifest: EXT_MANIFEST },
  'extensions.installations.put': {},
};
