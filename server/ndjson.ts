// NDJSON text from a byte stream: one string per line ('\n' or '\r\n'),
// decoded as UTF-8 across chunk boundaries, pulled as the consumer asks (so
// the stream's own backpressure holds), with a bound on the whole body and on
// any one line so that no body is ever held whole.

import { StringDecoder } from 'node:string_decoder';
import { fail, HqdbError } from '../core/errors.js';

export interface LineLimits {
  /** Most bytes the whole stream may carry. */
  maxBytes: number;
  /** Most characters one line may carry. */
  maxLineChars: number;
}

function mb(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** The chunks of the stream; a stream that breaks (the client went away mid-body) is the client's error, not the server's. */
async function* chunks(stream: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer | string> {
  try {
    yield* stream;
  } catch (err) {
    if (err instanceof HqdbError) throw err;
    fail('BAD_REQUEST', `the body could not be read to its end: ${(err as Error).message}`);
  }
}

export async function* ndjsonLines(stream: AsyncIterable<Buffer | string>, limits: LineLimits): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let rest = '';
  const line = (text: string): string => (text.endsWith('\r') ? text.slice(0, -1) : text);
  for await (const chunk of chunks(stream)) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buf.length;
    if (bytes > limits.maxBytes) fail('PAYLOAD_TOO_LARGE', `the workload body is larger than ${mb(limits.maxBytes)} (workloads.max_body_mb)`);
    rest += decoder.write(buf);
    let start = 0;
    for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', start)) {
      yield line(rest.slice(start, nl));
      start = nl + 1;
    }
    rest = rest.slice(start);
    if (rest.length > limits.maxLineChars) fail('PAYLOAD_TOO_LARGE', `a line of the workload is longer than ${mb(limits.maxLineChars)} (service.max_request_size_mb)`);
  }
  rest += decoder.end();
  if (rest.length > 0) yield line(rest);
}
