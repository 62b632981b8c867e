// fetch helpers speaking to the test server as a Vault client would.
export interface VaultReply {
  status: number;
  body: Record<string, unknown> | undefined;
}

export async function vault(
  url: string,
  method: string,
  path: string,
  options: { token?: string; namespace?: string; body?: unknown } = {},
): Promise<VaultReply> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers['X-Vault-Token'] = options.token;
  if (options.namespace !== undefined) headers['X-Vault-Namespace'] = options.namespace;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${url}/v1/${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

export const dataOf = (reply: VaultReply) =>
  reply.body?.data as Record<string, unknown> | undefined;
