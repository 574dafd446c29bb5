// The hqdb.v1.Points service: each handler translates its message into the
// request REST passes to the same engine call (engine/requests.ts), and the
// result back. The engine validates values; convert.ts only checks structure.

import type { Config } from '../../core/config.js';
import type { Logger } from '../../core/logger.js';
import type { Engine } from '../../engine/engine.js';
import type { PointsHandlers } from '../../proto/gen/hqdb/v1/Points.js';
import type { QueryPointsResponse } from '../../proto/gen/hqdb/v1/QueryPointsResponse.js';
import {
  filterIn, idIn, idOut, idsIn, jsonToStruct, queriesIn, queryIn, recordOut, scoredOut, selectorIn, structToJson, withPayloadIn, writeOut,
} from './convert.js';
import { unary } from './unary.js';

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

    Query: unary(log, 'Points/Query', async (r) => ({ points: (await collection(r.collection_name).query(queryIn(r))).map(scoredOut) })),

    QueryBatch: unary(log, 'Points/QueryBatch', async (r, alive) => {
      const c = collection(r.collection_name);
      const queries = r.queries ?? [];
      c.checkBatchSize(queries.length);
      const requests = queriesIn(r.collection_name, queries);
      // The engine checks `alive` before each query, so a cancelled call stops the work.
      const results: QueryPointsResponse[] = (await c.queryBatch(requests, alive, 'queries')).map((points) => ({ points: points.map(scoredOut) }));
      return { results };
    }),

    Explain: unary(log, 'Points/Explain', async (r) => {
      const { points, explain } = await collection(r.collection_name).explain(queryIn(r));
      // Through JSON, as REST sends it: undefined members vanish, numbers stay numbers.
      return { points: points.map(scoredOut), explain: jsonToStruct(JSON.parse(JSON.stringify(explain)) as Record<string, unknown>) };
    }),
  };
}
