import type { FastifyReply, FastifyRequest } from 'fastify';

/** Comment lines this often keep proxies and load balancers from closing an idle stream (most cut at 60 s). */
export const HEARTBEAT_MS = 25_000;

export interface EventStream {
  send(event: string, data: unknown): void;
  heartbeat(): void;
  /** Ends the stream; `reason` reaches the browser as a last `end` event so it does not reconnect blindly. */
  close(reason?: string): void;
  readonly closed: boolean;
  onClose(listener: () => void): void;
}

/**
 * Turns a request into a Server-Sent Events stream (text/event-stream). The reply is taken over from
 * Fastify: the stream stays open until the browser goes away or `close()` is called.
 */
export function openEventStream(request: FastifyRequest, reply: FastifyReply, retryMs = 3000): EventStream {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-store, no-transform',
    connection: 'keep-alive',
    // nginx buffers responses unless told not to, which would hold events back.
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
    'x-request-id': String(request.id),
  });
  res.write(`retry: ${retryMs}\n\n`);
  request.raw.socket.setKeepAlive(true);
  request.raw.socket.setNoDelay(true);

  let closed = false;
  const listeners: (() => void)[] = [];
  const finish = () => {
    if (closed) return;
    closed = true;
    for (const listener of listeners) listener();
  };
  request.raw.on('close', finish);
  res.on('close', finish);
  res.on('error', finish);

  return {
    send(event, data) {
      if (closed) return;
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    heartbeat() {
      if (!closed) res.write(': ping\n\n');
    },
    close(reason) {
      if (closed) return;
      if (reason) res.write(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
      res.end();
      finish();
    },
    get closed() {
      return closed;
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
  };
}
