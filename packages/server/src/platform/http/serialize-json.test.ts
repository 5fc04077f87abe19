import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { z } from 'zod';
import { checkingSerializerCompiler, LARGE_JSON_CHARS, rawJson, serializeJson } from './serialize-json.js';

/** A calendar-like answer: Cyrillic titles make JSON.stringify's result a two-byte string. */
const events = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, title: `Встреча «Ромашка» №${i} — ёжик 🦔`, done: i % 2 === 0 }));

describe('serializeJson', () => {
  it('answers small JSON as the string itself', () => {
    expect(serializeJson({ a: 'Привет' })).toBe('{"a":"Привет"}');
  });

  it('answers large JSON as its UTF-8 bytes, exactly', () => {
    const data = { events: events(5_000) };
    const json = JSON.stringify(data);
    expect(json.length).toBeGreaterThan(LARGE_JSON_CHARS);
    const out = serializeJson(data) as unknown as Buffer;
    expect(Buffer.isBuffer(out)).toBe(true);
    expect(out.equals(Buffer.from(json, 'utf8'))).toBe(true);
  });

  it('goes out through Fastify whole, as JSON with the right length', async () => {
    const app = Fastify();
    app.setSerializerCompiler(() => serializeJson);
    const data = { events: events(5_000) };
    app.get('/big', { schema: { response: { 200: {} } } }, async () => data);
    try {
      const response = await app.inject({ method: 'GET', url: '/big' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(data)));
      expect(response.json()).toEqual(data);
    } finally {
      await app.close();
    }
  });

  it('copies a top-level raw JSON field in as it is, the rest as JSON.stringify writes it', () => {
    const data = { from: 'пн', events: rawJson<unknown>('{"id": ["a", "b"], "title": ["Звонок", "Встреча"]}'), skipped: undefined, n: 2 };
    const json = serializeJson(data);
    expect(json).toBe('{"from":"пн","events":{"id": ["a", "b"], "title": ["Звонок", "Встреча"]},"n":2}');
    // Anything else that writes the answer (a log, another serializer) gets the same value.
    expect(JSON.parse(JSON.stringify(data))).toEqual(JSON.parse(json));
  });

  it('checks a raw field against the schema under test, by what it holds', () => {
    const schema = z.object({ events: z.object({ id: z.array(z.string()) }) });
    const serialize = checkingSerializerCompiler({ schema, method: 'GET', url: '/calendar', httpStatus: '200' });
    expect(JSON.parse(serialize({ events: rawJson('{"id": ["a"]}') }) as string)).toEqual({ events: { id: ['a'] } });
    expect(() => serialize({ events: rawJson('{"id": [1]}') })).toThrow();
  });
});
