import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';

const utf8 = new TextEncoder();
/** From this many characters on, an answer goes out as bytes encoded here (see serializeJson). */
export const LARGE_JSON_CHARS = 64 * 1024;

/** JSON text written elsewhere (by PostgreSQL) that goes into an answer as it is. */
export class RawJson {
  constructor(readonly text: string) {}
  /** Anything that is not `serializeJson` still gets the value the text holds. */
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/**
 * JSON text as a field of an answer, typed as the value it holds. `serializeJson` copies it into the answer
 * unread when it is a top-level field: thousands of calendar events are not parsed here only to be written again.
 */
export const rawJson = <T>(text: string): T => new RawJson(text) as unknown as T;

/** Whether an answer has a raw top-level field; every answer passes here, so it allocates nothing. */
function hasRawField(data: unknown): data is Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  for (const key in data) if ((data as Record<string, unknown>)[key] instanceof RawJson) return true;
  return false;
}

/** An object's JSON with its RawJson fields copied in as they are (fields valued undefined left out, as JSON.stringify does). */
function stringifyWithRaw(data: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const json = value instanceof RawJson ? value.text : JSON.stringify(value);
    if (json !== undefined) parts.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The JSON of an answer. A large one is handed to the socket as UTF-8 bytes: Node's own conversion of a
 * string holding Cyrillic (a two-byte string) ran at about a third of TextEncoder's speed — 11 of 15 ms of
 * writing a busy week's 1.5 MB calendar. Fastify sends a Buffer from a serializer as it is.
 */
export function serializeJson(data: unknown): string {
  const json = hasRawField(data) ? stringifyWithRaw(data) : JSON.stringify(data);
  if (json.length < LARGE_JSON_CHARS) return json;
  const bytes = utf8.encode(json);
  // Fastify's types say a serializer answers a string; its reply accepts a Buffer too.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as string;
}

/** Under test every answer is checked against its schema; raw fields are read back first, so the check sees what they hold. */
export const checkingSerializerCompiler: typeof zodSerializerCompiler = (route) => {
  const serialize = zodSerializerCompiler(route);
  return (data) => serialize(hasRawField(data) ? JSON.parse(stringifyWithRaw(data)) : data);
};
