import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct.js';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value.js';
import type { CancelWorkloadRequest as _hqdb_v1_CancelWorkloadRequest, CancelWorkloadRequest__Output as _hqdb_v1_CancelWorkloadRequest__Output } from './hqdb/v1/CancelWorkloadRequest.js';
import type { CancelWorkloadResponse as _hqdb_v1_CancelWorkloadResponse, CancelWorkloadResponse__Output as _hqdb_v1_CancelWorkloadResponse__Output } from './hqdb/v1/CancelWorkloadResponse.js';
import type { ClearPayloadRequest as _hqdb_v1_ClearPayloadRequest, ClearPayloadRequest__Output as _hqdb_v1_ClearPayloadRequest__Output } from './hqdb/v1/ClearPayloadRequest.js';
import type { Condition as _hqdb_v1_Condition, Condition__Output as _hqdb_v1_Condition__Output } from './hqdb/v1/Condition.js';
import type { CountPointsRequest as _hqdb_v1_CountPointsRequest, CountPointsRequest__Output as _hqdb_v1_CountPointsRequest__Output } from './hqdb/v1/CountPointsRequest.js';
import type { CountPointsResponse as _hqdb_v1_CountPointsResponse, CountPointsResponse__Output as _hqdb_v1_CountPointsResponse__Output } from './hqdb/v1/CountPointsResponse.js';
import type { DatetimeRange as _hqdb_v1_DatetimeRange, DatetimeRange__Output as _hqdb_v1_DatetimeRange__Output } from './hqdb/v1/DatetimeRange.js';
import type { DeletePayloadRequest as _hqdb_v1_DeletePayloadRequest, DeletePayloadRequest__Output as _hqdb_v1_DeletePayloadRequest__Output } from './hqdb/v1/DeletePayloadRequest.js';
import type { DeletePointsRequest as _hqdb_v1_DeletePointsRequest, DeletePointsRequest__Output as _hqdb_v1_DeletePointsRequest__Output } from './hqdb/v1/DeletePointsRequest.js';
import type { DenseVector as _hqdb_v1_DenseVector, DenseVector__Output as _hqdb_v1_DenseVector__Output } from './hqdb/v1/DenseVector.js';
import type { ExplainResponse as _hqdb_v1_ExplainResponse, ExplainResponse__Output as _hqdb_v1_ExplainResponse__Output } from './hqdb/v1/ExplainResponse.js';
import type { FieldCondition as _hqdb_v1_FieldCondition, FieldCondition__Output as _hqdb_v1_FieldCondition__Output } from './hqdb/v1/FieldCondition.js';
import type { Filter as _hqdb_v1_Filter, Filter__Output as _hqdb_v1_Filter__Output } from './hqdb/v1/Filter.js';
import type { GetPointsRequest as _hqdb_v1_GetPointsRequest, GetPointsRequest__Output as _hqdb_v1_GetPointsRequest__Output } from './hqdb/v1/GetPointsRequest.js';
import type { GetPointsResponse as _hqdb_v1_GetPointsResponse, GetPointsResponse__Output as _hqdb_v1_GetPointsResponse__Output } from './hqdb/v1/GetPointsResponse.js';
import type { GetWorkloadRequest as _hqdb_v1_GetWorkloadRequest, GetWorkloadRequest__Output as _hqdb_v1_GetWorkloadRequest__Output } from './hqdb/v1/GetWorkloadRequest.js';
import type { HasIdCondition as _hqdb_v1_HasIdCondition, HasIdCondition__Output as _hqdb_v1_HasIdCondition__Output } from './hqdb/v1/HasIdCondition.js';
import type { IntegerList as _hqdb_v1_IntegerList, IntegerList__Output as _hqdb_v1_IntegerList__Output } from './hqdb/v1/IntegerList.js';
import type { IsEmptyCondition as _hqdb_v1_IsEmptyCondition, IsEmptyCondition__Output as _hqdb_v1_IsEmptyCondition__Output } from './hqdb/v1/IsEmptyCondition.js';
import type { IsNullCondition as _hqdb_v1_IsNullCondition, IsNullCondition__Output as _hqdb_v1_IsNullCondition__Output } from './hqdb/v1/IsNullCondition.js';
import type { KeyList as _hqdb_v1_KeyList, KeyList__Output as _hqdb_v1_KeyList__Output } from './hqdb/v1/KeyList.js';
import type { ListWorkloadsRequest as _hqdb_v1_ListWorkloadsRequest, ListWorkloadsRequest__Output as _hqdb_v1_ListWorkloadsRequest__Output } from './hqdb/v1/ListWorkloadsRequest.js';
import type { ListWorkloadsResponse as _hqdb_v1_ListWorkloadsResponse, ListWorkloadsResponse__Output as _hqdb_v1_ListWorkloadsResponse__Output } from './hqdb/v1/ListWorkloadsResponse.js';
import type { Match as _hqdb_v1_Match, Match__Output as _hqdb_v1_Match__Output } from './hqdb/v1/Match.js';
import type { MinShould as _hqdb_v1_MinShould, MinShould__Output as _hqdb_v1_MinShould__Output } from './hqdb/v1/MinShould.js';
import type { PointId as _hqdb_v1_PointId, PointId__Output as _hqdb_v1_PointId__Output } from './hqdb/v1/PointId.js';
import type { PointIdList as _hqdb_v1_PointIdList, PointIdList__Output as _hqdb_v1_PointIdList__Output } from './hqdb/v1/PointIdList.js';
import type { PointStruct as _hqdb_v1_PointStruct, PointStruct__Output as _hqdb_v1_PointStruct__Output } from './hqdb/v1/PointStruct.js';
import type { PointsClient as _hqdb_v1_PointsClient, PointsDefinition as _hqdb_v1_PointsDefinition } from './hqdb/v1/Points.js';
import type { PointsSelector as _hqdb_v1_PointsSelector, PointsSelector__Output as _hqdb_v1_PointsSelector__Output } from './hqdb/v1/PointsSelector.js';
import type { QueryBatchRequest as _hqdb_v1_QueryBatchRequest, QueryBatchRequest__Output as _hqdb_v1_QueryBatchRequest__Output } from './hqdb/v1/QueryBatchRequest.js';
import type { QueryBatchResponse as _hqdb_v1_QueryBatchResponse, QueryBatchResponse__Output as _hqdb_v1_QueryBatchResponse__Output } from './hqdb/v1/QueryBatchResponse.js';
import type { QueryPointsRequest as _hqdb_v1_QueryPointsRequest, QueryPointsRequest__Output as _hqdb_v1_QueryPointsRequest__Output } from './hqdb/v1/QueryPointsRequest.js';
import type { QueryPointsResponse as _hqdb_v1_QueryPointsResponse, QueryPointsResponse__Output as _hqdb_v1_QueryPointsResponse__Output } from './hqdb/v1/QueryPointsResponse.js';
import type { QueryTarget as _hqdb_v1_QueryTarget, QueryTarget__Output as _hqdb_v1_QueryTarget__Output } from './hqdb/v1/QueryTarget.js';
import type { Range as _hqdb_v1_Range, Range__Output as _hqdb_v1_Range__Output } from './hqdb/v1/Range.js';
import type { RetrievedPoint as _hqdb_v1_RetrievedPoint, RetrievedPoint__Output as _hqdb_v1_RetrievedPoint__Output } from './hqdb/v1/RetrievedPoint.js';
import type { ScoredPoint as _hqdb_v1_ScoredPoint, ScoredPoint__Output as _hqdb_v1_ScoredPoint__Output } from './hqdb/v1/ScoredPoint.js';
import type { ScrollPointsRequest as _hqdb_v1_ScrollPointsRequest, ScrollPointsRequest__Output as _hqdb_v1_ScrollPointsRequest__Output } from './hqdb/v1/ScrollPointsRequest.js';
import type { ScrollPointsResponse as _hqdb_v1_ScrollPointsResponse, ScrollPointsResponse__Output as _hqdb_v1_ScrollPointsResponse__Output } from './hqdb/v1/ScrollPointsResponse.js';
import type { SearchParams as _hqdb_v1_SearchParams, SearchParams__Output as _hqdb_v1_SearchParams__Output } from './hqdb/v1/SearchParams.js';
import type { SetPayloadRequest as _hqdb_v1_SetPayloadRequest, SetPayloadRequest__Output as _hqdb_v1_SetPayloadRequest__Output } from './hqdb/v1/SetPayloadRequest.js';
import type { StringList as _hqdb_v1_StringList, StringList__Output as _hqdb_v1_StringList__Output } from './hqdb/v1/StringList.js';
import type { SubmitWorkloadRequest as _hqdb_v1_SubmitWorkloadRequest, SubmitWorkloadRequest__Output as _hqdb_v1_SubmitWorkloadRequest__Output } from './hqdb/v1/SubmitWorkloadRequest.js';
import type { SubmitWorkloadResponse as _hqdb_v1_SubmitWorkloadResponse, SubmitWorkloadResponse__Output as _hqdb_v1_SubmitWorkloadResponse__Output } from './hqdb/v1/SubmitWorkloadResponse.js';
import type { UpsertPointsRequest as _hqdb_v1_UpsertPointsRequest, UpsertPointsRequest__Output as _hqdb_v1_UpsertPointsRequest__Output } from './hqdb/v1/UpsertPointsRequest.js';
import type { ValuesCount as _hqdb_v1_ValuesCount, ValuesCount__Output as _hqdb_v1_ValuesCount__Output } from './hqdb/v1/ValuesCount.js';
import type { WatchWorkloadRequest as _hqdb_v1_WatchWorkloadRequest, WatchWorkloadRequest__Output as _hqdb_v1_WatchWorkloadRequest__Output } from './hqdb/v1/WatchWorkloadRequest.js';
import type { WithPayloadSelector as _hqdb_v1_WithPayloadSelector, WithPayloadSelector__Output as _hqdb_v1_WithPayloadSelector__Output } from './hqdb/v1/WithPayloadSelector.js';
import type { WorkloadInfo as _hqdb_v1_WorkloadInfo, WorkloadInfo__Output as _hqdb_v1_WorkloadInfo__Output } from './hqdb/v1/WorkloadInfo.js';
import type { WorkloadLineError as _hqdb_v1_WorkloadLineError, WorkloadLineError__Output as _hqdb_v1_WorkloadLineError__Output } from './hqdb/v1/WorkloadLineError.js';
import type { WorkloadOptions as _hqdb_v1_WorkloadOptions, WorkloadOptions__Output as _hqdb_v1_WorkloadOptions__Output } from './hqdb/v1/WorkloadOptions.js';
import type { WorkloadPoint as _hqdb_v1_WorkloadPoint, WorkloadPoint__Output as _hqdb_v1_WorkloadPoint__Output } from './hqdb/v1/WorkloadPoint.js';
import type { WorkloadProgress as _hqdb_v1_WorkloadProgress, WorkloadProgress__Output as _hqdb_v1_WorkloadProgress__Output } from './hqdb/v1/WorkloadProgress.js';
import type { WorkloadProgressCount as _hqdb_v1_WorkloadProgressCount, WorkloadProgressCount__Output as _hqdb_v1_WorkloadProgressCount__Output } from './hqdb/v1/WorkloadProgressCount.js';
import type { WorkloadQuery as _hqdb_v1_WorkloadQuery, WorkloadQuery__Output as _hqdb_v1_WorkloadQuery__Output } from './hqdb/v1/WorkloadQuery.js';
import type { WorkloadQueryId as _hqdb_v1_WorkloadQueryId, WorkloadQueryId__Output as _hqdb_v1_WorkloadQueryId__Output } from './hqdb/v1/WorkloadQueryId.js';
import type { WorkloadResult as _hqdb_v1_WorkloadResult, WorkloadResult__Output as _hqdb_v1_WorkloadResult__Output } from './hqdb/v1/WorkloadResult.js';
import type { WorkloadResultsRequest as _hqdb_v1_WorkloadResultsRequest, WorkloadResultsRequest__Output as _hqdb_v1_WorkloadResultsRequest__Output } from './hqdb/v1/WorkloadResultsRequest.js';
import type { WorkloadsClient as _hqdb_v1_WorkloadsClient, WorkloadsDefinition as _hqdb_v1_WorkloadsDefinition } from './hqdb/v1/Workloads.js';
import type { WriteResult as _hqdb_v1_WriteResult, WriteResult__Output as _hqdb_v1_WriteResult__Output } from './hqdb/v1/WriteResult.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      ListValue: MessageTypeDefinition<_google_protobuf_ListValue, _google_protobuf_ListValue__Output>
      NullValue: EnumTypeDefinition
      Struct: MessageTypeDefinition<_google_protobuf_Struct, _google_protobuf_Struct__Output>
      Value: MessageTypeDefinition<_google_protobuf_Value, _google_protobuf_Value__Output>
    }
  }
  hqdb: {
    v1: {
      CancelWorkloadRequest: MessageTypeDefinition<_hqdb_v1_CancelWorkloadRequest, _hqdb_v1_CancelWorkloadRequest__Output>
      CancelWorkloadResponse: MessageTypeDefinition<_hqdb_v1_CancelWorkloadResponse, _hqdb_v1_CancelWorkloadResponse__Output>
      ClearPayloadRequest: MessageTypeDefinition<_hqdb_v1_ClearPayloadRequest, _hqdb_v1_ClearPayloadRequest__Output>
      Condition: MessageTypeDefinition<_hqdb_v1_Condition, _hqdb_v1_Condition__Output>
      CountPointsRequest: MessageTypeDefinition<_hqdb_v1_CountPointsRequest, _hqdb_v1_CountPointsRequest__Output>
      CountPointsResponse: MessageTypeDefinition<_hqdb_v1_CountPointsResponse, _hqdb_v1_CountPointsResponse__Output>
      DatetimeRange: MessageTypeDefinition<_hqdb_v1_DatetimeRange, _hqdb_v1_DatetimeRange__Output>
      DeletePayloadRequest: MessageTypeDefinition<_hqdb_v1_DeletePayloadRequest, _hqdb_v1_DeletePayloadRequest__Output>
      DeletePointsRequest: MessageTypeDefinition<_hqdb_v1_DeletePointsRequest, _hqdb_v1_DeletePointsRequest__Output>
      DenseVector: MessageTypeDefinition<_hqdb_v1_DenseVector, _hqdb_v1_DenseVector__Output>
      ExplainResponse: MessageTypeDefinition<_hqdb_v1_ExplainResponse, _hqdb_v1_ExplainResponse__Output>
      FieldCondition: MessageTypeDefinition<_hqdb_v1_FieldCondition, _hqdb_v1_FieldCondition__Output>
      Filter: MessageTypeDefinition<_hqdb_v1_Filter, _hqdb_v1_Filter__Output>
      GetPointsRequest: MessageTypeDefinition<_hqdb_v1_GetPointsRequest, _hqdb_v1_GetPointsRequest__Output>
      GetPointsResponse: MessageTypeDefinition<_hqdb_v1_GetPointsResponse, _hqdb_v1_GetPointsResponse__Output>
      GetWorkloadRequest: MessageTypeDefinition<_hqdb_v1_GetWorkloadRequest, _hqdb_v1_GetWorkloadRequest__Output>
      HasIdCondition: MessageTypeDefinition<_hqdb_v1_HasIdCondition, _hqdb_v1_HasIdCondition__Output>
      IntegerList: MessageTypeDefinition<_hqdb_v1_IntegerList, _hqdb_v1_IntegerList__Output>
      IsEmptyCondition: MessageTypeDefinition<_hqdb_v1_IsEmptyCondition, _hqdb_v1_IsEmptyCondition__Output>
      IsNullCondition: MessageTypeDefinition<_hqdb_v1_IsNullCondition, _hqdb_v1_IsNullCondition__Output>
      KeyList: MessageTypeDefinition<_hqdb_v1_KeyList, _hqdb_v1_KeyList__Output>
      ListWorkloadsRequest: MessageTypeDefinition<_hqdb_v1_ListWorkloadsRequest, _hqdb_v1_ListWorkloadsRequest__Output>
      ListWorkloadsResponse: MessageTypeDefinition<_hqdb_v1_ListWorkloadsResponse, _hqdb_v1_ListWorkloadsResponse__Output>
      Match: MessageTypeDefinition<_hqdb_v1_Match, _hqdb_v1_Match__Output>
      MinShould: MessageTypeDefinition<_hqdb_v1_MinShould, _hqdb_v1_MinShould__Output>
      PointId: MessageTypeDefinition<_hqdb_v1_PointId, _hqdb_v1_PointId__Output>
      PointIdList: MessageTypeDefinition<_hqdb_v1_PointIdList, _hqdb_v1_PointIdList__Output>
      PointStruct: MessageTypeDefinition<_hqdb_v1_PointStruct, _hqdb_v1_PointStruct__Output>
      Points: SubtypeConstructor<typeof grpc.Client, _hqdb_v1_PointsClient> & { service: _hqdb_v1_PointsDefinition }
      PointsSelector: MessageTypeDefinition<_hqdb_v1_PointsSelector, _hqdb_v1_PointsSelector__Output>
      QueryBatchRequest: MessageTypeDefinition<_hqdb_v1_QueryBatchRequest, _hqdb_v1_QueryBatchRequest__Output>
      QueryBatchResponse: MessageTypeDefinition<_hqdb_v1_QueryBatchResponse, _hqdb_v1_QueryBatchResponse__Output>
      QueryPointsRequest: MessageTypeDefinition<_hqdb_v1_QueryPointsRequest, _hqdb_v1_QueryPointsRequest__Output>
      QueryPointsResponse: MessageTypeDefinition<_hqdb_v1_QueryPointsResponse, _hqdb_v1_QueryPointsResponse__Output>
      QueryTarget: MessageTypeDefinition<_hqdb_v1_QueryTarget, _hqdb_v1_QueryTarget__Output>
      Range: MessageTypeDefinition<_hqdb_v1_Range, _hqdb_v1_Range__Output>
      RetrievedPoint: MessageTypeDefinition<_hqdb_v1_RetrievedPoint, _hqdb_v1_RetrievedPoint__Output>
      ScoredPoint: MessageTypeDefinition<_hqdb_v1_ScoredPoint, _hqdb_v1_ScoredPoint__Output>
      ScrollPointsRequest: MessageTypeDefinition<_hqdb_v1_ScrollPointsRequest, _hqdb_v1_ScrollPointsRequest__Output>
      ScrollPointsResponse: MessageTypeDefinition<_hqdb_v1_ScrollPointsResponse, _hqdb_v1_ScrollPointsResponse__Output>
      SearchParams: MessageTypeDefinition<_hqdb_v1_SearchParams, _hqdb_v1_SearchParams__Output>
      SetPayloadRequest: MessageTypeDefinition<_hqdb_v1_SetPayloadRequest, _hqdb_v1_SetPayloadRequest__Output>
      StringList: MessageTypeDefinition<_hqdb_v1_StringList, _hqdb_v1_StringList__Output>
      SubmitWorkloadRequest: MessageTypeDefinition<_hqdb_v1_SubmitWorkloadRequest, _hqdb_v1_SubmitWorkloadRequest__Output>
      SubmitWorkloadResponse: MessageTypeDefinition<_hqdb_v1_SubmitWorkloadResponse, _hqdb_v1_SubmitWorkloadResponse__Output>
      UpdateStatus: EnumTypeDefinition
      UpsertPointsRequest: MessageTypeDefinition<_hqdb_v1_UpsertPointsRequest, _hqdb_v1_UpsertPointsRequest__Output>
      ValuesCount: MessageTypeDefinition<_hqdb_v1_ValuesCount, _hqdb_v1_ValuesCount__Output>
      WatchWorkloadRequest: MessageTypeDefinition<_hqdb_v1_WatchWorkloadRequest, _hqdb_v1_WatchWorkloadRequest__Output>
      WithPayloadSelector: MessageTypeDefinition<_hqdb_v1_WithPayloadSelector, _hqdb_v1_WithPayloadSelector__Output>
      WorkloadInfo: MessageTypeDefinition<_hqdb_v1_WorkloadInfo, _hqdb_v1_WorkloadInfo__Output>
      WorkloadLayoutMode: EnumTypeDefinition
      WorkloadLineError: MessageTypeDefinition<_hqdb_v1_WorkloadLineError, _hqdb_v1_WorkloadLineError__Output>
      WorkloadOptions: MessageTypeDefinition<_hqdb_v1_WorkloadOptions, _hqdb_v1_WorkloadOptions__Output>
      WorkloadPoint: MessageTypeDefinition<_hqdb_v1_WorkloadPoint, _hqdb_v1_WorkloadPoint__Output>
      WorkloadProgress: MessageTypeDefinition<_hqdb_v1_WorkloadProgress, _hqdb_v1_WorkloadProgress__Output>
      WorkloadProgressCount: MessageTypeDefinition<_hqdb_v1_WorkloadProgressCount, _hqdb_v1_WorkloadProgressCount__Output>
      WorkloadQuery: MessageTypeDefinition<_hqdb_v1_WorkloadQuery, _hqdb_v1_WorkloadQuery__Output>
      WorkloadQueryId: MessageTypeDefinition<_hqdb_v1_WorkloadQueryId, _hqdb_v1_WorkloadQueryId__Output>
      WorkloadResult: MessageTypeDefinition<_hqdb_v1_WorkloadResult, _hqdb_v1_WorkloadResult__Output>
      WorkloadResultsRequest: MessageTypeDefinition<_hqdb_v1_WorkloadResultsRequest, _hqdb_v1_WorkloadResultsRequest__Output>
      WorkloadStatus: EnumTypeDefinition
      Workloads: SubtypeConstructor<typeof grpc.Client, _hqdb_v1_WorkloadsClient> & { service: _hqdb_v1_WorkloadsDefinition }
      WriteResult: MessageTypeDefinition<_hqdb_v1_WriteResult, _hqdb_v1_WriteResult__Output>
    }
  }
}

