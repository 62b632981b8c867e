import {
  CALLBACK_TIMEOUT_MAX_MS,
  CALLBACK_TIMEOUT_MIN_MS,
  MANIFEST_FIELD_SCOPES,
  MANIFEST_FIELD_TYPES,
  MAX_SECRET_KEY_LENGTH,
  type ManifestFieldScope,
  SECRET_KEY,
  SUBSCRIBABLE_EVENTS,
} from '@kici/contracts/vocabulary';
import * as v from 'valibot';
import { isMap, LineCounter, parseDocument } from 'yaml';
import { invalidInput } from '../kernel/errors.js';
import type { ManifestDelivery } from './port.js';

/**
 * An extension manifest, as the seed writes it (YAML or JSON), checked with errors that name
 * the path: `extension.configuration.CHANNEL_ID.scope: expected "extension" or "installation"`.
 */

export interface ManifestField {
  readonly type: (typeof MANIFEST_FIELD_TYPES)[number];
  readonly secret: boolean;
  readonly required: boolean;
  readonly scope: ManifestFieldScope;
  readonly label: string;
}

/** A manifest with every default filled in. */
export interface ExtensionManifest {
  readonly id?: string;
  readonly name?: string;
  readonly configuration: Readonly<Record<string, ManifestField>>;
  readonly delivery?: ManifestDelivery;
}

const quoted = (items: readonly string[]) =>
  items.map((item) => `"${item}"`).join(items.length === 2 ? ' or ' : ', ');

const FieldSchema = v.strictObject({
  type: v.optional(
    v.picklist(MANIFEST_FIELD_TYPES, `expected ${quoted(MANIFEST_FIELD_TYPES)}`),
    'string',
  ),
  secret: v.optional(v.boolean('expected true or false'), false),
  required: v.optional(v.boolean('expected true or false'), false),
  scope: v.optional(
    v.picklist(MANIFEST_FIELD_SCOPES, `expected ${quoted(MANIFEST_FIELD_SCOPES)}`),
    'installation',
  ),
  label: v.optional(
    v.pipe(v.string('expected a string'), v.maxLength(200, 'expected at most 200 characters')),
  ),
});

const KeySchema = v.pipe(
  v.string(),
  v.maxLength(MAX_SECRET_KEY_LENGTH, `expected at most ${MAX_SECRET_KEY_LENGTH} characters`),
  v.regex(SECRET_KEY, 'expected an upper snake case key, e.g. ZOOM_CLIENT_ID'),
);

const UrlSchema = v.pipe(
  v.string('expected a URL'),
  v.maxLength(2048, 'expected at most 2048 characters'),
  v.check((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'expected an http(s) URL'),
);

const MtlsSchema = v.strictObject(
  {
    certificate_key: KeySchema,
    private_key_key: KeySchema,
    ca_key: v.optional(KeySchema),
  },
  'expected a mapping',
);

const DeliverySchema = v.strictObject(
  {
    callback: v.strictObject(
      {
        url: UrlSchema,
        secret_keys: v.optional(v.array(KeySchema, 'expected a list of keys'), []),
        mtls: v.optional(MtlsSchema),
        timeout_ms: v.optional(
          v.pipe(
            v.number('expected a number'),
            v.integer('expected an integer'),
            v.minValue(CALLBACK_TIMEOUT_MIN_MS, `expected at least ${CALLBACK_TIMEOUT_MIN_MS}`),
            v.maxValue(CALLBACK_TIMEOUT_MAX_MS, `expected at most ${CALLBACK_TIMEOUT_MAX_MS}`),
          ),
        ),
      },
      'expected a mapping',
    ),
    subscribe: v.optional(
      v.array(
        v.picklist(SUBSCRIBABLE_EVENTS, `expected ${quoted(SUBSCRIBABLE_EVENTS)}`),
        'expected a list of event types',
      ),
      [],
    ),
  },
  'expected a mapping',
);

type DeliveryInput = v.InferOutput<typeof DeliverySchema>;

/** The normalized (camelCase) form that is stored and read by deliveries. */
function normalizedDelivery({ callback, subscribe }: DeliveryInput): ManifestDelivery {
  const { mtls } = callback;
  return {
    callback: {
      url: callback.url,
      secretKeys: [...new Set(callback.secret_keys)],
      ...(mtls === undefined
        ? {}
        : {
            mtls: {
              certificateKey: mtls.certificate_key,
              privateKeyKey: mtls.private_key_key,
              ...(mtls.ca_key === undefined ? {} : { caKey: mtls.ca_key }),
            },
          }),
      ...(callback.timeout_ms === undefined ? {} : { timeoutMs: callback.timeout_ms }),
    },
    subscribe: [...new Set(subscribe)],
  };
}

const ManifestSchema = v.strictObject(
  {
    extension: v.strictObject(
      {
        id: v.optional(v.string('expected a string')),
        name: v.optional(
          v.pipe(
            v.string('expected a string'),
            v.maxLength(200, 'expected at most 200 characters'),
          ),
        ),
        configuration: v.optional(
          v.record(KeySchema, FieldSchema, 'expected a mapping of KEY: field'),
          {},
        ),
        delivery: v.optional(DeliverySchema),
      },
      'expected a mapping',
    ),
  },
  'expected a mapping with an "extension" key',
);

/** The dotted path of a valibot issue, from `extension`. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  const keys = (issue.path ?? []).map((item) => String(item.key));
  return keys.length === 0 ? 'manifest' : keys.join('.');
}

function messageOf(issue: v.BaseIssue<unknown>): string {
  if (issue.expected === 'never') return `${pathOf(issue)}: unknown field`;
  if (issue.received === 'undefined') return `${pathOf(issue)}: required`;
  return `${pathOf(issue)}: ${issue.message}`;
}

/** The manifest's data: YAML (a superset of JSON) or an object already parsed. */
function dataOf(input: string | Readonly<Record<string, unknown>>): unknown {
  if (typeof input !== 'string') return input;
  const lineCounter = new LineCounter();
  const document = parseDocument(input, { uniqueKeys: true, prettyErrors: false, lineCounter });
  const [error] = document.errors;
  if (error) {
    const at = lineCounter.linePos(error.pos[0]);
    const where = at ? ` at line ${at.line}, column ${at.col}` : '';
    throw invalidInput('manifest', `YAML syntax error${where} (${error.code})`);
  }
  if (!isMap(document.contents)) {
    throw invalidInput('manifest', 'expected a mapping with an "extension" key');
  }
  return document.toJS({ maxAliasCount: 100 });
}

/**
 * Parses and checks a manifest for extension `extensionId`; throws `invalid_input` naming the
 * path (field `manifest`) for the first problem.
 */
export function parseManifest(
  input: string | Readonly<Record<string, unknown>>,
  extensionId: string,
): ExtensionManifest {
  const data = dataOf(input);
  // Stored as jsonb, which holds no NUL character (nor a lone surrogate): refused here, named.
  if (/\\u0000|\\ud[89a-f]/i.test(JSON.stringify(data) ?? '')) {
    throw invalidInput('manifest', 'expected no NUL character or lone surrogate in any string');
  }
  const result = v.safeParse(ManifestSchema, data);
  if (!result.success) {
    throw invalidInput('manifest', messageOf(result.issues[0] as v.BaseIssue<unknown>));
  }
  const { extension } = result.output;
  if (extension.id !== undefined && extension.id !== extensionId) {
    throw invalidInput('manifest', `extension.id: expected ${extensionId} (the catalog id)`);
  }
  const configuration: Record<string, ManifestField> = {};
  for (const [key, field] of Object.entries(extension.configuration)) {
    configuration[key] = { ...field, label: field.label ?? key };
  }
  return {
    ...(extension.id === undefined ? {} : { id: extension.id }),
    ...(extension.name === undefined ? {} : { name: extension.name }),
    configuration,
    ...(extension.delivery === undefined
      ? {}
      : { delivery: normalizedDelivery(extension.delivery) }),
  };
}
