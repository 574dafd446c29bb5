import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct.js';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value.js';
import type { BuildInfo as _hqdb_v1_BuildInfo, BuildInfo__Output as _hqdb_v1_BuildInfo__Output } from './hqdb/v1/BuildInfo.js';
import type { BuildLayoutRequest as _hqdb_v1_BuildLayoutRequest, BuildLayoutRequest__Output as _hqdb_v1_BuildLayoutRequest__Output } from './hqdb/v1/BuildLayoutRequest.js';
import type { BuildLayoutResponse as _hqdb_v1_BuildLayoutResponse, BuildLayoutResponse__Output as _hqdb_v1_BuildLayoutResponse__Output } from './hqdb/v1/BuildLayoutResponse.js';
import type { BuildProgress as _hqdb_v1_BuildProgress, BuildProgress__Output as _hqdb_v1_BuildProgress__Output } from './hqdb/v1/BuildProgress.js';
import type { ClearPayloadRequest as _hqdb_v1_ClearPayloadRequest, ClearPayloadRequest__Output as _hqdb_v1_ClearPayloadRequest__Output } from './hqdb/v1/ClearPayloadRequest.js';
import type { CollectionExistsRequest as _hqdb_v1_CollectionExistsRequest, CollectionExistsRequest__Output as _hqdb_v1_CollectionExistsRequest__Output } from './hqdb/v1/CollectionExistsRequest.js';
import type { CollectionExistsResponse as _hqdb_v1_CollectionExistsResponse, CollectionExistsResponse__Output as _hqdb_v1_CollectionExistsResponse__Output } from './hqdb/v1/CollectionExistsResponse.js';
import type { CollectionInfo as _hqdb_v1_CollectionInfo, CollectionInfo__Output as _hqdb_v1_CollectionInfo__Output } from './hqdb/v1/CollectionInfo.js';
import type { CollectionsClient as _hqdb_v1_CollectionsClient, CollectionsDefinition as _hqdb_v1_CollectionsDefinition } from './hqdb/v1/Collections.js';
import type { Condition as _hqdb_v1_Condition, Condition__Output as _hqdb_v1_Condition__Output } from './hqdb/v1/Condition.js';
import type { CountPointsRequest as _hqdb_v1_CountPointsRequest, CountPointsRequest__Output as _hqdb_v1_CountPointsRequest__Output } from './hqdb/v1/CountPointsRequest.js';
import type { CountPointsResponse as _hqdb_v1_CountPointsResponse, CountPointsResponse__Output as _hqdb_v1_CountPointsResponse__Output } from './hqdb/v1/CountPointsResponse.js';
import type { CreateCollectionRequest as _hqdb_v1_CreateCollectionRequest, CreateCollectionRequest__Output as _hqdb_v1_CreateCollectionRequest__Output } from './hqdb/v1/CreateCollectionRequest.js';
import type { CreateCollectionResponse as _hqdb_v1_CreateCollectionResponse, CreateCollectionResponse__Output as _hqdb_v1_CreateCollectionResponse__Output } from './hqdb/v1/CreateCollectionResponse.js';
import type { CreatePayloadIndexRequest as _hqdb_v1_CreatePayloadIndexRequest, CreatePayloadIndexRequest__Output as _hqdb_v1_CreatePayloadIndexRequest__Output } from './hqdb/v1/CreatePayloadIndexRequest.js';
import type { DatetimeRange as _hqdb_v1_DatetimeRange, DatetimeRange__Output as _hqdb_v1_DatetimeRange__Output } from './hqdb/v1/DatetimeRange.js';
import type { DeleteCollectionRequest as _hqdb_v1_DeleteCollectionRequest, DeleteCollectionRequest__Output as _hqdb_v1_DeleteCollectionRequest__Output } from './hqdb/v1/DeleteCollectionRequest.js';
import type { DeleteCollectionResponse as _hqdb_v1_DeleteCollectionResponse, DeleteCollectionResponse__Output as _hqdb_v1_DeleteCollectionResponse__Output } from './hqdb/v1/DeleteCollectionResponse.js';
import type { DeletePayloadIndexRequest as _hqdb_v1_DeletePayloadIndexRequest, DeletePayloadIndexRequest__Output as _hqdb_v1_DeletePayloadIndexRequest__Output } from './hqdb/v1/DeletePayloadIndexRequest.js';
import type { DeletePayloadRequest as _hqdb_v1_DeletePayloadRequest, DeletePayloadRequest__Output as _hqdb_v1_DeletePayloadRequest__Output } from './hqdb/v1/DeletePayloadRequest.js';
import type { DeletePointsRequest as _hqdb_v1_DeletePointsRequest, DeletePointsRequest__Output as _hqdb_v1_DeletePointsRequest__Output } from './hqdb/v1/DeletePointsRequest.js';
import type { DenseVector as _hqdb_v1_DenseVector, DenseVector__Output as _hqdb_v1_DenseVector__Output } from './hqdb/v1/DenseVector.js';
import type { ExplainResponse as _hqdb_v1_ExplainResponse, ExplainResponse__Output as _hqdb_v1_ExplainResponse__Output } from './hqdb/v1/ExplainResponse.js';
import type { FieldCondition as _hqdb_v1_FieldCondition, FieldCondition__Output as _hqdb_v1_FieldCondition__Output } from './hqdb/v1/FieldCondition.js';
import type { Filter as _hqdb_v1_Filter, Filter__Output as _hqdb_v1_Filter__Output } from './hqdb/v1/Filter.js';
import type { GetCollectionRequest as _hqdb_v1_GetCollectionRequest, GetCollectionRequest__Output as _hqdb_v1_GetCollectionRequest__Output } from './hqdb/v1/GetCollectionRequest.js';
import type { GetLayoutRequest as _hqdb_v1_GetLayoutRequest, GetLayoutRequest__Output as _hqdb_v1_GetLayoutRequest__Output } from './hqdb/v1/GetLayoutRequest.js';
import type { GetPointsRequest as _hqdb_v1_GetPointsRequest, GetPointsRequest__Output as _hqdb_v1_GetPointsRequest__Output } from './hqdb/v1/GetPointsRequest.js';
import type { GetPointsResponse as _hqdb_v1_GetPointsResponse, GetPointsResponse__Output as _hqdb_v1_GetPointsResponse__Output } from './hqdb/v1/GetPointsResponse.js';
import type { HasIdCondition as _hqdb_v1_HasIdCondition, HasIdCondition__Output as _hqdb_v1_HasIdCondition__Output } from './hqdb/v1/HasIdCondition.js';
import type { HnswConfig as _hqdb_v1_HnswConfig, HnswConfig__Output as _hqdb_v1_HnswConfig__Output } from './hqdb/v1/HnswConfig.js';
import type { IntegerList as _hqdb_v1_IntegerList, IntegerList__Output as _hqdb_v1_IntegerList__Output } from './hqdb/v1/IntegerList.js';
import type { IsEmptyCondition as _hqdb_v1_IsEmptyCondition, IsEmptyCondition__Output as _hqdb_v1_IsEmptyCondition__Output } from './hqdb/v1/IsEmptyCondition.js';
import type { IsNullCondition as _hqdb_v1_IsNullCondition, IsNullCondition__Output as _hqdb_v1_IsNullCondition__Output } from './hqdb/v1/IsNullCondition.js';
import type { KeyList as _hqdb_v1_KeyList, KeyList__Output as _hqdb_v1_KeyList__Output } from './hqdb/v1/KeyList.js';
import type { LayoutClient as _hqdb_v1_LayoutClient, LayoutDefinition as _hqdb_v1_LayoutDefinition } from './hqdb/v1/Layout.js';
import type { LayoutInfo as _hqdb_v1_LayoutInfo, LayoutInfo__Output as _hqdb_v1_LayoutInfo__Output } from './hqdb/v1/LayoutInfo.js';
import type { ListCollectionsRequest as _hqdb_v1_ListCollectionsRequest, ListCollectionsRequest__Output as _hqdb_v1_ListCollectionsRequest__Output } from './hqdb/v1/ListCollectionsRequest.js';
import type { ListCollectionsResponse as _hqdb_v1_ListCollectionsResponse, ListCollectionsResponse__Output as _hqdb_v1_ListCollectionsResponse__Output } from './hqdb/v1/ListCollectionsResponse.js';
import type { Match as _hqdb_v1_Match, Match__Output as _hqdb_v1_Match__Output } from './hqdb/v1/Match.js';
import type { MinShould as _hqdb_v1_MinShould, MinShould__Output as _hqdb_v1_MinShould__Output } from './hqdb/v1/MinShould.js';
import type { PartitionInfo as _hqdb_v1_PartitionInfo, PartitionInfo__Output as _hqdb_v1_PartitionInfo__Output } from './hqdb/v1/PartitionInfo.js';
import type { PayloadIndexInfo as _hqdb_v1_PayloadIndexInfo, PayloadIndexInfo__Output as _hqdb_v1_PayloadIndexInfo__Output } from './hqdb/v1/PayloadIndexInfo.js';
import type { PointId as _hqdb_v1_PointId, PointId__Output as _hqdb_v1_PointId__Output } from './hqdb/v1/PointId.js';
import type { PointIdList as _hqdb_v1_PointIdList, PointIdList__Output as _hqdb_v1_PointIdList__Output } from './hqdb/v1/PointIdList.js';
import type { PointStruct as _hqdb_v1_PointStruct, PointStruct__Output as _hqdb_v1_PointStruct__Output } from './hqdb/v1/PointStruct.js';
import type { PointsClient as _hqdb_v1_PointsClient, PointsDefinition as _hqdb_v1_PointsDefinition } from './hqdb/v1/Points.js';
import type { PointsSelector as _hqdb_v1_PointsSelector, PointsSelector__Output as _hqdb_v1_PointsSelector__Output } from './hqdb/v1/PointsSelector.js';
import type { QueryBatchRequest as _hqdb_v1_QueryBatchRequest, QueryBatchRequest__Output as _hqdb_v1_QueryBatchRequest__Output } from './hqdb/v1/QueryBatchRequest.js';
import type { QueryBatchResponse as _hqdb_v1_QueryBatchResponse, QueryBatchResponse__Output as _hqdb_v1_QueryBatchResponse__Output } from './hqdb/v1/QueryBatchResponse.js';
import type { QueryLogSource as _hqdb_v1_QueryLogSource, QueryLogSource__Output as _hqdb_v1_QueryLogSource__Output } from './hqdb/v1/QueryLogSource.js';
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
import type { TreeCut as _hqdb_v1_TreeCut, TreeCut__Output as _hqdb_v1_TreeCut__Output } from './hqdb/v1/TreeCut.js';
import type { TreeLeaf as _hqdb_v1_TreeLeaf, TreeLeaf__Output as _hqdb_v1_TreeLeaf__Output } from './hqdb/v1/TreeLeaf.js';
import type { TreeNode as _hqdb_v1_TreeNode, TreeNode__Output as _hqdb_v1_TreeNode__Output } from './hqdb/v1/TreeNode.js';
import type { UpsertPointsRequest as _hqdb_v1_UpsertPointsRequest, UpsertPointsRequest__Output as _hqdb_v1_UpsertPointsRequest__Output } from './hqdb/v1/UpsertPointsRequest.js';
import type { ValuesCount as _hqdb_v1_ValuesCount, ValuesCount__Output as _hqdb_v1_ValuesCount__Output } from './hqdb/v1/ValuesCount.js';
import type { VectorParams as _hqdb_v1_VectorParams, VectorParams__Output as _hqdb_v1_VectorParams__Output } from './hqdb/v1/VectorParams.js';
import type { WatchBuildRequest as _hqdb_v1_WatchBuildRequest, WatchBuildRequest__Output as _hqdb_v1_WatchBuildRequest__Output } from './hqdb/v1/WatchBuildRequest.js';
import type { WithPayloadSelector as _hqdb_v1_WithPayloadSelector, WithPayloadSelector__Output as _hqdb_v1_WithPayloadSelector__Output } from './hqdb/v1/WithPayloadSelector.js';
import type { WorkloadSummary as _hqdb_v1_WorkloadSummary, WorkloadSummary__Output as _hqdb_v1_WorkloadSummary__Output } from './hqdb/v1/WorkloadSummary.js';
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
      BuildInfo: MessageTypeDefinition<_hqdb_v1_BuildInfo, _hqdb_v1_BuildInfo__Output>
      BuildLayoutRequest: MessageTypeDefinition<_hqdb_v1_BuildLayoutRequest, _hqdb_v1_BuildLayoutRequest__Output>
      BuildLayoutResponse: MessageTypeDefinition<_hqdb_v1_BuildLayoutResponse, _hqdb_v1_BuildLayoutResponse__Output>
      BuildProgress: MessageTypeDefinition<_hqdb_v1_BuildProgress, _hqdb_v1_BuildProgress__Output>
      ClearPayloadRequest: MessageTypeDefinition<_hqdb_v1_ClearPayloadRequest, _hqdb_v1_ClearPayloadRequest__Output>
      CollectionExistsRequest: MessageTypeDefinition<_hqdb_v1_CollectionExistsRequest, _hqdb_v1_CollectionExistsRequest__Output>
      CollectionExistsResponse: MessageTypeDefinition<_hqdb_v1_CollectionExistsResponse, _hqdb_v1_CollectionExistsResponse__Output>
      CollectionInfo: MessageTypeDefinition<_hqdb_v1_CollectionInfo, _hqdb_v1_CollectionInfo__Output>
      Collections: SubtypeConstructor<typeof grpc.Client, _hqdb_v1_CollectionsClient> & { service: _hqdb_v1_CollectionsDefinition }
      Condition: MessageTypeDefinition<_hqdb_v1_Condition, _hqdb_v1_Condition__Output>
      CountPointsRequest: MessageTypeDefinition<_hqdb_v1_CountPointsRequest, _hqdb_v1_CountPointsRequest__Output>
      CountPointsResponse: MessageTypeDefinition<_hqdb_v1_CountPointsResponse, _hqdb_v1_CountPointsResponse__Output>
      CreateCollectionRequest: MessageTypeDefinition<_hqdb_v1_CreateCollectionRequest, _hqdb_v1_CreateCollectionRequest__Output>
      CreateCollectionResponse: MessageTypeDefinition<_hqdb_v1_CreateCollectionResponse, _hqdb_v1_CreateCollectionResponse__Output>
      CreatePayloadIndexRequest: MessageTypeDefinition<_hqdb_v1_CreatePayloadIndexRequest, _hqdb_v1_CreatePayloadIndexRequest__Output>
      DatetimeRange: MessageTypeDefinition<_hqdb_v1_DatetimeRange, _hqdb_v1_DatetimeRange__Output>
      DeleteCollectionRequest: MessageTypeDefinition<_hqdb_v1_DeleteCollectionRequest, _hqdb_v1_DeleteCollectionRequest__Output>
      DeleteCollectionResponse: MessageTypeDefinition<_hqdb_v1_DeleteCollectionResponse, _hqdb_v1_DeleteCollectionResponse__Output>
      DeletePayloadIndexRequest: MessageTypeDefinition<_hqdb_v1_DeletePayloadIndexRequest, _hqdb_v1_DeletePayloadIndexRequest__Output>
      DeletePayloadRequest: MessageTypeDefinition<_hqdb_v1_DeletePayloadRequest, _hqdb_v1_DeletePayloadRequest__Output>
      DeletePointsRequest: MessageTypeDefinition<_hqdb_v1_DeletePointsRequest, _hqdb_v1_DeletePointsRequest__Output>
      DenseVector: MessageTypeDefinition<_hqdb_v1_DenseVector, _hqdb_v1_DenseVector__Output>
      Distance: EnumTypeDefinition
      ExplainResponse: MessageTypeDefinition<_hqdb_v1_ExplainResponse, _hqdb_v1_ExplainResponse__Output>
      FieldCondition: MessageTypeDefinition<_hqdb_v1_FieldCondition, _hqdb_v1_FieldCondition__Output>
      FieldType: EnumTypeDefinition
      Filter: MessageTypeDefinition<_hqdb_v1_Filter, _hqdb_v1_Filter__Output>
      GetCollectionRequest: MessageTypeDefinition<_hqdb_v1_GetCollectionRequest, _hqdb_v1_GetCollectionRequest__Output>
      GetLayoutRequest: MessageTypeDefinition<_hqdb_v1_GetLayoutRequest, _hqdb_v1_GetLayoutRequest__Output>
      GetPointsRequest: MessageTypeDefinition<_hqdb_v1_GetPointsRequest, _hqdb_v1_GetPointsRequest__Output>
      GetPointsResponse: MessageTypeDefinition<_hqdb_v1_GetPointsResponse, _hqdb_v1_GetPointsResponse__Output>
      HasIdCondition: MessageTypeDefinition<_hqdb_v1_HasIdCondition, _hqdb_v1_HasIdCondition__Output>
      HnswConfig: MessageTypeDefinition<_hqdb_v1_HnswConfig, _hqdb_v1_HnswConfig__Output>
      IntegerList: MessageTypeDefinition<_hqdb_v1_IntegerList, _hqdb_v1_IntegerList__Output>
      IsEmptyCondition: MessageTypeDefinition<_hqdb_v1_IsEmptyCondition, _hqdb_v1_IsEmptyCondition__Output>
      IsNullCondition: MessageTypeDefinition<_hqdb_v1_IsNullCondition, _hqdb_v1_IsNullCondition__Output>
      KeyList: MessageTypeDefinition<_hqdb_v1_KeyList, _hqdb_v1_KeyList__Output>
      Layout: SubtypeConstructor<typeof grpc.Client, _hqdb_v1_LayoutClient> & { service: _hqdb_v1_LayoutDefinition }
      LayoutInfo: MessageTypeDefinition<_hqdb_v1_LayoutInfo, _hqdb_v1_LayoutInfo__Output>
      LayoutStatus: EnumTypeDefinition
      ListCollectionsRequest: MessageTypeDefinition<_hqdb_v1_ListCollectionsRequest, _hqdb_v1_ListCollectionsRequest__Output>
      ListCollectionsResponse: MessageTypeDefinition<_hqdb_v1_ListCollectionsResponse, _hqdb_v1_ListCollectionsResponse__Output>
      Match: MessageTypeDefinition<_hqdb_v1_Match, _hqdb_v1_Match__Output>
      MinShould: MessageTypeDefinition<_hqdb_v1_MinShould, _hqdb_v1_MinShould__Output>
      PartitionIndex: EnumTypeDefinition
      PartitionInfo: MessageTypeDefinition<_hqdb_v1_PartitionInfo, _hqdb_v1_PartitionInfo__Output>
      PayloadIndexInfo: MessageTypeDefinition<_hqdb_v1_PayloadIndexInfo, _hqdb_v1_PayloadIndexInfo__Output>
      PointId: MessageTypeDefinition<_hqdb_v1_PointId, _hqdb_v1_PointId__Output>
      PointIdList: MessageTypeDefinition<_hqdb_v1_PointIdList, _hqdb_v1_PointIdList__Output>
      PointStruct: MessageTypeDefinition<_hqdb_v1_PointStruct, _hqdb_v1_PointStruct__Output>
      Points: SubtypeConstructor<typeof grpc.Client, _hqdb_v1_PointsClient> & { service: _hqdb_v1_PointsDefinition }
      PointsSelector: MessageTypeDefinition<_hqdb_v1_PointsSelector, _hqdb_v1_PointsSelector__Output>
      QueryBatchRequest: MessageTypeDefinition<_hqdb_v1_QueryBatchRequest, _hqdb_v1_QueryBatchRequest__Output>
      QueryBatchResponse: MessageTypeDefinition<_hqdb_v1_QueryBatchResponse, _hqdb_v1_QueryBatchResponse__Output>
      QueryLogSource: MessageTypeDefinition<_hqdb_v1_QueryLogSource, _hqdb_v1_QueryLogSource__Output>
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
      TreeCut: MessageTypeDefinition<_hqdb_v1_TreeCut, _hqdb_v1_TreeCut__Output>
      TreeLeaf: MessageTypeDefinition<_hqdb_v1_TreeLeaf, _hqdb_v1_TreeLeaf__Output>
      TreeNode: MessageTypeDefinition<_hqdb_v1_TreeNode, _hqdb_v1_TreeNode__Output>
      UpdateStatus: EnumTypeDefinition
      UpsertPointsRequest: MessageTypeDefinition<_hqdb_v1_UpsertPointsRequest, _hqdb_v1_UpsertPointsRequest__Output>
      ValuesCount: MessageTypeDefinition<_hqdb_v1_ValuesCount, _hqdb_v1_ValuesCount__Output>
      VectorParams: MessageTypeDefinition<_hqdb_v1_VectorParams, _hqdb_v1_VectorParams__Output>
      WatchBuildRequest: MessageTypeDefinition<_hqdb_v1_WatchBuildRequest, _hqdb_v1_WatchBuildRequest__Output>
      WithPayloadSelector: MessageTypeDefinition<_hqdb_v1_WithPayloadSelector, _hqdb_v1_WithPayloadSelector__Output>
      WorkloadSummary: MessageTypeDefinition<_hqdb_v1_WorkloadSummary, _hqdb_v1_WorkloadSummary__Output>
      WriteResult: MessageTypeDefinition<_hqdb_v1_WriteResult, _hqdb_v1_WriteResult__Output>
    }
  }
}

