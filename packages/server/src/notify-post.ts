import type { SinkPost } from '@kici/core';

/**
 * Posts one notification to the operator's webhook sink (KICI_NOTIFY_WEBHOOK_URL): the status,
 * or a rejection on a network error or timeout. Redirects are not followed (a signed body goes
 * only where it was configured to go); the answer's body is read and dropped.
 */
export const postNotification: SinkPost = async (url, headers, body, timeoutMs) => {
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
};
