import { describe, expect, it } from 'vitest';
import PgBoss from 'pg-boss';
import { splitStatements } from './sql-executor.js';

describe('splitting pg-boss scripts into statements', () => {
  it('keeps semicolons inside quotes, identifiers, dollar-quoted bodies and comments', () => {
    expect(
      splitStatements(`
        BEGIN;
        SET LOCAL lock_timeout = '30s';
        SELECT 'a;b', "we;ird"; -- a comment; still one
        CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END; $$ LANGUAGE plpgsql;
        /* block; comment */ SELECT $1, $tag$ x; y $tag$;
        COMMIT;
      `),
    ).toEqual([
      'BEGIN',
      "SET LOCAL lock_timeout = '30s'",
      `SELECT 'a;b', "we;ird"`,
      '-- a comment; still one\n        CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END; $$ LANGUAGE plpgsql',
      '/* block; comment */ SELECT $1, $tag$ x; y $tag$',
      'COMMIT',
    ]);
  });

  it('splits pg-boss’s own schema script into whole statements, the transaction around them kept', () => {
    const statements = splitStatements(PgBoss.getConstructionPlans('pgboss'));
    expect(statements[0]).toBe('BEGIN');
    expect(statements.at(-1)).toBe('COMMIT');
    expect(statements.length).toBeGreaterThan(10);
    for (const s of statements) expect(s.endsWith(';')).toBe(false);
    const createQueue = statements.find((s) => s.startsWith('CREATE FUNCTION pgboss.create_queue'));
    expect(createQueue).toContain('ATTACH PARTITION');
    expect(createQueue!.trim().endsWith('LANGUAGE plpgsql')).toBe(true);
  });
});
