// Original file: proto/hqdb/v1/layout.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { BuildLayoutRequest as _hqdb_v1_BuildLayoutRequest, BuildLayoutRequest__Output as _hqdb_v1_BuildLayoutRequest__Output } from '../../hqdb/v1/BuildLayoutRequest.js';
import type { BuildLayoutResponse as _hqdb_v1_BuildLayoutResponse, BuildLayoutResponse__Output as _hqdb_v1_BuildLayoutResponse__Output } from '../../hqdb/v1/BuildLayoutResponse.js';
import type { BuildProgress as _hqdb_v1_BuildProgress, BuildProgress__Output as _hqdb_v1_BuildProgress__Output } from '../../hqdb/v1/BuildProgress.js';
import type { GetLayoutRequest as _hqdb_v1_GetLayoutRequest, GetLayoutRequest__Output as _hqdb_v1_GetLayoutRequest__Output } from '../../hqdb/v1/GetLayoutRequest.js';
import type { LayoutInfo as _hqdb_v1_LayoutInfo, LayoutInfo__Output as _hqdb_v1_LayoutInfo__Output } from '../../hqdb/v1/LayoutInfo.js';
import type { WatchBuildRequest as _hqdb_v1_WatchBuildRequest, WatchBuildRequest__Output as _hqdb_v1_WatchBuildRequest__Output } from '../../hqdb/v1/WatchBuildRequest.js';

export interface LayoutClient extends grpc.Client {
  /**
   * Starts a layout build in the background and returns its id at once.
   */
  Build(argument: _hqdb_v1_BuildLayoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_BuildLayoutResponse__Output>): grpc.ClientUnaryCall;
  Build(argument: _hqdb_v1_BuildLayoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_BuildLayoutResponse__Output>): grpc.ClientUnaryCall;
  Build(argument: _hqdb_v1_BuildLayoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_BuildLayoutResponse__Output>): grpc.ClientUnaryCall;
  Build(argument: _hqdb_v1_BuildLayoutRequest, callback: grpc.requestCallback<_hqdb_v1_BuildLayoutResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Starts a layout build in the background and returns its id at once.
   */
  build(argument: _hqdb_v1_BuildLayoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_BuildLayoutResponse__Output>): grpc.ClientUnaryCall;
  build(argument: _hqdb_v1_BuildLayoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_BuildLayoutResponse__Output>): grpc.ClientUnaryCall;
  build(argument: _hqdb_v1_BuildLayoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_BuildLayoutResponse__Output>): grpc.ClientUnaryCall;
  build(argument: _hqdb_v1_BuildLayoutRequest, callback: grpc.requestCallback<_hqdb_v1_BuildLayoutResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The layout serving queries now, and the current or last build.
   */
  Get(argument: _hqdb_v1_GetLayoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_LayoutInfo__Output>): grpc.ClientUnaryCall;
  Get(argument: _hqdb_v1_GetLayoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_LayoutInfo__Output>): grpc.ClientUnaryCall;
  Get(argument: _hqdb_v1_GetLayoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_LayoutInfo__Output>): grpc.ClientUnaryCall;
  Get(argument: _hqdb_v1_GetLayoutRequest, callback: grpc.requestCallback<_hqdb_v1_LayoutInfo__Output>): grpc.ClientUnaryCall;
  /**
   * The layout serving queries now, and the current or last build.
   */
  get(argument: _hqdb_v1_GetLayoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_LayoutInfo__Output>): grpc.ClientUnaryCall;
  get(argument: _hqdb_v1_GetLayoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_LayoutInfo__Output>): grpc.ClientUnaryCall;
  get(argument: _hqdb_v1_GetLayoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_LayoutInfo__Output>): grpc.ClientUnaryCall;
  get(argument: _hqdb_v1_GetLayoutRequest, callback: grpc.requestCallback<_hqdb_v1_LayoutInfo__Output>): grpc.ClientUnaryCall;
  
  /**
   * Progress of the running build about every 250 ms, then one final message
   * when it ends. With no build running, only the final message is sent.
   */
  WatchBuild(argument: _hqdb_v1_WatchBuildRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_hqdb_v1_BuildProgress__Output>;
  WatchBuild(argument: _hqdb_v1_WatchBuildRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_hqdb_v1_BuildProgress__Output>;
  /**
   * Progress of the running build about every 250 ms, then one final message
   * when it ends. With no build running, only the final message is sent.
   */
  watchBuild(argument: _hqdb_v1_WatchBuildRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_hqdb_v1_BuildProgress__Output>;
  watchBuild(argument: _hqdb_v1_WatchBuildRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_hqdb_v1_BuildProgress__Output>;
  
}

export interface LayoutHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Starts a layout build in the background and returns its id at once.
   */
  Build: grpc.handleUnaryCall<_hqdb_v1_BuildLayoutRequest__Output, _hqdb_v1_BuildLayoutResponse>;
  
  /**
   * The layout serving queries now, and the current or last build.
   */
  Get: grpc.handleUnaryCall<_hqdb_v1_GetLayoutRequest__Output, _hqdb_v1_LayoutInfo>;
  
  /**
   * Progress of the running build about every 250 ms, then one final message
   * when it ends. With no build running, only the final message is sent.
   */
  WatchBuild: grpc.handleServerStreamingCall<_hqdb_v1_WatchBuildRequest__Output, _hqdb_v1_BuildProgress>;
  
}

export interface LayoutDefinition extends grpc.ServiceDefinition {
  Build: MethodDefinition<_hqdb_v1_BuildLayoutRequest, _hqdb_v1_BuildLayoutResponse, _hqdb_v1_BuildLayoutRequest__Output, _hqdb_v1_BuildLayoutResponse__Output>
  Get: MethodDefinition<_hqdb_v1_GetLayoutRequest, _hqdb_v1_LayoutInfo, _hqdb_v1_GetLayoutRequest__Output, _hqdb_v1_LayoutInfo__Output>
  WatchBuild: MethodDefinition<_hqdb_v1_WatchBuildRequest, _hqdb_v1_BuildProgress, _hqdb_v1_WatchBuildRequest__Output, _hqdb_v1_BuildProgress__Output>
}
