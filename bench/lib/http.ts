import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** The benchmark talks to loopback only. */
export const HOST = '127.0.0.1';

/** A port the OS says is free now; the tiny race until the child binds it is acceptable for a benchmark. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function baseUrl(port: number): string {
  return `http://${HOST}:${port}`;
}

/**
 * Polls `url` until it answers 200 and returns performance.now() of that answer. Connection refused
 * while the server is still starting is expected; `alive()` stops the wait early when the child died.
 */
export async function waitFor200(url: string, timeoutMs: number, alive: () => boolean, intervalMs = 10): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (!alive()) throw new Error(`the process exited before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

export interface JsonResponse<T> {
  status: number;
  body: T;
  /** The `name=value` part of the session cookie, when the answer set one. */
  sessionCookie: string | undefined;
}

export async function requestJson<T = unknown>(
  method: 'GET' | 'POST',
  url: string,
  options: { body?: unknown; cookie?: string | undefined } = {},
): Promise<JsonResponse<T>> {
  if (!url.startsWith(`http://${HOST}:`)) throw new Error(`refusing to send a request outside loopback: ${url}`);
  const response = await fetch(url, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('kontakt_session='));
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : null) as T,
    sessionCookie: setCookie?.split(';')[0],
  };
}
