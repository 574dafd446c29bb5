// Original file: proto/hqdb/v1/collections.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CollectionExistsRequest as _hqdb_v1_CollectionExistsRequest, CollectionExistsRequest__Output as _hqdb_v1_CollectionExistsRequest__Output } from '../../hqdb/v1/CollectionExistsRequest.js';
import type { CollectionExistsResponse as _hqdb_v1_CollectionExistsResponse, CollectionExistsResponse__Output as _hqdb_v1_CollectionExistsResponse__Output } from '../../hqdb/v1/CollectionExistsResponse.js';
import type { CollectionInfo as _hqdb_v1_CollectionInfo, CollectionInfo__Output as _hqdb_v1_CollectionInfo__Output } from '../../hqdb/v1/CollectionInfo.js';
import type { CreateCollectionRequest as _hqdb_v1_CreateCollectionRequest, CreateCollectionRequest__Output as _hqdb_v1_CreateCollectionRequest__Output } from '../../hqdb/v1/CreateCollectionRequest.js';
import type { CreateCollectionResponse as _hqdb_v1_CreateCollectionResponse, CreateCollectionResponse__Output as _hqdb_v1_CreateCollectionResponse__Output } from '../../hqdb/v1/CreateCollectionResponse.js';
import type { CreatePayloadIndexRequest as _hqdb_v1_CreatePayloadIndexRequest, CreatePayloadIndexRequest__Output as _hqdb_v1_CreatePayloadIndexRequest__Output } from '../../hqdb/v1/CreatePayloadIndexRequest.js';
import type { DeleteCollectionRequest as _hqdb_v1_DeleteCollectionRequest, DeleteCollectionRequest__Output as _hqdb_v1_DeleteCollectionRequest__Output } from '../../hqdb/v1/DeleteCollectionRequest.js';
import type { DeleteCollectionResponse as _hqdb_v1_DeleteCollectionResponse, DeleteCollectionResponse__Output as _hqdb_v1_DeleteCollectionResponse__Output } from '../../hqdb/v1/DeleteCollectionResponse.js';
import type { DeletePayloadIndexRequest as _hqdb_v1_DeletePayloadIndexRequest, DeletePayloadIndexRequest__Output as _hqdb_v1_DeletePayloadIndexRequest__Output } from '../../hqdb/v1/DeletePayloadIndexRequest.js';
import type { GetCollectionRequest as _hqdb_v1_GetCollectionRequest, GetCollectionRequest__Output as _hqdb_v1_GetCollectionRequest__Output } from '../../hqdb/v1/GetCollectionRequest.js';
import type { ListCollectionsRequest as _hqdb_v1_ListCollectionsRequest, ListCollectionsRequest__Output as _hqdb_v1_ListCollectionsRequest__Output } from '../../hqdb/v1/ListCollectionsRequest.js';
import type { ListCollectionsResponse as _hqdb_v1_ListCollectionsResponse, ListCollectionsResponse__Output as _hqdb_v1_ListCollectionsResponse__Output } from '../../hqdb/v1/ListCollectionsResponse.js';
import type { WriteResult as _hqdb_v1_WriteResult, WriteResult__Output as _hqdb_v1_WriteResult__Output } from '../../hqdb/v1/WriteResult.js';

export interface CollectionsClient extends grpc.Client {
  /**
   * Creates a collection. ALREADY_EXISTS when the name is taken.
   */
  Create(argument: _hqdb_v1_CreateCollectionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CreateCollectionResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _hqdb_v1_CreateCollectionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_CreateCollectionResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _hqdb_v1_CreateCollectionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CreateCollectionResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _hqdb_v1_CreateCollectionRequest, callback: grpc.requestCallback<_hqdb_v1_CreateCollectionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates a collection. ALREADY_EXISTS when the name is taken.
   */
  create(argument: _hqdb_v1_CreateCollectionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CreateCollectionResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _hqdb_v1_CreateCollectionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_CreateCollectionResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _hqdb_v1_CreateCollectionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CreateCollectionResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _hqdb_v1_CreateCollectionRequest, callback: grpc.requestCallback<_hqdb_v1_CreateCollectionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Indexes a payload field (so the planner can estimate and evaluate filters on it from memory).
   */
  CreatePayloadIndex(argument: _hqdb_v1_CreatePayloadIndexRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  CreatePayloadIndex(argument: _hqdb_v1_CreatePayloadIndexRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  CreatePayloadIndex(argument: _hqdb_v1_CreatePayloadIndexRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  CreatePayloadIndex(argument: _hqdb_v1_CreatePayloadIndexRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  /**
   * Indexes a payload field (so the planner can estimate and evaluate filters on it from memory).
   */
  createPayloadIndex(argument: _hqdb_v1_CreatePayloadIndexRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  createPayloadIndex(argument: _hqdb_v1_CreatePayloadIndexRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  createPayloadIndex(argument: _hqdb_v1_CreatePayloadIndexRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  createPayloadIndex(argument: _hqdb_v1_CreatePayloadIndexRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Deletes a collection and its data.
   */
  Delete(argument: _hqdb_v1_DeleteCollectionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_DeleteCollectionResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _hqdb_v1_DeleteCollectionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_DeleteCollectionResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _hqdb_v1_DeleteCollectionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_DeleteCollectionResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _hqdb_v1_DeleteCollectionRequest, callback: grpc.requestCallback<_hqdb_v1_DeleteCollectionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes a collection and its data.
   */
  delete(argument: _hqdb_v1_DeleteCollectionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_DeleteCollectionResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _hqdb_v1_DeleteCollectionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_DeleteCollectionResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _hqdb_v1_DeleteCollectionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_DeleteCollectionResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _hqdb_v1_DeleteCollectionRequest, callback: grpc.requestCallback<_hqdb_v1_DeleteCollectionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Drops a payload field's index (filters on the field still work, through SQLite).
   */
  DeletePayloadIndex(argument: _hqdb_v1_DeletePayloadIndexRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  DeletePayloadIndex(argument: _hqdb_v1_DeletePayloadIndexRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  DeletePayloadIndex(argument: _hqdb_v1_DeletePayloadIndexRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  DeletePayloadIndex(argument: _hqdb_v1_DeletePayloadIndexRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  /**
   * Drops a payload field's index (filters on the field still work, through SQLite).
   */
  deletePayloadIndex(argument: _hqdb_v1_DeletePayloadIndexRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  deletePayloadIndex(argument: _hqdb_v1_DeletePayloadIndexRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  deletePayloadIndex(argument: _hqdb_v1_DeletePayloadIndexRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  deletePayloadIndex(argument: _hqdb_v1_DeletePayloadIndexRequest, callback: grpc.requestCallback<_hqdb_v1_WriteResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Whether a collection exists.
   */
  Exists(argument: _hqdb_v1_CollectionExistsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CollectionExistsResponse__Output>): grpc.ClientUnaryCall;
  Exists(argument: _hqdb_v1_CollectionExistsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_CollectionExistsResponse__Output>): grpc.ClientUnaryCall;
  Exists(argument: _hqdb_v1_CollectionExistsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CollectionExistsResponse__Output>): grpc.ClientUnaryCall;
  Exists(argument: _hqdb_v1_CollectionExistsRequest, callback: grpc.requestCallback<_hqdb_v1_CollectionExistsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Whether a collection exists.
   */
  exists(argument: _hqdb_v1_CollectionExistsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CollectionExistsResponse__Output>): grpc.ClientUnaryCall;
  exists(argument: _hqdb_v1_CollectionExistsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_CollectionExistsResponse__Output>): grpc.ClientUnaryCall;
  exists(argument: _hqdb_v1_CollectionExistsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CollectionExistsResponse__Output>): grpc.ClientUnaryCall;
  exists(argument: _hqdb_v1_CollectionExistsRequest, callback: grpc.requestCallback<_hqdb_v1_CollectionExistsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Describes a collection. NOT_FOUND when it does not exist.
   */
  Get(argument: _hqdb_v1_GetCollectionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CollectionInfo__Output>): grpc.ClientUnaryCall;
  Get(argument: _hqdb_v1_GetCollectionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_CollectionInfo__Output>): grpc.ClientUnaryCall;
  Get(argument: _hqdb_v1_GetCollectionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CollectionInfo__Output>): grpc.ClientUnaryCall;
  Get(argument: _hqdb_v1_GetCollectionRequest, callback: grpc.requestCallback<_hqdb_v1_CollectionInfo__Output>): grpc.ClientUnaryCall;
  /**
   * Describes a collection. NOT_FOUND when it does not exist.
   */
  get(argument: _hqdb_v1_GetCollectionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CollectionInfo__Output>): grpc.ClientUnaryCall;
  get(argument: _hqdb_v1_GetCollectionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_CollectionInfo__Output>): grpc.ClientUnaryCall;
  get(argument: _hqdb_v1_GetCollectionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CollectionInfo__Output>): grpc.ClientUnaryCall;
  get(argument: _hqdb_v1_GetCollectionRequest, callback: grpc.requestCallback<_hqdb_v1_CollectionInfo__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists the collection names.
   */
  List(argument: _hqdb_v1_ListCollectionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ListCollectionsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _hqdb_v1_ListCollectionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_ListCollectionsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _hqdb_v1_ListCollectionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ListCollectionsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _hqdb_v1_ListCollectionsRequest, callback: grpc.requestCallback<_hqdb_v1_ListCollectionsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the collection names.
   */
  list(argument: _hqdb_v1_ListCollectionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ListCollectionsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _hqdb_v1_ListCollectionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_ListCollectionsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _hqdb_v1_ListCollectionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ListCollectionsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _hqdb_v1_ListCollectionsRequest, callback: grpc.requestCallback<_hqdb_v1_ListCollectionsResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface CollectionsHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Creates a collection. ALREADY_EXISTS when the name is taken.
   */
  Create: grpc.handleUnaryCall<_hqdb_v1_CreateCollectionRequest__Output, _hqdb_v1_CreateCollectionResponse>;
  
  /**
   * Indexes a payload field (so the planner can estimate and evaluate filters on it from memory).
   */
  CreatePayloadIndex: grpc.handleUnaryCall<_hqdb_v1_CreatePayloadIndexRequest__Output, _hqdb_v1_WriteResult>;
  
  /**
   * Deletes a collection and its data.
   */
  Delete: grpc.handleUnaryCall<_hqdb_v1_DeleteCollectionRequest__Output, _hqdb_v1_DeleteCollectionResponse>;
  
  /**
   * Drops a payload field's index (filters on the field still work, through SQLite).
   */
  DeletePayloadIndex: grpc.handleUnaryCall<_hqdb_v1_DeletePayloadIndexRequest__Output, _hqdb_v1_WriteResult>;
  
  /**
   * Whether a collection exists.
   */
  Exists: grpc.handleUnaryCall<_hqdb_v1_CollectionExistsRequest__Output, _hqdb_v1_CollectionExistsResponse>;
  
  /**
   * Describes a collection. NOT_FOUND when it does not exist.
   */
  Get: grpc.handleUnaryCall<_hqdb_v1_GetCollectionRequest__Output, _hqdb_v1_CollectionInfo>;
  
  /**
   * Lists the collection names.
   */
  List: grpc.handleUnaryCall<_hqdb_v1_ListCollectionsRequest__Output, _hqdb_v1_ListCollectionsResponse>;
  
}

export interface CollectionsDefinition extends grpc.ServiceDefinition {
  Create: MethodDefinition<_hqdb_v1_CreateCollectionRequest, _hqdb_v1_CreateCollectionResponse, _hqdb_v1_CreateCollectionRequest__Output, _hqdb_v1_CreateCollectionResponse__Output>
  CreatePayloadIndex: MethodDefinition<_hqdb_v1_CreatePayloadIndexRequest, _hqdb_v1_WriteResult, _hqdb_v1_CreatePayloadIndexRequest__Output, _hqdb_v1_WriteResult__Output>
  Delete: MethodDefinition<_hqdb_v1_DeleteCollectionRequest, _hqdb_v1_DeleteCollectionResponse, _hqdb_v1_DeleteCollectionRequest__Output, _hqdb_v1_DeleteCollectionResponse__Output>
  DeletePayloadIndex: MethodDefinition<_hqdb_v1_DeletePayloadIndexRequest, _hqdb_v1_WriteResult, _hqdb_v1_DeletePayloadIndexRequest__Output, _hqdb_v1_WriteResult__Output>
  Exists: MethodDefinition<_hqdb_v1_CollectionExistsRequest, _hqdb_v1_CollectionExistsResponse, _hqdb_v1_CollectionExistsRequest__Output, _hqdb_v1_CollectionExistsResponse__Output>
  Get: MethodDefinition<_hqdb_v1_GetCollectionRequest, _hqdb_v1_CollectionInfo, _hqdb_v1_GetCollectionRequest__Output, _hqdb_v1_CollectionInfo__Output>
  List: MethodDefinition<_hqdb_v1_ListCollectionsRequest, _hqdb_v1_ListCollectionsResponse, _hqdb_v1_ListCollectionsRequest__Output, _hqdb_v1_ListCollectionsResponse__Output>
}
