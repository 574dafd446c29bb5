// Workload lines are checked against the engine's list of query fields without
// the REST schema (engine does not import server): the two must not drift apart.
import { describe, expect, it } from 'vitest';
import { QUERY_REQUEST_FIELDS } from '../../engine/requests.js';
import { QueryBody } from '../../server/schemas.js';

describe('query request fields', () => {
  it('are exactly the fields of the REST points/query body', () => {
    expect([...QUERY_REQUEST_FIELDS].sort()).toEqual(Object.keys(QueryBody.properties).sort());
  });
});
