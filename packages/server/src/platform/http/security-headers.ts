import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Pages (the web app, the API docs) get the full set of browser security headers from helmet. JSON
 * answers get the two that matter to them: a CSP or a frame policy on JSON protects nothing, and a dozen
 * headers on every call cost a real share of a small answer.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  const pageHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
      },
    },
  });
  const docsHeaders = helmet({ contentSecurityPolicy: false });

  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    const url = request.url;
    if (url.startsWith('/api/') && !url.startsWith('/api/docs')) {
      void reply.header('x-content-type-options', 'nosniff');
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
      return done(null, payload);
    }
    // Swagger UI sends a CSP of its own, fitted to its inline scripts.
    const apply = url.startsWith('/api/docs') ? docsHeaders : pageHeaders;
    apply(request.raw, reply.raw, () => done(null, payload));
  });
}
