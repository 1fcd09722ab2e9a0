import { AppError } from '../../errors';
import type { NamedArrays } from '../models';

// The safetensors format (huggingface/safetensors, docs "Format"): an 8-byte little-endian
// header length N, N bytes of JSON { name: { dtype, shape, data_offsets: [begin, end] },
// "__metadata__"?: { string: string } }, then the tensor bytes, little-endian and row-major,
// offsets counted from the end of the header. Floats are read into float32 (F16 and BF16
// widened exactly); tensors of other dtypes (e.g. an I64 `position_ids` buffer) are skipped
// and listed, since no weight of ours is an integer.

export const floatDtypes = ['F32', 'F16', 'BF16'] as const;
export type FloatDtype = (typeof floatDtypes)[number];

const bytesPer: Record<FloatDtype, number> = { F32: 4, F16: 2, BF16: 2 };

export interface Safetensors {
  /** Every float tensor, as float32. */
  tensors: NamedArrays;
  /** The header's `__metadata__` (e.g. { format: 'pt' }). */
  metadata: Record<string, string>;
  /** Names of tensors of other dtypes, which were not read. */
  skipped: string[];
}

function malformed(message: string, details: Record<string, string | number> = {}): never {
  throw new AppError('input-malformed', `This model.safetensors file is damaged or not a safetensors file: ${message}. Download or export it again.`, details);
}

interface Entry {
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

function parseEntry(name: string, value: unknown): Entry {
  const v = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown } | null;
  const offsets = v?.data_offsets;
  const ok =
    typeof v?.dtype === 'string' &&
    Array.isArray(v.shape) &&
    v.shape.every((d) => Number.isInteger(d) && d >= 0) &&
    Array.isArray(offsets) &&
    offsets.length === 2 &&
    offsets.every((o) => Number.isInteger(o) && o >= 0) &&
    offsets[0] <= offsets[1];
  if (!ok) malformed(`the header entry for "${name}" is not { dtype, shape, data_offsets }`, { name });
  return { dtype: v.dtype as string, shape: v.shape as number[], begin: offsets[0] as number, end: offsets[1] as number };
}

/** IEEE half -> float32 value. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // subnormal or zero
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

function decode(dtype: FloatDtype, bytes: Uint8Array, count: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(count);
  if (dtype === 'F32') for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  else if (dtype === 'F16') for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
  else {
    const bits = new Uint32Array(out.buffer); // bfloat16 is the top half of a float32
    for (let i = 0; i < count; i++) bits[i] = view.getUint16(i * 2, true) << 16;
  }
  return out;
}

/** Reads a whole .safetensors file. */
export function parseSafetensors(file: ArrayBuffer | Uint8Array): Safetensors {
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(file);
  if (bytes.byteLength < 8) malformed('it is shorter than its 8-byte header length');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = Number(view.getBigUint64(0, true));
  if (headerBytes > bytes.byteLength - 8) malformed('the header is longer than the file', { headerBytes });
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerBytes)));
  } catch {
    malformed('the header is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) malformed('the header is not a JSON object');
  const data = bytes.subarray(8 + headerBytes);
  const out: Safetensors = { tensors: {}, metadata: {}, skipped: [] };
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) if (typeof v === 'string') out.metadata[k] = v;
      continue;
    }
    const entry = parseEntry(name, value);
    if (entry.end > data.byteLength) malformed(`tensor "${name}" runs past the end of the file`, { name });
    if (!(floatDtypes as readonly string[]).includes(entry.dtype)) {
      out.skipped.push(name);
      continue;
    }
    const dtype = entry.dtype as FloatDtype;
    const count = entry.shape.reduce((n, d) => n * d, 1);
    if (entry.end - entry.begin !== count * bytesPer[dtype]) malformed(`tensor "${name}" has ${entry.end - entry.begin} bytes for shape [${entry.shape.join(', ')}] of ${dtype}`, { name });
    out.tensors[name] = { shape: entry.shape, values: decode(dtype, data.subarray(entry.begin, entry.end), count) };
  }
  return out;
}

// ---- writing (the fixture script and round-trip tests) ----------------------------------------

/** float32 -> IEEE half bits, rounding to nearest even. */
function floatToHalf(value: number): number {
  const f32 = new Float32Array([value]);
  const x = new Uint32Array(f32.buffer)[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // Inf / NaN
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow
  if (e <= 0) {
    if (e < -10) return sign; // underflow to zero
    mantissa |= 0x800000; // subnormal half: shift the implicit bit in
    const shift = 14 - e;
    const half = mantissa >> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const midpoint = 1 << (shift - 1);
    return sign | (half + (rest > midpoint || (rest === midpoint && half & 1) ? 1 : 0));
  }
  const rest = mantissa & 0x1fff;
  let half = (e << 10) | (mantissa >> 13);
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++; // may carry into the exponent, as it should
  return sign | half;
}

/** float32 -> bfloat16 bits, rounding to nearest even. */
function floatToBfloat(value: number): number {
  const x = new Uint32Array(new Float32Array([value]).buffer)[0] as number;
  if ((x & 0x7f800000) === 0x7f800000 && x & 0x7fffff) return (x >>> 16) | 0x40; // keep NaN a NaN
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}

function encode(dtype: FloatDtype, values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * bytesPer[dtype]);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    if (dtype === 'F32') view.setFloat32(i * 4, v, true);
    else view.setUint16(i * 2, dtype === 'F16' ? floatToHalf(v) : floatToBfloat(v), true);
  });
  return out;
}

/**
 * Writes tensors as safetensors does: names sorted in the header, data in the same order,
 * the header padded with spaces to a multiple of 8 bytes.
 */
export function writeSafetensors(tensors: NamedArrays, { dtype = 'F32', metadata = {} }: { dtype?: FloatDtype; metadata?: Record<string, string> } = {}): Uint8Array {
  const names = Object.keys(tensors).sort();
  const parts = names.map((name) => encode(dtype, (tensors[name] as NamedArrays[string]).values));
  const header: Record<string, unknown> = Object.keys(metadata).length ? { __metadata__: metadata } : {};
  let offset = 0;
  names.forEach((name, i) => {
    const size = (parts[i] as Uint8Array).byteLength;
    header[name] = { dtype, shape: (tensors[name] as NamedArrays[string]).shape, data_offsets: [offset, offset + size] };
    offset += size;
  });
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (new TextEncoder().encode(json).byteLength % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.byteLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.byteLength), true);
  out.set(headerBytes, 8);
  parts.reduce((at, part) => (out.set(part, at), at + part.byteLength), 8 + headerBytes.byteLength);
  return out;
}
