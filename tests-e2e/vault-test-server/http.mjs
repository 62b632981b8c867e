// A minimal HTTP/1.1 server on node:net (or node:tls): request line, headers, Content-Length
// bodies, keep-alive and pipelining. Node's own http server rejects Vault's LIST method
// (llhttp HPE_INVALID_METHOD) before any handler runs, hence this.
import net from 'node:net';
import tls from 'node:tls';

const MAX_HEAD = 64 * 1024;
const MAX_BODY = 64 * 1024 * 1024;
/** @type {Record<number, string>} */
const REASONS = {
  200: 'OK',
  204: 'No Content',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  411: 'Length Required',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/**
 * @typedef {{ method: string, target: string, version: string,
 *   headers: Record<string, string>, body: Buffer }} Request
 * @typedef {{ status: number, headers?: Record<string, string>, body?: string,
 *   after?: () => void }} Response   `after` runs once the response has been written
 * @typedef {(request: Request) => Promise<Response>} Handler
 */

/**
 * Serialises a response. A body-less status (204) carries no Content-Length; HEAD gets the
 * headers of the body it would have had.
 * @param {Response} response
 * @param {boolean} head
 * @param {boolean} keepAlive
 */
export function serialize(response, head, keepAlive) {
  const body = response.status === 204 ? '' : (response.body ?? '');
  const lines = [`HTTP/1.1 ${response.status} ${REASONS[response.status] ?? 'Status'}`];
  /** @type {Record<string, string>} */
  const headers = {
    Date: new Date().toUTCString(),
    ...response.headers,
    Connection: keepAlive ? 'keep-alive' : 'close',
  };
  if (response.status !== 204) headers['Content-Length'] = String(Buffer.byteLength(body));
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.concat([
    Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'),
    head ? Buffer.alloc(0) : Buffer.from(body, 'utf8'),
  ]);
}

/**
 * Parses one request from the front of `buffer`.
 * @param {Buffer} buffer
 * @returns {{ request: Request, rest: Buffer } | { error: number } | undefined}
 */
export function parseRequest(buffer) {
  const end = buffer.indexOf('\r\n\r\n');
  if (end < 0) return buffer.length > MAX_HEAD ? { error: 431 } : undefined;
  const [requestLine = '', ...headerLines] = buffer
    .subarray(0, end)
    .toString('latin1')
    .split('\r\n');
  const match = /^([A-Za-z]+) (\S+) HTTP\/(1\.[01])$/.exec(requestLine);
  if (!match) return { error: 400 };
  /** @type {Record<string, string>} */
  const headers = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return { error: 400 };
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  if (headers['transfer-encoding']) return { error: 411 };
  const length = headers['content-length'] === undefined ? 0 : Number(headers['content-length']);
  if (!Number.isInteger(length) || length < 0) return { error: 400 };
  if (length > MAX_BODY) return { error: 413 };
  const start = end + 4;
  if (buffer.length < start + length) return undefined;
  return {
    request: {
      method: /** @type {string} */ (match[1]).toUpperCase(),
      target: /** @type {string} */ (match[2]),
      version: /** @type {string} */ (match[3]),
      headers,
      body: buffer.subarray(start, start + length),
    },
    rest: buffer.subarray(start + length),
  };
}

/** @param {Request} request */
function wantsKeepAlive(request) {
  const connection = (request.headers.connection ?? '').toLowerCase();
  if (request.version === '1.0') return connection.includes('keep-alive');
  return !connection.includes('close');
}

/**
 * Serves one connection: requests are answered in order, one at a time.
 * @param {net.Socket} socket
 * @param {Handler} handler
 */
function serveConnection(socket, handler) {
  /** @type {Buffer} */
  let buffer = Buffer.alloc(0);
  let busy = false;
  socket.on('error', () => socket.destroy());
  const pump = async () => {
    if (busy) return;
    busy = true;
    try {
      while (!socket.destroyed) {
        const parsed = parseRequest(buffer);
        if (!parsed) break;
        if ('error' in parsed) {
          const body = JSON.stringify({ errors: [`malformed request (${parsed.error})`] });
          socket.end(serialize({ status: parsed.error, body }, false, false));
          return;
        }
        buffer = parsed.rest;
        const { request } = parsed;
        const keepAlive = wantsKeepAlive(request);
        let response;
        try {
          response = await handler(request);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          response = { status: 500, body: JSON.stringify({ errors: [message] }) };
        }
        if (socket.destroyed) return;
        const bytes = serialize(response, request.method === 'HEAD', keepAlive);
        const after = response.after;
        if (keepAlive) socket.write(bytes, () => after?.());
        else {
          socket.end(bytes, () => after?.());
          return;
        }
      }
    } finally {
      busy = false;
    }
  };
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    void pump();
  });
}

/**
 * A listening server that can stop accepting (connection refused) and listen again on the
 * same port.
 * @param {Handler} handler
 * @param {{ tls?: { cert: Buffer, key: Buffer } }} [options]
 */
export function createHttpServer(handler, options = {}) {
  /** @type {Set<net.Socket>} */
  const sockets = new Set();
  const onSocket = (/** @type {net.Socket} */ socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, handler);
  };
  /** @type {net.Server | undefined} */
  let server;
  const open = () =>
    options.tls
      ? tls.createServer({ cert: options.tls.cert, key: options.tls.key }, onSocket)
      : net.createServer(onSocket);
  return {
    /**
     * @param {number} port
     * @param {string} host
     * @returns {Promise<number>} the port
     */
    listen(port, host) {
      const next = open();
      server = next;
      return new Promise((resolve, reject) => {
        next.once('error', reject);
        next.listen(port, host, () => {
          next.off('error', reject);
          const address = next.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    /** Stops listening and drops every open connection: new connections are refused. */
    close() {
      const current = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) =>
        current ? current.close(() => resolve(undefined)) : resolve(undefined),
      );
    },
    listening: () => server !== undefined,
  };
}
