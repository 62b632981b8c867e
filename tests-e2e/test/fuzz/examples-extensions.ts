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
  deliveryId: 'msg_01JZ3K8Q4W5X6Y7Z8A9B0C1D2E',
};

const at = { org_id: EXT_ORG, scope: 'installation', id: `${EXT_PROJECT}/${EXT_ID}` };

export const EXT_QUERIES: Record<string, Record<string, string>> = {
  'extensions.secrets.list': at,
  'extensions.secrets.delete': { ...at, key: 'FUZZ_GONE' },
  'extensions.projects.list': { org_id: EXT_ORG },
  'extensions.products.list': { org_id: EXT_ORG },
  'extensions.installations.list': { org_id: EXT_ORG, project: EXT_PROJECT },
  'extensions.deliveries.list': {
    org_id: EXT_ORG,
    project: EXT_PROJECT,
    extension: EXT_ID,
    status: 'failed',
    limit: '10',
  },
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
  'extensions.installations.invoke': { event_type: 'issue.created', payload: { issue: 'FUZZ-1' } },
  'extensions.signingSecret.rotate': { window_seconds: 60 },
  'internal.invoke': {
    org_id: EXT_ORG,
    project_key: EXT_PROJECT,
    extension_id: EXT_ID,
    event: { type: 'issue.created', payload: { issue: 'FUZZ-2' } },
  },
};
