// The gRPC front end through a real @grpc/grpc-js client over loopback: every
// RPC of hqdb.v1.Collections and hqdb.v1.Points, the health service, a 10k
// query batch, deadlines, shutdown, and bad messages (grpc-parity.test.ts runs
// the same scenario through REST and gRPC).

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Client, credentials, loadPackageDefinition, status, type ChannelCredentials, type ClientDuplexStream } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { randomVectors } from '../helpers/vectors.js';
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

describe('gRPC: health, batches, shutdown', () => {
  it('serves grpc.health.v1.Health for the server and each service', async () => {
    const server = await startTestServer();
    const proto = loadPackageDefinition(loadSync(healthProtoPath, { keepCase: true, longs: String, enums: String, defaults: true })) as unknown as {
      grpc: { health: { v1: { Health: new (address: string, creds: ChannelCredentials) => Client } } };
    };
    const client = new proto.grpc.health.v1.Health(`127.0.0.1:${server.grpcPort}`, credentials.createInsecure());
    onTestFinished(() => client.close());
    const check = (service: string): Promise<{ status: string }> =>
      new Promise((resolve, reject) =>
        (client as unknown as { Check: (r: { service: string }, cb: (e: Error | null, r: { status: string }) => void) => void }).Check({ service }, (e, r) => (e ? reject(e) : resolve(r))));
    expect(await check('')).toEqual({ status: 'SERVING' });
    expect(await check('hqdb.v1.Points')).toEqual({ status: 'SERVING' });
    expect(await check('hqdb.v1.Collections')).toEqual({ status: 'SERVING' });
    expect((await failure(check('hqdb.v1.Nope'))).code).toBe(status.NOT_FOUND);
  });

  it('serves reflection: grpcurl-style tools can list and describe the services', async () => {
    const server = await startTestServer();
    const reflectionProto = join(dirname(createRequire(import.meta.url).resolve('@grpc/reflection')), '..', 'proto', 'grpc', 'reflection', 'v1', 'reflection.proto');
    const proto = loadPackageDefinition(loadSync(reflectionProto, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true })) as unknown as {
      grpc: { reflection: { v1: { ServerReflection: new (address: string, creds: ChannelCredentials) => Client } } };
    };
    const client = new proto.grpc.reflection.v1.ServerReflection(`127.0.0.1:${server.grpcPort}`, credentials.createInsecure());
    onTestFinished(() => client.close());
    const ask = (request: object): Promise<Record<string, unknown>> =>
      new Promise((resolve, reject) => {
        const stream = (client as unknown as { ServerReflectionInfo: () => ClientDuplexStream<object, Record<string, unknown>> }).ServerReflectionInfo();
        stream.once('data', (d: Record<string, unknown>) => {
          resolve(d);
          stream.end();
        });
        stream.once('error', reject);
        stream.write(request);
      });
    const listed = (await ask({ list_services: '' })) as { list_services_response: { service: { name: string }[] } };
    expect(listed.list_services_response.service.map((s) => s.name).sort()).toEqual(expect.arrayContaining(['grpc.health.v1.Health', 'hqdb.v1.Collections', 'hqdb.v1.Points']));
    const file = (await ask({ file_containing_symbol: 'hqdb.v1.Points' })) as { file_descriptor_response: { file_descriptor_proto: Buffer[] } };
    expect(file.file_descriptor_response.file_descriptor_proto.length).toBeGreaterThan(0);
    expect(Buffer.concat(file.file_descriptor_response.file_descriptor_proto).toString('latin1')).toContain('QueryBatch');
  });

  it('answers a batch of 10k queries, each as the single query would', async () => {
    const { grpc } = await setup();
    const dim = 16;
    await grpc.collections.Create({ collection_name: 'b', vectors: { size: dim, distance: 'EUCLID' } });
    await grpc.collections.CreatePayloadIndex({ collection_name: 'b', field_name: 'odd', field_type: 'BOOL' });
    const data = randomVectors(1000, dim, 3);
    await grpc.points.Upsert({ collection_name: 'b', points: data.map((v, i) => ({ id: { num: String(i) }, vector: v, payload: { fields: { odd: { boolValue: i % 2 === 1 } } } })) });
    const queries = randomVectors(10_000, dim, 4);
    const odd = { must: [{ field: { key: 'odd', match: { boolean: true } } }] };
    const reply = await grpc.points.QueryBatch({
      collection_name: 'b',
      queries: queries.map((q, i) => ({ query: { nearest: { data: q } }, limit: 3, params: { exact: true }, ...(i % 2 ? { filter: odd } : {}) })),
    });
    const results = reply.results ?? [];
    expect(results).toHaveLength(10_000);
    for (const [i, r] of results.entries()) {
      expect(points(r)).toHaveLength(3);
      if (i % 2) expect(points(r).every((p) => Number(p.id?.num) % 2 === 1)).toBe(true);
    }
    for (const i of [0, 1, 4_999, 9_998, 9_999]) {
      const single = await grpc.points.Query({ collection_name: 'b', query: { nearest: { data: queries[i] } }, limit: 3, params: { exact: true }, ...(i % 2 ? { filter: odd } : {}) });
      expect(results[i].points, `query ${i}`).toEqual(single.points);
    }
  });

  it('refuses batches over service.max_batch_points and queries for another collection', async () => {
    const { grpc } = await setup({ service: { max_batch_points: 5 } });
    await grpc.collections.Create({ collection_name: 'b', vectors: { size: 2, distance: 'DOT' } });
    const q = { query: { nearest: { data: [1, 0] } } };
    expect(await failure(grpc.points.QueryBatch({ collection_name: 'b', queries: Array.from({ length: 6 }, () => q) }))).toMatchObject({ code: status.INVALID_ARGUMENT, hqdbCode: 'INVALID_LIMIT' });
    expect(await failure(grpc.points.QueryBatch({ collection_name: 'b', queries: [{ ...q, collection_name: 'other' }] }))).toMatchObject({ code: status.INVALID_ARGUMENT, hqdbCode: 'BAD_REQUEST' });
    expect(points((await grpc.points.QueryBatch({ collection_name: 'b', queries: [{ ...q, collection_name: 'b' }] })).results?.[0] ?? {})).toEqual([]);
  });

  it('a call past its deadline is refused with DEADLINE_EXCEEDED; the server keeps serving', async () => {
    const { grpc } = await setup();
    await grpc.collections.Create({ collection_name: 'd', vectors: { size: 2, distance: 'DOT' } });
    const late = await failure(grpc.points.Count({ collection_name: 'd' }, { deadline: Date.now() - 1 }));
    expect(late.code).toBe(status.DEADLINE_EXCEEDED);
    expect(await grpc.points.Count({ collection_name: 'd' })).toEqual({ count: '0' });
  });

  it('a cancelled batch stops its work', async () => {
    const server = await startTestServer();
    const grpc = connect(server.grpcPort);
    onTestFinished(() => grpc.close());
    const dim = 32;
    await grpc.collections.Create({ collection_name: 'k', vectors: { size: dim, distance: 'DOT' } });
    await grpc.points.Upsert({ collection_name: 'k', points: randomVectors(2000, dim, 5).map((v, i) => ({ id: { num: String(i) }, vector: v })) });
    const queries = randomVectors(20_000, dim, 6).map((q) => ({ query: { nearest: { data: q } }, limit: 10, params: { exact: true } }));
    // The batch executor runs a batch in chunks of 512 queries: count the chunks started.
    const spy = vi.spyOn(server.engine.collection('k') as unknown as { runChunk: () => Promise<void> }, 'runChunk');
    const ended = new Promise<number>((resolve) => {
      const call = grpc.raw.points.QueryBatch({ collection_name: 'k', queries }, (err) => resolve(err?.code ?? status.OK));
      const poll = setInterval(() => {
        if (spy.mock.calls.length > 0) {
          clearInterval(poll);
          call.cancel();
        }
      }, 1);
    });
    expect(await ended).toBe(status.CANCELLED);
    await new Promise((r) => setTimeout(r, 200));
    const ran = spy.mock.calls.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(spy.mock.calls.length).toBe(ran);
    expect(ran).toBeLessThan(Math.ceil(queries.length / 512));
  });

  it('close() shuts the gRPC listener down', async () => {
    const server = await startTestServer();
    const grpc = connect(server.grpcPort);
    onTestFinished(() => grpc.close());
    expect(await grpc.collections.List({})).toEqual({});
    await server.close();
    expect((await failure(grpc.collections.List({}, { deadline: Date.now() + 2_000 }))).code).toBe(status.UNAVAILABLE);
  });
});

describe('gRPC: bad messages get the right status and never crash the server', () => {
  it('wrong dimension, unset oneofs, malformed filters, unknown names', async () => {
    const { grpc } = await setup();
    await grpc.collections.Create({ collection_name: 'e', vectors: { size: 2, distance: 'COSINE' } });
    await grpc.points.Upsert({ collection_name: 'e', points: [{ id: { num: '1' }, vector: [1, 0] }] });
    const bad = async (call: Promise<unknown>, code: status, hqdbCode: string): Promise<void> => {
      const f = await failure(call);
      expect({ code: f.code, hqdbCode: f.hqdbCode }, f.details).toEqual({ code, hqdbCode });
      expect(f.details.length).toBeGreaterThan(0);
    };
    const { INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS } = status;
    const q = (extra: object) => grpc.points.Query({ collection_name: 'e', query: { nearest: { data: [1, 0] } }, ...extra });

    // wrong dimension, on write and on query; NaN vectors
    await bad(grpc.points.Upsert({ collection_name: 'e', points: [{ id: { num: '2' }, vector: [1, 0, 0] }] }), INVALID_ARGUMENT, 'WRONG_DIMENSION');
    await bad(grpc.points.Query({ collection_name: 'e', query: { nearest: { data: [1] } } }), INVALID_ARGUMENT, 'WRONG_DIMENSION');
    await bad(grpc.points.Upsert({ collection_name: 'e', points: [{ id: { num: '2' }, vector: [NaN, 0] }] }), INVALID_ARGUMENT, 'INVALID_VECTOR');
    await bad(grpc.points.Upsert({ collection_name: 'e', points: [] }), INVALID_ARGUMENT, 'EMPTY_BATCH');

    // unset oneofs and required messages
    await bad(grpc.points.Upsert({ collection_name: 'e', points: [{ vector: [1, 0] }] }), INVALID_ARGUMENT, 'INVALID_POINT_ID');
    await bad(grpc.points.Get({ collection_name: 'e', ids: [{}] }), INVALID_ARGUMENT, 'INVALID_POINT_ID');
    await bad(grpc.points.Query({ collection_name: 'e' }), INVALID_ARGUMENT, 'BAD_REQUEST');
    await bad(grpc.points.Query({ collection_name: 'e', query: {} }), INVALID_ARGUMENT, 'BAD_REQUEST');
    await bad(grpc.points.Delete({ collection_name: 'e' }), INVALID_ARGUMENT, 'BAD_REQUEST');
    await bad(grpc.points.ClearPayload({ collection_name: 'e', selector: {} }), INVALID_ARGUMENT, 'BAD_REQUEST');
    await bad(q({ filter: { must: [{}] } }), INVALID_ARGUMENT, 'INVALID_FILTER');
    await bad(q({ filter: { must: [{ field: { key: 'a' } }] } }), INVALID_ARGUMENT, 'INVALID_FILTER');
    await bad(q({ filter: { should: [{ field: { key: 'a', match: {} } }] } }), INVALID_ARGUMENT, 'INVALID_FILTER');
    await bad(grpc.collections.Create({ collection_name: 'x', vectors: { size: 2 } }), INVALID_ARGUMENT, 'INVALID_CONFIG');
    await bad(grpc.collections.Create({ collection_name: 'x' }), INVALID_ARGUMENT, 'INVALID_CONFIG');
    await bad(grpc.collections.CreatePayloadIndex({ collection_name: 'e', field_name: 'a' }), INVALID_ARGUMENT, 'INVALID_CONFIG');

    // malformed filters the engine rejects, as it does for REST
    await bad(q({ filter: { must: [{ field: { key: '', match: { keyword: 'x' } } }] } }), INVALID_ARGUMENT, 'INVALID_FILTER');
    await bad(q({ filter: { must: [{ field: { key: 'a', range: { gt: NaN } } }] } }), INVALID_ARGUMENT, 'INVALID_FILTER');
    await bad(q({ filter: { must: [{ field: { key: 'a', match: { any_keywords: { values: [] } } } }] } }), INVALID_ARGUMENT, 'INVALID_FILTER');
    await bad(q({ filter: { must: [{ field: { key: 'a', datetime_range: { gt: 'yesterday' } } }] } }), INVALID_ARGUMENT, 'INVALID_FILTER');

    // names and limits
    await bad(grpc.points.Count({ collection_name: 'nope' }), NOT_FOUND, 'COLLECTION_NOT_FOUND');
    await bad(grpc.collections.Create({ collection_name: 'e', vectors: { size: 2, distance: 'DOT' } }), ALREADY_EXISTS, 'COLLECTION_EXISTS');
    await bad(grpc.collections.Create({ collection_name: 'bad/name', vectors: { size: 2, distance: 'DOT' } }), INVALID_ARGUMENT, 'INVALID_COLLECTION_NAME');
    await bad(q({ limit: 1_000_000 }), INVALID_ARGUMENT, 'INVALID_LIMIT');
    // a batch names the query that failed
    const batchFailure = await failure(grpc.points.QueryBatch({ collection_name: 'e', queries: [{ collection_name: 'e', query: { nearest: { data: [1, 0] } } }, { collection_name: 'e', query: { nearest: { data: [1] } } }] }));
    expect({ code: batchFailure.code, hqdbCode: batchFailure.hqdbCode }).toEqual({ code: INVALID_ARGUMENT, hqdbCode: 'WRONG_DIMENSION' });
    expect(batchFailure.details).toMatch(/^queries\[1\]: /);
    await bad(grpc.points.Query({ collection_name: 'e', query: { point: { num: '99' } } }), NOT_FOUND, 'POINT_NOT_FOUND');
    await bad(grpc.points.Get({ collection_name: 'e', ids: [{ uuid: 'not-a-uuid' }] }), INVALID_ARGUMENT, 'INVALID_POINT_ID');

    // still serving
    expect(points(await q({ limit: 1 })).map((p) => p.id?.num)).toEqual(['1']);
  });

  it('oversized messages get RESOURCE_EXHAUSTED; undecodable bytes are refused; the server keeps serving', async () => {
    const server = await startTestServer({ service: { grpc_max_message_mb: 1 } });
    const grpc = connect(server.grpcPort);
    onTestFinished(() => grpc.close());
    await grpc.collections.Create({ collection_name: 'o', vectors: { size: 1024, distance: 'DOT' } });
    const vector = Array.from({ length: 1024 }, (_, i) => i / 1024);
    const big = await failure(grpc.points.Upsert({ collection_name: 'o', points: Array.from({ length: 300 }, (_, i) => ({ id: { num: String(i) }, vector })) }));
    expect(big.code).toBe(status.RESOURCE_EXHAUSTED);

    // Bytes that are not a protobuf message at all.
    const raw = new Client(`127.0.0.1:${server.grpcPort}`, credentials.createInsecure());
    onTestFinished(() => raw.close());
    const garbage = await failure(new Promise((resolve, reject) =>
      raw.makeUnaryRequest('/hqdb.v1.Points/Count', () => Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), (b: Buffer) => b, {}, (e, r) => (e ? reject(e) : resolve(r)))));
    expect(garbage).toMatchObject({ code: status.INVALID_ARGUMENT, hqdbCode: 'BAD_REQUEST' });

    await grpc.points.Upsert({ collection_name: 'o', points: [{ id: { num: '1' }, vector }] });
    expect(await grpc.points.Count({ collection_name: 'o' })).toEqual({ count: '1' });
  });
});
