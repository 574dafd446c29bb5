// Original file: proto/hqdb/v1/workloads.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CancelWorkloadRequest as _hqdb_v1_CancelWorkloadRequest, CancelWorkloadRequest__Output as _hqdb_v1_CancelWorkloadRequest__Output } from '../../hqdb/v1/CancelWorkloadRequest.js';
import type { CancelWorkloadResponse as _hqdb_v1_CancelWorkloadResponse, CancelWorkloadResponse__Output as _hqdb_v1_CancelWorkloadResponse__Output } from '../../hqdb/v1/CancelWorkloadResponse.js';
import type { GetWorkloadRequest as _hqdb_v1_GetWorkloadRequest, GetWorkloadRequest__Output as _hqdb_v1_GetWorkloadRequest__Output } from '../../hqdb/v1/GetWorkloadRequest.js';
import type { ListWorkloadsRequest as _hqdb_v1_ListWorkloadsRequest, ListWorkloadsRequest__Output as _hqdb_v1_ListWorkloadsRequest__Output } from '../../hqdb/v1/ListWorkloadsRequest.js';
import type { ListWorkloadsResponse as _hqdb_v1_ListWorkloadsResponse, ListWorkloadsResponse__Output as _hqdb_v1_ListWorkloadsResponse__Output } from '../../hqdb/v1/ListWorkloadsResponse.js';
import type { SubmitWorkloadRequest as _hqdb_v1_SubmitWorkloadRequest, SubmitWorkloadRequest__Output as _hqdb_v1_SubmitWorkloadRequest__Output } from '../../hqdb/v1/SubmitWorkloadRequest.js';
import type { SubmitWorkloadResponse as _hqdb_v1_SubmitWorkloadResponse, SubmitWorkloadResponse__Output as _hqdb_v1_SubmitWorkloadResponse__Output } from '../../hqdb/v1/SubmitWorkloadResponse.js';
import type { WatchWorkloadRequest as _hqdb_v1_WatchWorkloadRequest, WatchWorkloadRequest__Output as _hqdb_v1_WatchWorkloadRequest__Output } from '../../hqdb/v1/WatchWorkloadRequest.js';
import type { WorkloadInfo as _hqdb_v1_WorkloadInfo, WorkloadInfo__Output as _hqdb_v1_WorkloadInfo__Output } from '../../hqdb/v1/WorkloadInfo.js';
import type { WorkloadProgress as _hqdb_v1_WorkloadProgress, WorkloadProgress__Output as _hqdb_v1_WorkloadProgress__Output } from '../../hqdb/v1/WorkloadProgress.js';
import type { WorkloadResult as _hqdb_v1_WorkloadResult, WorkloadResult__Output as _hqdb_v1_WorkloadResult__Output } from '../../hqdb/v1/WorkloadResult.js';
import type { WorkloadResultsRequest as _hqdb_v1_WorkloadResultsRequest, WorkloadResultsRequest__Output as _hqdb_v1_WorkloadResultsRequest__Output } from '../../hqdb/v1/WorkloadResultsRequest.js';

export interface WorkloadsClient extends grpc.Client {
  /**
   * Cancels a queued or running job (its queries and results are removed and
   * it stays listed as cancelled); removes a job that has ended.
   */
  Cancel(argument: _hqdb_v1_CancelWorkloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CancelWorkloadResponse__Output>): grpc.ClientUnaryCall;
  Cancel(argument: _hqdb_v1_CancelWorkloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_CancelWorkloadResponse__Output>): grpc.ClientUnaryCall;
  Cancel(argument: _hqdb_v1_CancelWorkloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CancelWorkloadResponse__Output>): grpc.ClientUnaryCall;
  Cancel(argument: _hqdb_v1_CancelWorkloadRequest, callback: grpc.requestCallback<_hqdb_v1_CancelWorkloadResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Cancels a queued or running job (its queries and results are removed and
   * it stays listed as cancelled); removes a job that has ended.
   */
  cancel(argument: _hqdb_v1_CancelWorkloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CancelWorkloadResponse__Output>): grpc.ClientUnaryCall;
  cancel(argument: _hqdb_v1_CancelWorkloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_CancelWorkloadResponse__Output>): grpc.ClientUnaryCall;
  cancel(argument: _hqdb_v1_CancelWorkloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_CancelWorkloadResponse__Output>): grpc.ClientUnaryCall;
  cancel(argument: _hqdb_v1_CancelWorkloadRequest, callback: grpc.requestCallback<_hqdb_v1_CancelWorkloadResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * One job.
   */
  Get(argument: _hqdb_v1_GetWorkloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WorkloadInfo__Output>): grpc.ClientUnaryCall;
  Get(argument: _hqdb_v1_GetWorkloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WorkloadInfo__Output>): grpc.ClientUnaryCall;
  Get(argument: _hqdb_v1_GetWorkloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WorkloadInfo__Output>): grpc.ClientUnaryCall;
  Get(argument: _hqdb_v1_GetWorkloadRequest, callback: grpc.requestCallback<_hqdb_v1_WorkloadInfo__Output>): grpc.ClientUnaryCall;
  /**
   * One job.
   */
  get(argument: _hqdb_v1_GetWorkloadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WorkloadInfo__Output>): grpc.ClientUnaryCall;
  get(argument: _hqdb_v1_GetWorkloadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_WorkloadInfo__Output>): grpc.ClientUnaryCall;
  get(argument: _hqdb_v1_GetWorkloadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_WorkloadInfo__Output>): grpc.ClientUnaryCall;
  get(argument: _hqdb_v1_GetWorkloadRequest, callback: grpc.requestCallback<_hqdb_v1_WorkloadInfo__Output>): grpc.ClientUnaryCall;
  
  /**
   * The collection's jobs, oldest first.
   */
  List(argument: _hqdb_v1_ListWorkloadsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ListWorkloadsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _hqdb_v1_ListWorkloadsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_ListWorkloadsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _hqdb_v1_ListWorkloadsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ListWorkloadsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _hqdb_v1_ListWorkloadsRequest, callback: grpc.requestCallback<_hqdb_v1_ListWorkloadsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The collection's jobs, oldest first.
   */
  list(argument: _hqdb_v1_ListWorkloadsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ListWorkloadsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _hqdb_v1_ListWorkloadsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_ListWorkloadsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _hqdb_v1_ListWorkloadsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_ListWorkloadsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _hqdb_v1_ListWorkloadsRequest, callback: grpc.requestCallback<_hqdb_v1_ListWorkloadsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The result lines from `offset` on, one message per line in input order,
   * as fast as the client reads them. Ends at the lines answered so far, or
   * with `follow` when the job ends.
   */
  Results(argument: _hqdb_v1_WorkloadResultsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_hqdb_v1_WorkloadResult__Output>;
  Results(argument: _hqdb_v1_WorkloadResultsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_hqdb_v1_WorkloadResult__Output>;
  /**
   * The result lines from `offset` on, one message per line in input order,
   * as fast as the client reads them. Ends at the lines answered so far, or
   * with `follow` when the job ends.
   */
  results(argument: _hqdb_v1_WorkloadResultsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_hqdb_v1_WorkloadResult__Output>;
  results(argument: _hqdb_v1_WorkloadResultsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_hqdb_v1_WorkloadResult__Output>;
  
  /**
   * Receives a workload as a stream of messages and queues it: the first
   * message names the collection and carries the options; every message may
   * carry queries. Queries are stored as they arrive (the stream is read only
   * as fast as they are stored), and the job is answered once the client ends
   * its stream. A stream that fails or is cancelled leaves nothing behind.
   */
  Submit(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_SubmitWorkloadResponse__Output>): grpc.ClientWritableStream<_hqdb_v1_SubmitWorkloadRequest>;
  Submit(metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_SubmitWorkloadResponse__Output>): grpc.ClientWritableStream<_hqdb_v1_SubmitWorkloadRequest>;
  Submit(options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_SubmitWorkloadResponse__Output>): grpc.ClientWritableStream<_hqdb_v1_SubmitWorkloadRequest>;
  Submit(callback: grpc.requestCallback<_hqdb_v1_SubmitWorkloadResponse__Output>): grpc.ClientWritableStream<_hqdb_v1_SubmitWorkloadRequest>;
  /**
   * Receives a workload as a stream of messages and queues it: the first
   * message names the collection and carries the options; every message may
   * carry queries. Queries are stored as they arrive (the stream is read only
   * as fast as they are stored), and the job is answered once the client ends
   * its stream. A stream that fails or is cancelled leaves nothing behind.
   */
  submit(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_SubmitWorkloadResponse__Output>): grpc.ClientWritableStream<_hqdb_v1_SubmitWorkloadRequest>;
  submit(metadata: grpc.Metadata, callback: grpc.requestCallback<_hqdb_v1_SubmitWorkloadResponse__Output>): grpc.ClientWritableStream<_hqdb_v1_SubmitWorkloadRequest>;
  submit(options: grpc.CallOptions, callback: grpc.requestCallback<_hqdb_v1_SubmitWorkloadResponse__Output>): grpc.ClientWritableStream<_hqdb_v1_SubmitWorkloadRequest>;
  submit(callback: grpc.requestCallback<_hqdb_v1_SubmitWorkloadResponse__Output>): grpc.ClientWritableStream<_hqdb_v1_SubmitWorkloadRequest>;
  
  /**
   * The job's status about every 250 ms while it is queued or running, then
   * one final message (`ended` true) when it has ended.
   */
  Watch(argument: _hqdb_v1_WatchWorkloadRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_hqdb_v1_WorkloadProgress__Output>;
  Watch(argument: _hqdb_v1_WatchWorkloadRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_hqdb_v1_WorkloadProgress__Output>;
  /**
   * The job's status about every 250 ms while it is queued or running, then
   * one final message (`ended` true) when it has ended.
   */
  watch(argument: _hqdb_v1_WatchWorkloadRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_hqdb_v1_WorkloadProgress__Output>;
  watch(argument: _hqdb_v1_WatchWorkloadRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_hqdb_v1_WorkloadProgress__Output>;
  
}

export interface WorkloadsHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Cancels a queued or running job (its queries and results are removed and
   * it stays listed as cancelled); removes a job that has ended.
   */
  Cancel: grpc.handleUnaryCall<_hqdb_v1_CancelWorkloadRequest__Output, _hqdb_v1_CancelWorkloadResponse>;
  
  /**
   * One job.
   */
  Get: grpc.handleUnaryCall<_hqdb_v1_GetWorkloadRequest__Output, _hqdb_v1_WorkloadInfo>;
  
  /**
   * The collection's jobs, oldest first.
   */
  List: grpc.handleUnaryCall<_hqdb_v1_ListWorkloadsRequest__Output, _hqdb_v1_ListWorkloadsResponse>;
  
  /**
   * The result lines from `offset` on, one message per line in input order,
   * as fast as the client reads them. Ends at the lines answered so far, or
   * with `follow` when the job ends.
   */
  Results: grpc.handleServerStreamingCall<_hqdb_v1_WorkloadResultsRequest__Output, _hqdb_v1_WorkloadResult>;
  
  /**
   * Receives a workload as a stream of messages and queues it: the first
   * message names the collection and carries the options; every message may
   * carry queries. Queries are stored as they arrive (the stream is read only
   * as fast as they are stored), and the job is answered once the client ends
   * its stream. A stream that fails or is cancelled leaves nothing behind.
   */
  Submit: grpc.handleClientStreamingCall<_hqdb_v1_SubmitWorkloadRequest__Output, _hqdb_v1_SubmitWorkloadResponse>;
  
  /**
   * The job's status about every 250 ms while it is queued or running, then
   * one final message (`ended` true) when it has ended.
   */
  Watch: grpc.handleServerStreamingCall<_hqdb_v1_WatchWorkloadRequest__Output, _hqdb_v1_WorkloadProgress>;
  
}

export interface WorkloadsDefinition extends grpc.ServiceDefinition {
  Cancel: MethodDefinition<_hqdb_v1_CancelWorkloadRequest, _hqdb_v1_CancelWorkloadResponse, _hqdb_v1_CancelWorkloadRequest__Output, _hqdb_v1_CancelWorkloadResponse__Output>
  Get: MethodDefinition<_hqdb_v1_GetWorkloadRequest, _hqdb_v1_WorkloadInfo, _hqdb_v1_GetWorkloadRequest__Output, _hqdb_v1_WorkloadInfo__Output>
  List: MethodDefinition<_hqdb_v1_ListWorkloadsRequest, _hqdb_v1_ListWorkloadsResponse, _hqdb_v1_ListWorkloadsRequest__Output, _hqdb_v1_ListWorkloadsResponse__Output>
  Results: MethodDefinition<_hqdb_v1_WorkloadResultsRequest, _hqdb_v1_WorkloadResult, _hqdb_v1_WorkloadResultsRequest__Output, _hqdb_v1_WorkloadResult__Output>
  Submit: MethodDefinition<_hqdb_v1_SubmitWorkloadRequest, _hqdb_v1_SubmitWorkloadResponse, _hqdb_v1_SubmitWorkloadRequest__Output, _hqdb_v1_SubmitWorkloadResponse__Output>
  Watch: MethodDefinition<_hqdb_v1_WatchWorkloadRequest, _hqdb_v1_WorkloadProgress, _hqdb_v1_WatchWorkloadRequest__Output, _hqdb_v1_WorkloadProgress__Output>
}
