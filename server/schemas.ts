// Request schemas of the REST API (TypeBox: JSON Schema that is also the type).
// They check shape (422 on violation, as Qdrant does); the engine re-checks
// meaning (dimensions, finiteness, ids) and answers 400. Ids are left to the
// engine because integer ids beyond 2^53 arrive as bigint.

import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Strict = { additionalProperties: false } as const;

const PointId = Type.Unknown({ description: 'unsigned integer or UUID string' });
const Vector = Type.Unknown({ description: 'array of numbers' });
const Filter = Type.Unknown({ description: 'Qdrant filter' });
const WithPayload = Type.Union([Type.Boolean(), Type.Array(Type.String()), Type.Object({ include: Type.Array(Type.String()) }, Strict), Type.Object({ exclude: Type.Array(Type.String()) }, Strict)]);
const WithVector = Type.Union([Type.Boolean(), Type.Array(Type.String())]);
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const NameParams = Type.Object({ name: Type.String() });
export const PointParams = Type.Object({ name: Type.String(), id: Type.String() });
export const FieldParams = Type.Object({ name: Type.String(), field: Type.String() });

export const WriteQuery = Type.Object({
  wait: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('')])),
  ordering: Type.Optional(Type.Union([Type.Literal('weak'), Type.Literal('medium'), Type.Literal('strong')])),
  timeout: Type.Optional(Type.String()),
}, Strict);

export const ReadQuery = Type.Object({
  consistency: Type.Optional(Type.String()),
  timeout: Type.Optional(Type.String()),
}, Strict);

const HnswConfig = Type.Object({
  m: Type.Optional(Type.Integer()),
  ef_construct: Type.Optional(Type.Integer()),
  full_scan_threshold: Type.Optional(Type.Integer()),
  max_indexing_threads: Type.Optional(Type.Integer()),
  on_disk: Type.Optional(Nullable(Type.Boolean())),
  payload_m: Type.Optional(Nullable(Type.Integer())),
}, Strict);

export const CreateCollectionBody = Type.Object({
  vectors: Type.Record(Type.String(), Type.Unknown()),
  hnsw_config: Type.Optional(Nullable(HnswConfig)),
  shard_number: Type.Optional(Nullable(Type.Integer())),
  sharding_method: Type.Optional(Nullable(Type.String())),
  replication_factor: Type.Optional(Nullable(Type.Integer())),
  write_consistency_factor: Type.Optional(Nullable(Type.Integer())),
  on_disk_payload: Type.Optional(Nullable(Type.Boolean())),
  optimizers_config: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
  wal_config: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
  quantization_config: Type.Optional(Type.Unknown()),
  init_from: Type.Optional(Type.Unknown()),
  sparse_vectors: Type.Optional(Type.Unknown()),
  strict_mode_config: Type.Optional(Type.Unknown()),
  metadata: Type.Optional(Type.Unknown()),
}, Strict);

const PointStruct = Type.Object({ id: PointId, vector: Vector, payload: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))) }, Strict);

export const UpsertBody = Type.Object({
  points: Type.Optional(Type.Array(PointStruct)),
  batch: Type.Optional(Type.Object({
    ids: Type.Array(PointId),
    vectors: Type.Array(Vector),
    payloads: Type.Optional(Nullable(Type.Array(Nullable(Type.Record(Type.String(), Type.Unknown()))))),
  }, Strict)),
  shard_key: Type.Optional(Type.Unknown()),
}, Strict);

export const PointsSelectorBody = Type.Object({
  points: Type.Optional(Type.Array(PointId)),
  filter: Type.Optional(Filter),
  shard_key: Type.Optional(Type.Unknown()),
}, Strict);

export const SetPayloadBody = Type.Object({
  payload: Type.Record(Type.String(), Type.Unknown()),
  points: Type.Optional(Type.Array(PointId)),
  filter: Type.Optional(Filter),
  key: Type.Optional(Type.String()),
  shard_key: Type.Optional(Type.Unknown()),
}, Strict);

export const DeletePayloadBody = Type.Object({
  keys: Type.Array(Type.String()),
  points: Type.Optional(Type.Array(PointId)),
  filter: Type.Optional(Filter),
  shard_key: Type.Optional(Type.Unknown()),
}, Strict);

export const RetrieveBody = Type.Object({
  ids: Type.Array(PointId),
  with_payload: Type.Optional(Nullable(WithPayload)),
  with_vector: Type.Optional(Nullable(WithVector)),
  shard_key: Type.Optional(Type.Unknown()),
}, Strict);

export const ScrollBody = Type.Object({
  offset: Type.Optional(Nullable(PointId)),
  limit: Type.Optional(Nullable(Type.Integer())),
  filter: Type.Optional(Filter),
  with_payload: Type.Optional(Nullable(WithPayload)),
  with_vector: Type.Optional(Nullable(WithVector)),
  order_by: Type.Optional(Type.Unknown()),
  shard_key: Type.Optional(Type.Unknown()),
}, Strict);

export const CountBody = Type.Object({
  filter: Type.Optional(Filter),
  exact: Type.Optional(Nullable(Type.Boolean())),
  shard_key: Type.Optional(Type.Unknown()),
}, Strict);

const SearchParams = Type.Object({
  hnsw_ef: Type.Optional(Nullable(Type.Integer())),
  exact: Type.Optional(Nullable(Type.Boolean())),
  quantization: Type.Optional(Type.Unknown()),
  indexed_only: Type.Optional(Nullable(Type.Boolean())),
  acorn: Type.Optional(Type.Unknown()),
}, Strict);

export const QueryBody = Type.Object({
  query: Type.Optional(Type.Unknown()),
  using: Type.Optional(Nullable(Type.String())),
  prefetch: Type.Optional(Type.Unknown()),
  filter: Type.Optional(Filter),
  params: Type.Optional(Nullable(SearchParams)),
  limit: Type.Optional(Nullable(Type.Integer())),
  offset: Type.Optional(Nullable(Type.Integer())),
  with_payload: Type.Optional(Nullable(WithPayload)),
  with_vector: Type.Optional(Nullable(WithVector)),
  score_threshold: Type.Optional(Nullable(Type.Number())),
  lookup_from: Type.Optional(Type.Unknown()),
  shard_key: Type.Optional(Type.Unknown()),
}, Strict);

export const CreateIndexBody = Type.Object({
  field_name: Type.String(),
  field_schema: Type.Unknown({ description: 'keyword | integer | float | bool | datetime | uuid, or {type: ...}' }),
}, Strict);

export const QueryBatchBody = Type.Object({ searches: Type.Array(QueryBody) }, Strict);

export const SearchBody = Type.Object({
  vector: Vector,
  filter: Type.Optional(Filter),
  params: Type.Optional(Nullable(SearchParams)),
  limit: Type.Integer(),
  offset: Type.Optional(Nullable(Type.Integer())),
  with_payload: Type.Optional(Nullable(WithPayload)),
  with_vector: Type.Optional(Nullable(WithVector)),
  score_threshold: Type.Optional(Nullable(Type.Number())),
  shard_key: Type.Optional(Type.Unknown()),
}, Strict);

export const SearchBatchBody = Type.Object({ searches: Type.Array(SearchBody) }, Strict);

// hqdb extension: the layout build request (engine/layout/types.ts LayoutBuildRequest).
const PositiveInt = Type.Integer({ minimum: 1 });

export const LayoutBuildBody = Type.Object({
  source: Type.Optional(Nullable(Type.Union([Type.Literal('log'), Type.Object({ workload: Type.String() }, Strict)]))),
  queries: Type.Optional(Nullable(Type.Array(QueryBody))),
  min_partition_size: Type.Optional(Nullable(PositiveInt)),
  max_partitions: Type.Optional(Nullable(PositiveInt)),
  vector_cuts: Type.Optional(Nullable(Type.Boolean())),
  clusters: Type.Optional(Nullable(PositiveInt)),
  global_index: Type.Optional(Nullable(Type.Boolean())),
  graphs: Type.Optional(Nullable(Type.Boolean())),
}, Strict);

/** `?wait=true` (or a bare `?wait`) answers when the build has ended; the default answers at once. */
export const LayoutBuildQuery = Type.Object({
  wait: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('')])),
}, Strict);

// hqdb extension: workload jobs. The submit body (JSON or NDJSON) is checked
// by the route and the engine, since an NDJSON body arrives as a stream.
export const WorkloadParams = Type.Object({ name: Type.String(), id: Type.String() });

/** Options of a submitted workload in the query string (NDJSON bodies carry only queries); values are checked by the engine. */
export const WorkloadSubmitQuery = Type.Object({
  layout: Type.Optional(Type.String()),
  limit: Type.Optional(Type.String()),
  with_payload: Type.Optional(Type.String()),
}, Strict);

/** `?offset&limit` page the results; `?wait=true` waits for the job to end (JSON) or follows it (NDJSON stream). */
export const WorkloadResultsQuery = Type.Object({
  offset: Type.Optional(Type.String()),
  limit: Type.Optional(Type.String()),
  wait: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('')])),
}, Strict);

export type WorkloadSubmitQueryT = Static<typeof WorkloadSubmitQuery>;
export type WorkloadResultsQueryT = Static<typeof WorkloadResultsQuery>;
export type UpsertBodyT = Static<typeof UpsertBody>;
export type QueryBodyT = Static<typeof QueryBody>;
export type SearchBodyT = Static<typeof SearchBody>;
