// Original file: proto/hqdb/v1/points.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ClearPayloadRequest as _hqdb_v1_ClearPayloadRequest, ClearPayloadRequest__Output as _hqdb_v1_ClearPayloadRequest__Output } from '../../hqdb/v1/ClearPayloadRequest.js';
import type { CountPointsRequest as _hqdb_v1_CountPointsRequest, CountPointsRequest__Output as _hqdb_v1_CountPointsRequest__Output } from '../../hqdb/v1/CountPointsRequest.js';
import type { CountPointsResponse as _hqdb_v1_CountPointsResponse, CountPointsResponse__Output as _hqdb_v1_CountPointsResponse__Output } from '../../hqdb/v1/CountPointsResponse.js';
import type { DeletePayloadRequest as _hqdb_v1_DeletePayloadRequest, DeletePayloadRequest__Output as _hqdb_v1_DeletePayloadRequest__Output } from '../../hqdb/v1/DeletePayloadRequest.js';
import type { DeletePointsRequest as _hqdb_v1_DeletePointsRequest, DeletePointsRequest__Output as _hqdb_v1_DeletePointsRequest__Output } from '../../hqdb/v1/DeletePointsRequest.js';
import type { ExplainResponse as _hqdb_v1_ExplainResponse, ExplainResponse__Output as _hqdb_v1_ExplainResponse__Output } from '../../hqdb/v1/ExplainResponse.js';
import type { GetPointsRequest as _hqdb_v1_GetPointsRequest, GetPointsRequest__Output as _hqdb_v1_GetPointsRequest__Output } from '../../hqdb/v1/GetPointsRequest.js';
import type { GetPointsResponse as _hqdb_v1_GetPointsResponse, GetPointsResponse__Output as _hqdb_v1_GetPointsResponse__Output } from '../../hqdb/v1/GetPointsResponse.js';
import type { QueryBatchRequest as _hqdb_v1_QueryBatchRequest, QueryBatchRequest__Output as _hqdb_v1_QueryBatchRequest__Output } from '../../hqdb/v1/QueryBatchRequest.js';
import type { QueryBatchResponse as _hqdb_v1_QueryBatchResponse, QueryBatchResponse__Output as _hqdb_v1_QueryBatchResponse__Output } from '../../hqdb/v1/QueryBatchResponse.js';
import type { QueryPointsRequest as _hqdb_v1_QueryPointsRequest, QueryPointsRequest__Output as _hqdb_v1_QueryPointsRequest__Output } from '../../hqdb/v1/QueryPointsRequest.js';
import type { QueryPointsResponse as _hqdb_v1_QueryPointsResponse, QueryPointsResponse__Output as _hqdb_v1_QueryPointsResponse__Output } from '../../hqdb/v1/QueryPointsResponse.js';
import type { ScrollPointsRequest as _hqdb_v1_ScrollPointsRequest, ScrollPointsRequest__Output as _hqdb_v1_ScrollPointsRequest__Output } from '../../hqdb/v1/ScrollPointsRequest.js';
import type { ScrollPointsResponse as _hqdb_v1_ScrollPointsResponse, ScrollPointsResponse__Output as _hqdb_v1_ScrollPointsResponse__Output } from '../../hqdb/v1/ScrollPointsResponse.js';
import type { SetPayloadRequest as _hqdb_v1_SetPayloadRequest, SetPayloadRequest__Output as _hqdb_v1_SetPayloadRequest__Output } from '../../hqdb/v1/SetPayloadRequest.js';
import type { UpsertPointsRequest as _hqdb_v1_UpsertPointsRequest, UpsertPointsRequest__Output as _hqdb_v1_UpsertPointsRequest__Output } from '../../hqdb/v1/UpsertPointsRequest.js';
import type { WriteResult as _hqdb_v1_WriteResult, WriteResult__Output as _hqdb_v1_WriteResult__Output } from '../../hqdb/v1/WriteResult.js';

export interface PointsClient extends grpc.Client {
  /**
   * Removes the whole payload of the selected points.
   */
  ClearPayload(argument: _hqdb_v1_ClearPayloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  ClearPayload(argument: _hqdb_v1_ClearPayloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  ClearPayload(argument: _hqdb_v1_ClearPayloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  ClearPayload(argument: _hqdb_v1_ClearPayloadRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  /**
   * Removes the whole payload of the selected points.
   */
  clearPayload(argument: _hqdb_v1_ClearPayloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  clearPayload(argument: _hqdb_v1_ClearPayloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  clearPayload(argument: _hqdb_v1_ClearPayloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  clearPayload(argument: _hqdb_v1_ClearPayloadRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Counts the points a filter matches.
   */
  Count(argument: _hqdb_v1_CountPointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CountPointsResponse__Output>): grpc.ClientUnaryCall;
  Count(argument: _hqdb_v1_CountPointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_CountPointsResponse__Output>): grpc.ClientUnaryCall;
  Count(argument: _hqdb_v1_CountPointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CountPointsResponse__Output>): grpc.ClientUnaryCall;
  Count(argument: _hqdb_v1_CountPointsRequest, callback: grpc.requestCallback<_hqdb_v1_CountPointsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Counts the points a filter matches.
   */
  count(argument: _hqdb_v1_CountPointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CountPointsResponse__Output>): grpc.ClientUnaryCall;
  count(argument: _hqdb_v1_CountPointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_CountPointsResponse__Output>): grpc.ClientUnaryCall;
  count(argument: _hqdb_v1_CountPointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CountPointsResponse__Output>): grpc.ClientUnaryCall;
  count(argument: _hqdb_v1_CountPointsRequest, callback: grpc.requestCallback<_hqdb_v1_CountPointsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Deletes points by ids or by filter.
   */
  Delete(argument: _hqdb_v1_DeletePointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  Delete(argument: _hqdb_v1_DeletePointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  Delete(argument: _hqdb_v1_DeletePointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  Delete(argument: _hqdb_v1_DeletePointsRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes points by ids or by filter.
   */
  delete(argument: _hqdb_v1_DeletePointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  delete(argument: _hqdb_v1_DeletePointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  delete(argument: _hqdb_v1_DeletePointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  delete(argument: _hqdb_v1_DeletePointsRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes keys from the payload of the selected points.
   */
  DeletePayload(argument: _hqdb_v1_DeletePayloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  DeletePayload(argument: _hqdb_v1_DeletePayloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  DeletePayload(argument: _hqdb_v1_DeletePayloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  DeletePayload(argument: _hqdb_v1_DeletePayloadRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  /**
   * Removes keys from the payload of the selected points.
   */
  deletePayload(argument: _hqdb_v1_DeletePayloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  deletePayload(argument: _hqdb_v1_DeletePayloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  deletePayload(argument: _hqdb_v1_DeletePayloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  deletePayload(argument: _hqdb_v1_DeletePayloadRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Runs a query and reports how it was answered (hqdb extension).
   */
  Explain(argument: _hqdb_v1_QueryPointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  Explain(argument: _hqdb_v1_QueryPointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  Explain(argument: _hqdb_v1_QueryPointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  Explain(argument: _hqdb_v1_QueryPointsRequest, callback: grpc.requestCallback<_hqdb_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Runs a query and reports how it was answered (hqdb extension).
   */
  explain(argument: _hqdb_v1_QueryPointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  explain(argument: _hqdb_v1_QueryPointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  explain(argument: _hqdb_v1_QueryPointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  explain(argument: _hqdb_v1_QueryPointsRequest, callback: grpc.requestCallback<_hqdb_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Reads points by id (unknown ids are skipped).
   */
  Get(argument: _hqdb_v1_GetPointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_GetPointsResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _hqdb_v1_GetPointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_GetPointsResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _hqdb_v1_GetPointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_GetPointsResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _hqdb_v1_GetPointsRequest, callback: grpc.requestCallback<_hqdb_v1_GetPointsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Reads points by id (unknown ids are skipped).
   */
  get(argument: _hqdb_v1_GetPointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_GetPointsResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _hqdb_v1_GetPointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_GetPointsResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _hqdb_v1_GetPointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_GetPointsResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _hqdb_v1_GetPointsRequest, callback: grpc.requestCallback<_hqdb_v1_GetPointsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Replaces the payload of the selected points.
   */
  OverwritePayload(argument: _hqdb_v1_SetPayloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  OverwritePayload(argument: _hqdb_v1_SetPayloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  OverwritePayload(argument: _hqdb_v1_SetPayloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  OverwritePayload(argument: _hqdb_v1_SetPayloadRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  /**
   * Replaces the payload of the selected points.
   */
  overwritePayload(argument: _hqdb_v1_SetPayloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  overwritePayload(argument: _hqdb_v1_SetPayloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  overwritePayload(argument: _hqdb_v1_SetPayloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  overwritePayload(argument: _hqdb_v1_SetPayloadRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Nearest neighbours of a vector or of a point, optionally filtered.
   */
  Query(argument: _hqdb_v1_QueryPointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_QueryPointsResponse__Output>): grpc.ClientUnaryCall;
  Query(argument: _hqdb_v1_QueryPointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_QueryPointsResponse__Output>): grpc.ClientUnaryCall;
  Query(argument: _hqdb_v1_QueryPointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_QueryPointsResponse__Output>): grpc.ClientUnaryCall;
  Query(argument: _hqdb_v1_QueryPointsRequest, callback: grpc.requestCallback<_hqdb_v1_QueryPointsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Nearest neighbours of a vector or of a point, optionally filtered.
   */
  query(argument: _hqdb_v1_QueryPointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_QueryPointsResponse__Output>): grpc.ClientUnaryCall;
  query(argument: _hqdb_v1_QueryPointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_QueryPointsResponse__Output>): grpc.ClientUnaryCall;
  query(argument: _hqdb_v1_QueryPointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_QueryPointsResponse__Output>): grpc.ClientUnaryCall;
  query(argument: _hqdb_v1_QueryPointsRequest, callback: grpc.requestCallback<_hqdb_v1_QueryPointsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Many queries against one collection in one call.
   */
  QueryBatch(argument: _hqdb_v1_QueryBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  QueryBatch(argument: _hqdb_v1_QueryBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  QueryBatch(argument: _hqdb_v1_QueryBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  QueryBatch(argument: _hqdb_v1_QueryBatchRequest, callback: grpc.requestCallback<_hqdb_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Many queries against one collection in one call.
   */
  queryBatch(argument: _hqdb_v1_QueryBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  queryBatch(argument: _hqdb_v1_QueryBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  queryBatch(argument: _hqdb_v1_QueryBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  queryBatch(argument: _hqdb_v1_QueryBatchRequest, callback: grpc.requestCallback<_hqdb_v1_QueryBatchResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Pages through points in id order.
   */
  Scroll(argument: _hqdb_v1_ScrollPointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ScrollPointsResponse__Output>): grpc.ClientUnaryCall;
  Scroll(argument: _hqdb_v1_ScrollPointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_ScrollPointsResponse__Output>): grpc.ClientUnaryCall;
  Scroll(argument: _hqdb_v1_ScrollPointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ScrollPointsResponse__Output>): grpc.ClientUnaryCall;
  Scroll(argument: _hqdb_v1_ScrollPointsRequest, callback: grpc.requestCallback<_hqdb_v1_ScrollPointsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Pages through points in id order.
   */
  scroll(argument: _hqdb_v1_ScrollPointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ScrollPointsResponse__Output>): grpc.ClientUnaryCall;
  scroll(argument: _hqdb_v1_ScrollPointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_ScrollPointsResponse__Output>): grpc.ClientUnaryCall;
  scroll(argument: _hqdb_v1_ScrollPointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ScrollPointsResponse__Output>): grpc.ClientUnaryCall;
  scroll(argument: _hqdb_v1_ScrollPointsRequest, callback: grpc.requestCallback<_hqdb_v1_ScrollPointsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Merges keys into the payload of the selected points.
   */
  SetPayload(argument: _hqdb_v1_SetPayloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  SetPayload(argument: _hqdb_v1_SetPayloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  SetPayload(argument: _hqdb_v1_SetPayloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  SetPayload(argument: _hqdb_v1_SetPayloadRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  /**
   * Merges keys into the payload of the selected points.
   */
  setPayload(argument: _hqdb_v1_SetPayloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  setPayload(argument: _hqdb_v1_SetPayloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  setPayload(argument: _hqdb_v1_SetPayloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  setPayload(argument: _hqdb_v1_SetPayloadRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Inserts or replaces points.
   */
  Upsert(argument: _hqdb_v1_UpsertPointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  Upsert(argument: _hqdb_v1_UpsertPointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  Upsert(argument: _hqdb_v1_UpsertPointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  Upsert(argument: _hqdb_v1_UpsertPointsRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  /**
   * Inserts or replaces points.
   */
  upsert(argument: _hqdb_v1_UpsertPointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  upsert(argument: _hqdb_v1_UpsertPointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  upsert(argument: _hqdb_v1_UpsertPointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  upsert(argument: _hqdb_v1_UpsertPointsRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  
}

export interface PointsHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Removes the whole payload of the selected points.
   */
  ClearPayload: grpc.handleUnaryCall<_hqdb_v1_ClearPayloadRequest__Output, _hqdb_v1_WriteResult>;
  
  /**
   * Counts the points a filter matches.
   */
  Count: grpc.handleUnaryCall<_hqdb_v1_CountPointsRequest__Output, _hqdb_v1_CountPointsResponse>;
  
  /**
   * Deletes points by ids or by filter.
   */
  Delete: grpc.handleUnaryCall<_hqdb_v1_DeletePointsRequest__Output, _hqdb_v1_WriteResult>;
  
  /**
   * Removes keys from the payload of the selected points.
   */
  DeletePayload: grpc.handleUnaryCall<_hqdb_v1_DeletePayloadRequest__Output, _hqdb_v1_WriteResult>;
  
  /**
   * Runs a query and reports how it was answered (hqdb extension).
   */
  Explain: grpc.handleUnaryCall<_hqdb_v1_QueryPointsRequest__Output, _hqdb_v1_ExplainResponse>;
  
  /**
   * Reads points by id (unknown ids are skipped).
   */
  Get: grpc.handleUnaryCall<_hqdb_v1_GetPointsRequest__Output, _hqdb_v1_GetPointsResponse>;
  
  /**
   * Replaces the payload of the selected points.
   */
  OverwritePayload: grpc.handleUnaryCall<_hqdb_v1_SetPayloadRequest__Output, _hqdb_v1_WriteResult>;
  
  /**
   * Nearest neighbours of a vector or of a point, optionally filtered.
   */
  Query: grpc.handleUnaryCall<_hqdb_v1_QueryPointsRequest__Output, _hqdb_v1_QueryPointsResponse>;
  
  /**
   * Many queries against one collection in one call.
   */
  QueryBatch: grpc.handleUnaryCall<_hqdb_v1_QueryBatchRequest__Output, _hqdb_v1_QueryBatchResponse>;
  
  /**
   * Pages through points in id order.
   */
  Scroll: grpc.handleUnaryCall<_hqdb_v1_ScrollPointsRequest__Output, _hqdb_v1_ScrollPointsResponse>;
  
  /**
   * Merges keys into the payload of the selected points.
   */
  SetPayload: grpc.handleUnaryCall<_hqdb_v1_SetPayloadRequest__Output, _hqdb_v1_WriteResult>;
  
  /**
   * Inserts or replaces points.
   */
  Upsert: grpc.handleUnaryCall<_hqdb_v1_UpsertPointsRequest__Output, _hqdb_v1_WriteResult>;
  
}

export interface PointsDefinition extends grpc.ServiceDefinition {
  ClearPayload: MethodDefinition<_hqdb_v1_ClearPayloadRequest, _hqdb_v1_WriteResult, _hqdb_v1_ClearPayloadRequest__Output, _hqdb_v1_WriteResult__Output>
  Count: MethodDefinition<_hqdb_v1_CountPointsRequest, _hqdb_v1_CountPointsResponse, _hqdb_v1_CountPointsRequest__Output, _hqdb_v1_CountPointsResponse__Output>
  Delete: MethodDefinition<_hqdb_v1_DeletePointsRequest, _hqdb_v1_WriteResult, _hqdb_v1_DeletePointsRequest__Output, _hqdb_v1_WriteResult__Output>
  DeletePayload: MethodDefinition<_hqdb_v1_DeletePayloadRequest, _hqdb_v1_WriteResult, _hqdb_v1_DeletePayloadRequest__Output, _hqdb_v1_WriteResult__Output>
  Explain: MethodDefinition<_hqdb_v1_QueryPointsRequest, _hqdb_v1_ExplainResponse, _hqdb_v1_QueryPointsRequest__Output, _hqdb_v1_ExplainResponse__Output>
  Get: MethodDefinition<_hqdb_v1_GetPointsRequest, _hqdb_v1_GetPointsResponse, _hqdb_v1_GetPointsRequest__Output, _hqdb_v1_GetPointsResponse__Output>
  OverwritePayload: MethodDefinition<_hqdb_v1_SetPayloadRequest, _hqdb_v1_WriteResult, _hqdb_v1_SetPayloadRequest__Output, _hqdb_v1_WriteResult__Output>
  Query: MethodDefinition<_hqdb_v1_QueryPointsRequest, _hqdb_v1_QueryPointsResponse, _hqdb_v1_QueryPointsRequest__Output, _hqdb_v1_QueryPointsResponse__Output>
  QueryBatch: MethodDefinition<_hqdb_v1_QueryBatchRequest, _hqdb_v1_QueryBatchResponse, _hqdb_v1_QueryBatchRequest__Output, _hqdb_v1_QueryBatchResponse__Output>
  Scroll: MethodDefinition<_hqdb_v1_ScrollPointsRequest, _hqdb_v1_ScrollPointsResponse, _hqdb_v1_ScrollPointsRequest__Output, _hqdb_v1_ScrollPointsResponse__Output>
  SetPayload: MethodDefinition<_hqdb_v1_SetPayloadRequest, _hqdb_v1_WriteResult, _hqdb_v1_SetPayloadRequest__Output, _hqdb_v1_WriteResult__Output>
  Upsert: MethodDefinition<_hqdb_v1_UpsertPointsRequest, _hqdb_v1_WriteResult, _hqdb_v1_UpsertPointsRequest__Output, _hqdb_v1_WriteResult__Output>
}
