// The hqdb.v1.Points service: each handler translates its message into the
// request REST passes to the same engine call (engine/requests.ts), and the
// result back. The engine validates values; convert.ts only checks structure.

import type { Config } from '../../core/config.js';
import { fail } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Engine } from '../../engine/engine.js';
import type { QueryRequest } from '../../engine/requests.js';
import type { PointsHandlers } from '../../proto/gen/hqdb/v1/Points.js';
import type { QueryPointsRequest__Output } from '../../proto/gen/hqdb/v1/QueryPointsRequest.js';
import type { QueryPointsResponse } from '../../proto/gen/hqdb/v1/QueryPointsResponse.js';
import {
  filterIn, idIn, idOut, idsIn, jsonToStruct, recordOut, scoredOut, selectorIn, structToJson, withPayloadIn, writeOut,
} from './convert.js';
import { unary } from './unary.js';

/** Milliseconds of batch work between yields to the event loop. */
const BATCH_SLICE_MS = 10;

function queryIn(r: QueryPointsRequest__Output, path = 'query'): QueryRequest {
  let query: unknown;
  if (r.query?.kind === 'nearest') query = r.query.nearest?.data ?? [];
  else if (r.query?.kind === 'point') query = idIn(r.query.point, `${path}.point`);
  else fail('BAD_REQUEST', `${path}: set nearest or point`);
  return {
    query,
    filter: filterIn(r.filter),
    params: r.params ? { hnsw_ef: r.params.hnsw_ef, exact: r.params.exact } : undefined,
    limit: r.limit,
    offset: r.offset,
    with_payload: withPayloadIn(r.with_payload),
    with_vector: r.with_vector,
    score_threshold: r.score_threshold,
  };
}

export function pointsService(engine: Engine, config: Config, log: Logger): PointsHandlers {
  const collection = (name: string | undefined) => engine.collection(name ?? '');
  return {
    Upsert: unary(log, 'Points/Upsert', (r) =>
      writeOut(collection(r.collection_name).upsert({
        points: (r.points ?? []).map((p, i) => ({ id: idIn(p.id, `points[${i}].id`), vector: p.vector ?? [], payload: structToJson(p.payload) ?? null })),
      }, r.wait ?? true))),

    Get: unary(log, 'Points/Get', (r) => ({
      points: collection(r.collection_name).retrieve({ ids: idsIn(r.ids, 'ids'), with_payload: withPayloadIn(r.with_payload), with_vector: r.with_vector }).map(recordOut),
    })),

    Delete: unary(log, 'Points/Delete', (r) => writeOut(collection(r.collection_name).deletePoints(selectorIn(r.selector), r.wait ?? true))),

    SetPayload: unary(log, 'Points/SetPayload', (r) =>
      writeOut(collection(r.collection_name).setPayload({ ...selectorIn(r.selector), payload: structToJson(r.payload) ?? {}, key: r.key }, false, r.wait ?? true))),

    OverwritePayload: unary(log, 'Points/OverwritePayload', (r) =>
      writeOut(collection(r.collection_name).setPayload({ ...selectorIn(r.selector), payload: structToJson(r.payload) ?? {}, key: r.key }, true, r.wait ?? true))),

    DeletePayload: unary(log, 'Points/DeletePayload', (r) =>
      writeOut(collection(r.collection_name).deletePayload({ ...selectorIn(r.selector), keys: r.keys ?? [] }, r.wait ?? true))),

    ClearPayload: unary(log, 'Points/ClearPayload', (r) => writeOut(collection(r.collection_name).clearPayload(selectorIn(r.selector), r.wait ?? true))),

    Scroll: unary(log, 'Points/Scroll', (r) => {
      const page = collection(r.collection_name).scroll({
        filter: filterIn(r.filter),
        offset: r.offset ? idIn(r.offset, 'offset') : undefined,
        limit: r.limit,
        with_payload: withPayloadIn(r.with_payload),
        with_vector: r.with_vector,
      });
      return { points: page.points.map(recordOut), ...(page.next_page_offset === null ? {} : { next_page_offset: idOut(page.next_page_offset) }) };
    }),

    Count: unary(log, 'Points/Count', (r) => ({ count: String(collection(r.collection_name).count({ filter: filterIn(r.filter), exact: r.exact })) })),

    Query: unary(log, 'Points/Query', (r) => ({ points: collection(r.collection_name).query(queryIn(r)).map(scoredOut) })),

    QueryBatch: unary(log, 'Points/QueryBatch', async (r, alive) => {
      const c = collection(r.collection_name);
      const queries = r.queries ?? [];
      c.checkBatchSize(queries.length);
      const requests = queries.map((q, i) => {
        if (q.collection_name && q.collection_name !== r.collection_name) fail('BAD_REQUEST', `queries[${i}].collection_name: must be empty or "${r.collection_name}"`);
        return queryIn(q, `queries[${i}].query`);
      });
      const results: QueryPointsResponse[] = [];
      let sliceStart = performance.now();
      for (const request of requests) {
        // Yield between slices so health checks and other calls are answered during a long
        // batch, and so a cancellation (an event-loop event) can be seen and stop the work.
        if (performance.now() - sliceStart > BATCH_SLICE_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
        alive();
        results.push({ points: c.query(request).map(scoredOut) });
      }
      return { results };
    }),

    Explain: unary(log, 'Points/Explain', (r) => {
      const { points, explain } = collection(r.collection_name).explain(queryIn(r));
      // Through JSON, as REST sends it: undefined members vanish, numbers stay numbers.
      return { points: points.map(scoredOut), explain: jsonToStruct(JSON.parse(JSON.stringify(explain)) as Record<string, unknown>) };
    }),
  };
}
