/**
 * @mentions in task comments: finding the word being typed after "@", putting a picked name in its place,
 * and cutting a saved comment into plain text and mentions so the names can be highlighted.
 */
import type { Named } from './taskModel';

/** The "@…" the caret stands in, if any: where it starts and what was typed after the "@". */
export function activeMention(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  // "@" starts a mention only at the beginning or after a space or an opening bracket (not in an email).
  if (at > 0 && !/[\s(«"']/.test(before[at - 1]!)) return null;
  const query = before.slice(at + 1);
  // A mention is a name: up to three words, no line breaks.
  if (/[\n@]/.test(query) || query.split(' ').length > 3 || query.length > 60) return null;
  return { start: at, query };
}

/** Replaces the "@…" being typed with "@Name " and says where the caret goes. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** Picked users whose "@Name" is still in the text (a deleted mention notifies nobody). */
export function mentionedIds(text: string, picked: readonly Named[]): string[] {
  return [...new Set(picked.filter((u) => text.includes(`@${u.name}`)).map((u) => u.id))];
}

export type CommentSegment = { text: string } | { text: string; user: Named };

/** The comment as text and mentions, longest names first so "@Анна Иванова" wins over "@Анна". */
export function splitMentions(body: string, mentions: readonly Named[]): CommentSegment[] {
  const names = [...mentions].sort((a, b) => b.name.length - a.name.length);
  const segments: CommentSegment[] = [];
  let rest = body;
  while (rest.length > 0) {
    let best: { index: number; user: Named } | null = null;
    for (const user of names) {
      const index = rest.indexOf(`@${user.name}`);
      if (index >= 0 && (best === null || index < best.index)) best = { index, user };
    }
    if (!best) {
      segments.push({ text: rest });
      break;
    }
    if (best.index > 0) segments.push({ text: rest.slice(0, best.index) });
    segments.push({ text: `@${best.user.name}`, user: best.user });
    rest = rest.slice(best.index + best.user.name.length + 1);
  }
  return segments;
}
