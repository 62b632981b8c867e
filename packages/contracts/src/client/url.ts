import { ApiError } from '../errors.js';

/**
 * The base URL, checked once: http or https, no credentials (the token travels in a
 * header), no query or fragment. A path prefix (a reverse proxy's `/kici`) is kept.
 * Messages never repeat the URL: it might carry credentials.
 */
export interface BaseUrl {
  /** `scheme://host:port`: what error messages name. */
  readonly origin: string;
  /** The path prefix without a trailing slash: '' or `/kici`. */
  readonly prefix: string;
}

export function parseBaseUrl(text: string): BaseUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidBaseUrl('expected an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidBaseUrl('expected an absolute http or https URL');
  }
  if (url.username !== '' || url.password !== '') {
    throw invalidBaseUrl('expected no credentials in the URL (pass the token separately)');
  }
  if (url.search !== '' || url.hash !== '') {
    throw invalidBaseUrl('expected no query string or fragment');
  }
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
}

function invalidBaseUrl(expected: string): ApiError {
  return new ApiError({
    status: 0,
    code: 'invalid_input',
    message: `baseUrl: ${expected}`,
    field: 'baseUrl',
  });
}

/** Fills `:name` segments with percent-encoded parameters (a scope's ':' and '/' included). */
export function fillPath(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/:([A-Za-z]+)/g, (_, name: string) =>
    encodeURIComponent(String(params[name])),
  );
}

/** A query string from validated values: Dates as ISO strings, undefined left out. */
export function queryString(query: Readonly<Record<string, unknown>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    search.set(name, value instanceof Date ? value.toISOString() : String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
