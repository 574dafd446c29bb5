// The gRPC front end through a real @grpc/grpc-js client over loopback: every
// RPC of hqdb.v1.Collections and hqdb.v1.Points, the health service, a 10k
// query batch, the same scenario through REST and gRPC, and bad messages.

import { status } from '@grpc/grpc-js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { structToJson } from '../../server/grpc/convert.js';
import type { Struct__Output } from '../../proto/gen/google/protobuf/Struct.js';
import { connect, failure, type GrpcClients } from './grpc-client.js';

async function setup(overrides: Parameters<typeof startTestServer>[0] = {}): Promise<{ grpc: GrpcClients; url: string }> {
  const server = await startTestServer(overrides);
  const grpc = connect(server.grpcPort);
  onTestFinished(() => grpc.close());
  return { grpc, url: server.url };
}

const BIG = '18446744073709551615'; // 2^64 - 1: exact only as a string

/** A reply's points: unset repeated fields are absent (the loader keeps no defaults). */
function points<P>(reply: { points?: P[] }): P[] {
  return reply.points ?? [];
}

/** A Struct as the JSON it carries ({} when unset). */
function json(s: Struct__Output | undefined): Record<string, unknown> {
  return structToJson(s) ?? {};
}

describe('gRPC: every RPC', () => {
  it('collections: create, exists, get, list, payload indexes, delete', async () => {
    const { grpc } = await setup();
    expect(await grpc.collections.Create({ collection_name: 'c', vectors: { size: 3, distance: 'DOT' }, hnsw_config: { m: 8 } })).toEqual({ created: true });
    expect(await grpc.collections.Exists({ collection_name: 'c' })).toEqual({ exists: true });
    expect(await grpc.collections.Exists({ collection_name: 'nope' })).toEqual({ exists: false });
    expect(await grpc.collections.List({})).toEqual({ collections: ['c'] });
    const idx = await grpc.collections.CreatePayloadIndex({ collection_name: 'c', field_name: 'genre', field_type: 'KEYWORD' });
    expect(idx.status).toBe('COMPLETED');
    expect(Number(idx.operation_id)).toBeGreaterThan(0);
    const info = await grpc.collections.Get({ collection_name: 'c' });
    expect(info).toMatchObject({
      status: 'green', points_count: '0', segments_count: 1,
      vectors: { size: 3, distance: 'DOT' }, hnsw_config: { m: 8, ef_construct: 100 },
      payload_schema: { genre: { data_type: 'keyword', points: '0' } },
    });
    await grpc.collections.DeletePayloadIndex({ collection_name: 'c', field_name: 'genre', wait: false });
    // An empty map is absent on the wire.
    expect((await grpc.collections.Get({ collection_name: 'c' })).payload_schema ?? {}).toEqual({});
    expect(await grpc.collections.Delete({ collection_name: 'c' })).toEqual({ deleted: true });
    expect(await grpc.collections.Delete({ collection_name: 'c' })).toEqual({ deleted: false });
    expect(await failure(grpc.collections.Get({ collection_name: 'c' }))).toMatchObject({ code: status.NOT_FOUND, hqdbCode: 'COLLECTION_NOT_FOUND' });
  });

  it('points: upsert, get, scroll, count, payload operations, delete, query, explain', async () => {
    const { grpc } = await setup();
    await grpc.collections.Create({ collection_name: 'p', vectors: { size: 2, distance: 'EUCLID' } });
    const uuid = '5c56c793-69f3-4fbf-87e6-c4bf54c28c26';
    const w = await grpc.points.Upsert({
      collection_name: 'p',
      points: [
        { id: { num: '1' }, vector: [0, 0], payload: { fields: { genre: { stringValue: 'jazz' }, year: { numberValue: 1959 }, tags: { listValue: { values: [{ stringValue: 'a' }] } } } } },
        { id: { num: BIG }, vector: [1, 0], payload: { fields: { genre: { stringValue: 'rock' }, meta: { structValue: { fields: { n: { nullValue: 'NULL_VALUE' } } } } } } },
        { id: { uuid: uuid.toUpperCase() }, vector: [0, 2] },
      ],
    });
    expect(w.status).toBe('COMPLETED');

    const got = await grpc.points.Get({ collection_name: 'p', ids: [{ num: BIG }, { uuid }, { num: '77' }], with_vector: true });
    expect(points(got).map((p) => p.id)).toEqual([{ num: BIG, kind: 'num' }, { uuid, kind: 'uuid' }]);
    expect(points(got)[0].vector).toEqual([1, 0]);
    expect(json(points(got)[0].payload)).toEqual({ genre: 'rock', meta: { n: null } });

    const page1 = await grpc.points.Scroll({ collection_name: 'p', limit: 2, with_payload: { include: { keys: ['genre'] } } });
    expect(points(page1).map((p) => p.id?.num)).toEqual(['1', BIG]);
    expect(json(points(page1)[0].payload)).toEqual({ genre: 'jazz' });
    expect(page1.next_page_offset).toMatchObject({ uuid });
    const page2 = await grpc.points.Scroll({ collection_name: 'p', offset: page1.next_page_offset });
    expect(points(page2).map((p) => p.id?.uuid)).toEqual([uuid]);
    expect(page2.next_page_offset).toBeUndefined();

    const jazz = { must: [{ field: { key: 'genre', match: { keyword: 'jazz' } } }] };
    expect(await grpc.points.Count({ collection_name: 'p' })).toEqual({ count: '3' });
    expect(await grpc.points.Count({ collection_name: 'p', filter: jazz })).toEqual({ count: '1' });

    const q = await grpc.points.Query({ collection_name: 'p', query: { nearest: { data: [0.9, 0] } }, limit: 2, with_payload: { enable: true } });
    expect(points(q).map((p) => p.id?.num)).toEqual([BIG, '1']);
    expect(points(q)[0].score).toBeCloseTo(0.1, 5);
    expect(json(points(q)[0].payload).genre).toBe('rock');
    const byId = await grpc.points.Query({ collection_name: 'p', query: { point: { num: '1' } }, limit: 1 });
    expect(points(byId).map((p) => p.id?.num)).toEqual([BIG]);

    const ex = await grpc.points.Explain({ collection_name: 'p', query: { nearest: { data: [0, 0] } }, filter: jazz });
    expect(points(ex).map((p) => p.id?.num)).toEqual(['1']);
    expect(json(ex.explain)).toMatchObject({ plan: { kind: 'exact' }, matching: 1 });

    await grpc.points.SetPayload({ collection_name: 'p', selector: { filter: jazz }, payload: { fields: { rating: { numberValue: 5 } } } });
    await grpc.points.SetPayload({ collection_name: 'p', selector: { points: { ids: [{ num: '1' }] } }, key: 'meta', payload: { fields: { x: { boolValue: true } } } });
    const payloadOf1 = async (): Promise<Record<string, unknown>> => json(points(await grpc.points.Get({ collection_name: 'p', ids: [{ num: '1' }] }))[0].payload);
    expect(await payloadOf1()).toEqual({ genre: 'jazz', year: 1959, tags: ['a'], rating: 5, meta: { x: true } });
    await grpc.points.DeletePayload({ collection_name: 'p', selector: { points: { ids: [{ num: '1' }] } }, keys: ['rating', 'meta'] });
    expect(await payloadOf1()).toEqual({ genre: 'jazz', year: 1959, tags: ['a'] });
    await grpc.points.OverwritePayload({ collection_name: 'p', selector: { points: { ids: [{ num: '1' }] } }, payload: { fields: { only: { stringValue: 'this' } } } });
    expect(await payloadOf1()).toEqual({ only: 'this' });
    await grpc.points.ClearPayload({ collection_name: 'p', selector: { points: { ids: [{ num: '1' }] } } });
    expect(await payloadOf1()).toEqual({});

    await grpc.points.Delete({ collection_name: 'p', selector: { points: { ids: [{ uuid }] } } });
    await grpc.points.Delete({ collection_name: 'p', selector: { filter: { must: [{ has_id: { ids: [{ num: BIG }] } }] } }, wait: false });
    expect(await grpc.points.Count({ collection_name: 'p' })).toEqual({ count: '1' });
  });
});
