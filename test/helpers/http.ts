// Raw HTTP against a test server, for requests no client would send: bodies
// are passed as text when given as a string (malformed JSON, NaN literals,
// integers beyond 2^53), otherwise JSON-encoded.

import { request } from 'node:http';

export interface HttpResult {
  status: number;
  /** The raw response text (ids beyond 2^53 are only exact here). */
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export interface ErrorEnvelope {
  status: { error: string; code: string };
  time: number;
}

export async function http(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

/**
 * Like `http`, but the path goes on the wire byte for byte: fetch (and
 * app.inject) resolve dot segments, so `/collections/..` would become `/`.
 */
export function rawHttp(base: string, method: string, path: string, body?: unknown): Promise<HttpResult> {
  const { hostname, port } = new URL(base);
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (s: string) => (text += s));
      res.on('end', () => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, text, json });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The `result` of a successful response; throws with the body otherwise. */
export async function ok<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await http(base, method, path, body);
  if (res.status !== 200) throw new Error(`${method} ${path} -> ${res.status}: ${res.text}`);
  return (res.json as { result: T }).result;
}

/** Polls GET /collections/{name} until its status is green (the graph holds every point). */
export async function waitGreen(base: string, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await ok<{ status: string }>(base, 'GET', `/collections/${name}`);
    if (info.status === 'green') return;
    if (Date.now() > deadline) throw new Error(`collection ${name} still ${info.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
