import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { NotificationDto } from '@kontakt/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Logger } from '../../platform/jobs/jobs.js';
import type { ChannelListener } from '../../platform/realtime/channel-listener.js';
import { HEARTBEAT_MS, openEventStream, type EventStream } from '../../platform/realtime/event-stream.js';
import * as q from './notifications.queries.js';
import { toNotificationDto } from './notifications.service.js';

/** How many new notifications one push carries at most; a burst beyond it shows up as the count. */
const PUSH_LIMIT = 20;
/** Hints for one user closer together than this are answered with one look-up. */
const COALESCE_MS = 25;

/** What the stream was opened with: a session (its id) or an API token (its id). */
interface Credential {
  kind: 'session' | 'token';
  id: string;
}

interface Subscriber {
  stream: EventStream;
  credential: Credential;
  userId: string;
}

interface UserGroup {
  subscribers: Set<Subscriber>;
  /** The newest notification already pushed (ids are time-ordered). */
  lastId: string | null;
  timer?: NodeJS.Timeout;
  refreshing?: Promise<void>;
}

/**
 * The live side of the bell: each open tab holds a Server-Sent Events stream. On connect it gets the
 * unread count; when the user's notifications change (a hint from the database channel, after commit) it
 * gets each new notification and the new count. One look-up per user serves all their tabs.
 *
 * A stream lives only as long as its session or token: streams are checked again when access data
 * changes on any instance (logout, deactivation, revoked token) and at every heartbeat.
 */
export interface NotificationStreamsDeps {
  db: Kysely<DB>;
  log: Logger;
  /** Starts hearing the database channel; called when the first stream opens. */
  listen: (onUser: (userId: string) => void, onReconnect: () => void) => Promise<ChannelListener>;
}

export function makeNotificationStreams({ db, log, listen }: NotificationStreamsDeps) {
  const groups = new Map<string, UserGroup>();
  let listening: Promise<ChannelListener> | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let revalidating: Promise<void> | undefined;
  let revalidateAgain = false;

  function credentialOf(actor: Actor): Credential {
    return actor.via === 'token' ? { kind: 'token', id: actor.tokenId ?? '' } : { kind: 'session', id: actor.sessionId ?? '' };
  }

  async function open(request: FastifyRequest, reply: FastifyReply, actor: Actor): Promise<void> {
    listening ??= listen(hint, resyncAll).catch((error: unknown) => {
      listening = undefined;
      throw error;
    });
    await listening;
    const credential = credentialOf(actor);
    const [count, newest] = await Promise.all([q.unreadCount(db, actor.userId), q.newestNotificationId(db, actor.userId)]);
    const stream = openEventStream(request, reply);
    const subscriber: Subscriber = { stream, credential, userId: actor.userId };
    let group = groups.get(actor.userId);
    if (!group) {
      group = { subscribers: new Set(), lastId: newest };
      groups.set(actor.userId, group);
    }
    group.subscribers.add(subscriber);
    stream.onClose(() => {
      const current = groups.get(actor.userId);
      if (!current) return;
      current.subscribers.delete(subscriber);
      if (current.subscribers.size === 0) {
        clearTimeout(current.timer);
        groups.delete(actor.userId);
      }
    });
    stream.send('unread', { count });
    heartbeat ??= setInterval(beat, HEARTBEAT_MS);
  }

  /** A user's notifications changed somewhere: push what is new to their tabs on this instance. */
  function hint(userId: string): void {
    const group = groups.get(userId);
    if (!group || group.timer) return;
    group.timer = setTimeout(() => {
      group.timer = undefined;
      void refresh(userId, group);
    }, COALESCE_MS);
  }

  async function refresh(userId: string, group: UserGroup): Promise<void> {
    // One look-up at a time per user, so two pushes cannot both send the same new rows.
    while (group.refreshing) await group.refreshing;
    group.refreshing = (async () => {
      try {
        const [rows, count] = await Promise.all([q.notificationsAfter(db, userId, group.lastId, PUSH_LIMIT), q.unreadCount(db, userId)]);
        const fresh: NotificationDto[] = rows.map(toNotificationDto).reverse();
        if (rows.length > 0) group.lastId = rows[0]!.id;
        for (const subscriber of group.subscribers) {
          for (const n of fresh) subscriber.stream.send('notification', n);
          subscriber.stream.send('unread', { count });
        }
      } catch (error) {
        log.warn({ err: error, userId }, 'could not push notifications to open tabs');
      } finally {
        group.refreshing = undefined;
      }
    })();
    await group.refreshing;
  }

  /** After the listener reconnects: anything may have been missed, so every connected user looks again. */
  function resyncAll(): void {
    for (const userId of groups.keys()) hint(userId);
  }

  /**
   * Access data changed (logout, deactivation, a revoked token…): close the streams whose session or token
   * no longer holds. Two queries for all streams, however many; calls while one runs make it run once more.
   */
  function revalidate(): void {
    if (revalidating) {
      revalidateAgain = true;
      return;
    }
    revalidating = (async () => {
      do {
        revalidateAgain = false;
        const subscribers = [...groups.values()].flatMap((g) => [...g.subscribers]);
        if (subscribers.length === 0) break;
        const live = await q.liveCredentials(
          db,
          subscribers.filter((x) => x.credential.kind === 'session').map((x) => x.credential.id),
          subscribers.filter((x) => x.credential.kind === 'token').map((x) => x.credential.id),
        );
        for (const subscriber of subscribers) {
          const owner = live.get(`${subscriber.credential.kind}:${subscriber.credential.id}`);
          if (owner !== subscriber.userId) subscriber.stream.close('signed_out');
        }
      } while (revalidateAgain);
    })()
      .catch((error: unknown) => log.warn({ err: error }, 'could not check the sessions of open notification streams'))
      .finally(() => {
        revalidating = undefined;
      });
  }

  function beat(): void {
    for (const group of groups.values()) for (const subscriber of group.subscribers) subscriber.stream.heartbeat();
    revalidate();
    if (groups.size === 0 && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  }

  async function close(): Promise<void> {
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = undefined;
    for (const group of groups.values()) {
      clearTimeout(group.timer);
      for (const subscriber of group.subscribers) subscriber.stream.close('server_stopping');
    }
    groups.clear();
    const listener = await listening?.catch(() => undefined);
    listening = undefined;
    await listener?.close();
  }

  return {
    open,
    hint,
    resyncAll,
    revalidate,
    close,
    /** How many streams are open (for tests and diagnostics). */
    get size() {
      let n = 0;
      for (const group of groups.values()) n += group.subscribers.size;
      return n;
    },
  };
}

export type NotificationStreams = ReturnType<typeof makeNotificationStreams>;
