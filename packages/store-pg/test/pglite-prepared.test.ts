// PGlite's named prepared statements (drivers/pglite-prepared.ts): the same rows as PGlite's
// own `query`, errors that leave the session usable, and never inside someone's transaction.
import { PGlite, types } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pglitePrepared } from '../src/drivers/pglite-prepared.js';
import { type BoundQuery, bind } from '../src/prepared.js';

const OPTIONS = { rowMode: 'object' as const, parsers: { [types.TIMESTAMPTZ]: (v: string) => v } };

describe('PGlite named prepared statements', () => {
  let client: PGlite;
  let run: <T>(query: BoundQuery) => Promise<T[]>;

  // A fresh in-memory PGlite initialises its cluster: slow when the whole suite shares the CPU.
  beforeAll(async () => {
    client = await PGlite.create();
    await client.exec(`create table t (id int primary key, name text, data bytea, doc jsonb,
      at timestamptz default '2026-12-07T10:00:00Z')`);
    run = pglitePrepared(client, OPTIONS);
  }, 120_000);
  afterAll(() => client.close());

  const insert = (id: number, name: string | null, data: Uint8Array, doc: unknown) =>
    bind(sql`insert into t (id, name, data, doc) values (${id}, ${name}, ${data}, ${JSON.stringify(doc)}::jsonb)
      returning id, name, data, doc, at`);

  it('answers the rows PGlite query answers, for each call of one statement', async () => {
    const first = await run(insert(1, 'one', new Uint8Array([0, 1, 254, 255]), { a: [1, 'x'] }));
    const second = await run(insert(2, null, new Uint8Array(0), null));
    expect(first).toEqual([
      {
        id: 1,
        name: 'one',
        data: new Uint8Array([0, 1, 254, 255]),
        doc: { a: [1, 'x'] },
        at: expect.stringMatching(/^2026-12-07/),
      },
    ]);
    expect(second[0]).toMatchObject({ id: 2, name: null, doc: null });
    const select = bind(sql`select * from t where id = any(${'{1,2}'}::int[]) order by id`);
    const expected = await client.query(select.text, select.params, OPTIONS);
    expect(await run(select)).toEqual(expected.rows);
  });

  it('throws the database error and keeps the session usable', async () => {
    const duplicate = run(insert(1, 'again', new Uint8Array([1]), {}));
    await expect(duplicate).rejects.toMatchObject({ code: '23505' });
    await expect(run(bind(sql`select ${'1'}::int as one`))).resolves.toEqual([{ one: 1 }]);
    await expect(run({ text: 'select from nowhere', params: [] })).rejects.toMatchObject({
      code: '42P01',
    });
    expect(await client.query('select count(*)::int as n from t')).toMatchObject({
      rows: [{ n: 2 }],
    });
  });

  it('waits for an open transaction instead of running inside it', async () => {
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => {
      opened = resolve;
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = client
      .transaction(async (tx) => {
        await tx.query(`insert into t (id, name) values (10, 'rolled back')`);
        opened();
        await held;
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    await isOpen;
    const outside = run(insert(11, 'outside', new Uint8Array([11]), {}));
    release();
    expect(await transaction).toBe('rolled back');
    expect(await outside).toHaveLength(1);
    const ids = await run<{ id: number }>(
      bind(sql`select id from t where id >= ${10} order by id`),
    );
    expect(ids).toEqual([{ id: 11 }]);
  });

  it('still answers past the number of statements it keeps named', async () => {
    const answers: number[] = [];
    for (let k = 0; k < 300; k++) {
      const [row] = await run<{ n: number }>({ text: `select $1::int + ${k} as n`, params: [1] });
      answers.push(row?.n ?? -1);
    }
    expect(answers).toEqual(Array.from({ length: 300 }, (_, k) => k + 1));
  });
});
