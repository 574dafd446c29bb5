// Point ids at the wire: unsigned 64-bit integers beyond 2^53 sent as JSON
// integer literals must come back as the same literals (JSON.parse would round
// them, so every check reads the raw response text), and UUIDs in any accepted
// spelling are one point, reported lowercase and hyphenated.

import { describe, expect, it } from 'vitest';
import { http, ok } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';

const U64_MAX = '18446744073709551615';
/** 2^53 + 1: as a double it rounds to 2^53, which is also stored, so a lossy path would merge or swap them. */
const P53_PLUS_1 = '9007199254740993';
const P53 = '9007199254740992';
const SAFE_MAX = '9007199254740991';

/** Ids in a response's raw text, in order: integer literals as digits, UUIDs as strings. */
function rawIds(text: string): string[] {
  return [...text.matchAll(/"id":(\d+|"[^"]*")/g)].map((m) => m[1].replace(/"/g, ''));
}

/** Sends `body` (raw JSON text) and returns the raw response text of a 200 answer. */
async function raw(base: string, method: string, path: string, body?: string): Promise<string> {
  const res = await http(base, method, path, body);
  expect(res.status, res.text).toBe(200);
  return res.text;
}

describe('integer ids beyond 2^53', () => {
  async function seeded(): Promise<string> {
    const { url } = await startTestServer();
    await ok(url, 'PUT', '/collections/c', { vectors: { size: 4, distance: 'Dot' } });
    // Each id gets a distinct axis (scaled) so a query for that axis finds it first.
    await raw(url, 'PUT', '/collections/c/points?wait=true', `{"points":[
      {"id":${U64_MAX},"vector":[1,0,0,0],"payload":{"who":"u64max"}},
      {"id":${P53_PLUS_1},"vector":[0,1,0,0],"payload":{"who":"p53+1"}},
      {"id":${P53},"vector":[0,0,1,0],"payload":{"who":"p53"}}
    ]}`);
    await raw(url, 'PUT', '/collections/c/points?wait=true', `{"batch":{"ids":[${SAFE_MAX},0],"vectors":[[0,0,0,1],[0.1,0.1,0.1,0.1]],"payloads":[{"who":"safe"},{"who":"zero"}]}}`);
    return url;
  }

  it('stores 2^53 and 2^53+1 as two points', async () => {
    const url = await seeded();
    expect(await ok(url, 'POST', '/collections/c/points/count', {})).toEqual({ count: 5 });
  });

  it('round-trips through retrieve and GET /points/{id}', async () => {
    const url = await seeded();
    const text = await raw(url, 'POST', '/collections/c/points', `{"ids":[${U64_MAX},${P53_PLUS_1},${P53}],"with_payload":true}`);
    expect(rawIds(text).sort()).toEqual([U64_MAX, P53_PLUS_1, P53].sort());
    expect(text).toContain(`"id":${U64_MAX},"payload":{"who":"u64max"}`);
    expect(text).toContain(`"id":${P53_PLUS_1},"payload":{"who":"p53+1"}`);
    expect(text).toContain(`"id":${P53},"payload":{"who":"p53"}`);

    for (const [id, who] of [[U64_MAX, 'u64max'], [P53_PLUS_1, 'p53+1'], [P53, 'p53'], [SAFE_MAX, 'safe']]) {
      const one = await raw(url, 'GET', `/collections/c/points/${id}`);
      expect(rawIds(one)).toEqual([id]);
      expect(one).toContain(`"payload":{"who":"${who}"}`);
    }
  });

  it('reads path ids as unsigned integers, as Qdrant does (leading zeros allowed)', async () => {
    const url = await seeded();
    // Qdrant parses the {id} path segment with u64::from_str, which accepts "0009007199254740993".
    const text = await raw(url, 'GET', `/collections/c/points/00${P53_PLUS_1}`);
    expect(rawIds(text)).toEqual([P53_PLUS_1]);
    expect(rawIds(await raw(url, 'GET', '/collections/c/points/000'))).toEqual(['0']);
  });

  it('scrolls in numeric order with exact next_page_offset literals', async () => {
    const url = await seeded();
    const all = await raw(url, 'POST', '/collections/c/points/scroll', '{"limit":10}');
    expect(rawIds(all)).toEqual(['0', SAFE_MAX, P53, P53_PLUS_1, U64_MAX]);

    const page = await raw(url, 'POST', '/collections/c/points/scroll', `{"limit":1,"offset":${P53_PLUS_1}}`);
    expect(rawIds(page)).toEqual([P53_PLUS_1]);
    expect(page).toContain(`"next_page_offset":${U64_MAX}`);
    const last = await raw(url, 'POST', '/collections/c/points/scroll', `{"limit":1,"offset":${U64_MAX}}`);
    expect(rawIds(last)).toEqual([U64_MAX]);
    expect(last).toContain('"next_page_offset":null');
  });

  it('comes back exact in query results, and works as the query itself', async () => {
    const url = await seeded();
    const axes: [string, number[]][] = [[U64_MAX, [1, 0, 0, 0]], [P53_PLUS_1, [0, 1, 0, 0]], [P53, [0, 0, 1, 0]], [SAFE_MAX, [0, 0, 0, 1]]];
    for (const exact of [true, false]) {
      for (const [id, vector] of axes) {
        const text = await raw(url, 'POST', '/collections/c/points/query', JSON.stringify({ query: vector, limit: 1, params: { exact } }));
        expect(rawIds(text)).toEqual([id]);
      }
    }
    const byId = await raw(url, 'POST', '/collections/c/points/query', `{"query":${P53_PLUS_1},"limit":10}`);
    expect(rawIds(byId)).toHaveLength(4);
    expect(rawIds(byId)).not.toContain(P53_PLUS_1);
    expect(rawIds(byId)).toContain(P53);
    const batch = await raw(url, 'POST', '/collections/c/points/query/batch', JSON.stringify({ searches: [{ query: [1, 0, 0, 0], limit: 1 }, { query: [0, 1, 0, 0], limit: 1 }] }));
    expect(rawIds(batch)).toEqual([U64_MAX, P53_PLUS_1]);
  });

  it('addresses the exact point in payload updates and deletes', async () => {
    const url = await seeded();
    await raw(url, 'POST', '/collections/c/points/payload?wait=true', `{"payload":{"touched":true},"points":[${P53_PLUS_1}]}`);
    const text = await raw(url, 'POST', '/collections/c/points', `{"ids":[${P53},${P53_PLUS_1}]}`);
    expect(text).toContain(`"id":${P53_PLUS_1},"payload":{"who":"p53+1","touched":true}`);
    expect(text).toContain(`"id":${P53},"payload":{"who":"p53"}`);

    await raw(url, 'POST', '/collections/c/points/delete?wait=true', `{"points":[${P53_PLUS_1}]}`);
    expect(rawIds(await raw(url, 'POST', '/collections/c/points/scroll', '{"limit":10}'))).toEqual(['0', SAFE_MAX, P53, U64_MAX]);
    expect((await http(url, 'GET', `/collections/c/points/${P53_PLUS_1}`)).status).toBe(404);
    expect(rawIds(await raw(url, 'GET', `/collections/c/points/${P53}`))).toEqual([P53]);
  });
});

describe('UUID ids', () => {
  const CANONICAL = '550e8400-e29b-41d4-a716-446655440000';
  const FORMS = [
    CANONICAL,
    CANONICAL.toUpperCase(),
    CANONICAL.replace(/-/g, ''),
    CANONICAL.replace(/-/g, '').toUpperCase(),
    `{${CANONICAL}}`,
    `urn:uuid:${CANONICAL}`,
  ];

  it('treats every spelling as one point and reports it lowercase and hyphenated', async () => {
    const { url } = await startTestServer();
    await ok(url, 'PUT', '/collections/c', { vectors: { size: 4, distance: 'Cosine' } });
    // Upsert through each form in turn: the last write wins and there is still one point.
    for (const [i, id] of FORMS.entries()) {
      await ok(url, 'PUT', '/collections/c/points?wait=true', { points: [{ id, vector: [1, 0, 0, i], payload: { form: i } }] });
    }
    await ok(url, 'PUT', '/collections/c/points?wait=true', { points: [{ id: 7, vector: [0, 1, 0, 0] }] });
    expect(await ok(url, 'POST', '/collections/c/points/count', {})).toEqual({ count: 2 });

    for (const id of FORMS) {
      const got = await ok<{ id: unknown; payload: unknown }[]>(url, 'POST', '/collections/c/points', { ids: [id] });
      expect(got).toEqual([{ id: CANONICAL, payload: { form: FORMS.length - 1 } }]);
    }
    for (const id of [CANONICAL.toUpperCase(), CANONICAL.replace(/-/g, '')]) {
      expect(await ok<{ id: unknown }>(url, 'GET', `/collections/c/points/${id}`)).toMatchObject({ id: CANONICAL });
    }
    const scroll = await ok<{ points: { id: unknown }[] }>(url, 'POST', '/collections/c/points/scroll', {});
    expect(scroll.points.map((p) => p.id)).toEqual([7, CANONICAL]);
    const query = await ok<{ points: { id: unknown }[] }>(url, 'POST', '/collections/c/points/query', { query: [1, 0, 0, 5], limit: 1 });
    expect(query.points.map((p) => p.id)).toEqual([CANONICAL]);
    const byId = await ok<{ points: { id: unknown }[] }>(url, 'POST', '/collections/c/points/query', { query: CANONICAL.toUpperCase() });
    expect(byId.points.map((p) => p.id)).toEqual([7]);

    await ok(url, 'POST', '/collections/c/points/delete?wait=true', { points: [CANONICAL.replace(/-/g, '').toUpperCase()] });
    expect(await ok(url, 'POST', '/collections/c/points/count', {})).toEqual({ count: 1 });
    expect(await ok(url, 'POST', '/collections/c/points', { ids: [CANONICAL] })).toEqual([]);
  });
});
