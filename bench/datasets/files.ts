// Loaders for vector files users bring: .fvecs / .ivecs (the TEXMEX format:
// per row an int32 dimension then that many float32 / int32), NumPy .npy
// (little-endian float32, or float64 converted, C order, 2-D), and NDJSON
// lines `{"id", "vector", "payload"}`. `loadVectorFile` picks by extension.

import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Dataset, Payload } from './dataset.js';

export interface Matrix {
  rows: number;
  dim: number;
  data: Float32Array | Int32Array;
}

/** Reads .fvecs (float32) or .ivecs (int32). */
export function readVecs(buffer: Uint8Array, kind: 'f' | 'i'): Matrix {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (buffer.byteLength === 0) return { rows: 0, dim: 0, data: kind === 'f' ? new Float32Array(0) : new Int32Array(0) };
  const dim = view.getInt32(0, true);
  if (dim <= 0) throw new Error(`.${kind}vecs: bad dimension ${dim} in the first row`);
  const rowBytes = 4 + 4 * dim;
  if (buffer.byteLength % rowBytes !== 0) throw new Error(`.${kind}vecs: ${buffer.byteLength} bytes is not a whole number of ${dim}-d rows`);
  const rows = buffer.byteLength / rowBytes;
  const data = kind === 'f' ? new Float32Array(rows * dim) : new Int32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    const base = r * rowBytes;
    const d = view.getInt32(base, true);
    if (d !== dim) throw new Error(`.${kind}vecs: row ${r} has dimension ${d}, expected ${dim}`);
    for (let j = 0; j < dim; j++) {
      data[r * dim + j] = kind === 'f' ? view.getFloat32(base + 4 + 4 * j, true) : view.getInt32(base + 4 + 4 * j, true);
    }
  }
  return { rows, dim, data };
}

/** Writes .fvecs / .ivecs (used by tests and for exporting generated data). */
export function writeVecs(m: Matrix): Uint8Array {
  const out = new Uint8Array(m.rows * (4 + 4 * m.dim));
  const view = new DataView(out.buffer);
  for (let r = 0; r < m.rows; r++) {
    const base = r * (4 + 4 * m.dim);
    view.setInt32(base, m.dim, true);
    for (let j = 0; j < m.dim; j++) {
      const v = m.data[r * m.dim + j];
      if (m.data instanceof Float32Array) view.setFloat32(base + 4 + 4 * j, v, true);
      else view.setInt32(base + 4 + 4 * j, v, true);
    }
  }
  return out;
}

/** Reads a 2-D C-order little-endian float32 (or float64) .npy array. */
export function readNpy(buffer: Uint8Array): Matrix {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (!magic.every((b, i) => buffer[i] === b)) throw new Error('.npy: bad magic');
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const major = buffer[6];
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(buffer.subarray(headerStart, headerStart + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shape === undefined) throw new Error(`.npy: cannot parse header ${header}`);
  if (fortran === 'True') throw new Error('.npy: Fortran order is not supported');
  const dims = shape.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  if (dims.length !== 2) throw new Error(`.npy: expected a 2-D array, got shape (${shape})`);
  const [rows, dim] = dims;
  const start = headerStart + headerLen;
  const data = new Float32Array(rows * dim);
  if (descr === '<f4') {
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(start + 4 * i, true);
  } else if (descr === '<f8') {
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat64(start + 8 * i, true);
  } else {
    throw new Error(`.npy: dtype ${descr} is not supported (use <f4 or <f8)`);
  }
  return { rows, dim, data };
}

/** Writes a 2-D float32 .npy array (format version 1.0). */
export function writeNpy(m: Matrix): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${m.rows}, ${m.dim}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + 4 * m.data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  for (let i = 0; i < m.data.length; i++) view.setFloat32(10 + header.length + 4 * i, m.data[i], true);
  return out;
}

/** Reads NDJSON lines `{"id": ..., "vector": [...], "payload": {...}}`. */
export function readNdjson(text: string, name = 'ndjson'): Dataset {
  const ids: (number | string)[] = [];
  const payloads: Payload[] = [];
  const rows: number[][] = [];
  let dim = -1;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const rec = JSON.parse(line) as { id?: number | string; vector?: number[]; payload?: Payload };
    if (!Array.isArray(rec.vector)) throw new Error(`${name}:${i + 1}: missing "vector" array`);
    if (dim === -1) dim = rec.vector.length;
    if (rec.vector.length !== dim) throw new Error(`${name}:${i + 1}: vector has ${rec.vector.length} dimensions, expected ${dim}`);
    rows.push(rec.vector);
    ids.push(rec.id ?? rows.length - 1);
    payloads.push(rec.payload ?? {});
  });
  const vectors = new Float32Array(rows.length * Math.max(dim, 0));
  rows.forEach((v, r) => vectors.set(v, r * dim));
  return { name, dim: Math.max(dim, 0), n: rows.length, vectors, payloads, externalIds: ids };
}

/**
 * Loads a dataset from a vector file (.fvecs, .npy or .ndjson) and, for the
 * first two, an optional NDJSON file of payload objects, one line per row.
 */
export function loadVectorFile(path: string, payloadPath?: string): Dataset {
  const ext = extname(path).toLowerCase();
  const name = basename(path, ext);
  if (ext === '.ndjson' || ext === '.jsonl') return readNdjson(readFileSync(path, 'utf8'), name);
  const bytes = new Uint8Array(readFileSync(path));
  const m = ext === '.fvecs' ? readVecs(bytes, 'f') : ext === '.npy' ? readNpy(bytes) : undefined;
  if (!m) throw new Error(`${path}: unknown vector file type (expected .fvecs, .npy, .ndjson)`);
  let payloads: Payload[] = Array.from({ length: m.rows }, () => ({}));
  if (payloadPath) {
    payloads = readFileSync(payloadPath, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Payload);
    if (payloads.length !== m.rows) throw new Error(`${payloadPath}: ${payloads.length} payloads for ${m.rows} vectors`);
  }
  return { name, dim: m.dim, n: m.rows, vectors: Float32Array.from(m.data), payloads };
}
