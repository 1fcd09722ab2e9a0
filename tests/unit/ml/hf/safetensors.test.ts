import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/lib/errors';
import { floatDtypes, parseSafetensors, writeSafetensors } from '../../../../src/lib/ml/hf';
import type { NamedArrays } from '../../../../src/lib/ml/models';

// safetensors: round trips in each float dtype, exact F16/BF16 bit patterns, the layout rules
// (8-byte aligned header, sorted names), skipped integer tensors and refused damage.

const tensors: NamedArrays = {
  'b.weight': { shape: [2, 3], values: Float32Array.of(1, -2, 0.5, 0, 65504, -0.25) },
  'a.bias': { shape: [3], values: Float32Array.of(3, 1 / 1024, -8) },
  scalar: { shape: [], values: Float32Array.of(7) },
};

function header(bytes: Uint8Array): Record<string, unknown> {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<string, unknown>;
}

/** A file by hand: one tensor of `dtype` whose data are `data`. */
function handMade(dtype: string, shape: number[], data: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify({ x: { dtype, shape, data_offsets: [0, data.byteLength] } }));
  const out = new Uint8Array(8 + json.byteLength + data.byteLength);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.byteLength), true);
  out.set(json, 8);
  out.set(data, 8 + json.byteLength);
  return out;
}

const u16 = (...xs: number[]) => new Uint8Array(Uint16Array.from(xs).buffer);

describe('safetensors', () => {
  it.each(floatDtypes)('round-trips %s (values exact in that dtype)', (dtype) => {
    const bytes = writeSafetensors(tensors, { dtype, metadata: { format: 'pt' } });
    const back = parseSafetensors(bytes);
    expect(back.metadata).toEqual({ format: 'pt' });
    expect(back.skipped).toEqual([]);
    for (const [name, t] of Object.entries(tensors)) {
      expect(back.tensors[name]?.shape).toEqual(t.shape);
      // bfloat16 keeps 8 bits of mantissa: 65504 becomes 65536; the rest are exact.
      const expected = dtype === 'BF16' ? [...t.values].map((v) => (v === 65504 ? 65536 : v)) : [...t.values];
      expect([...back.tensors[name]!.values]).toEqual(expected);
    }
  });

  it('writes the layout safetensors does: 8-byte aligned header, names sorted, data in that order', () => {
    const bytes = writeSafetensors(tensors);
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const h = header(bytes) as Record<string, { data_offsets: number[] }>;
    expect(Object.keys(h)).toEqual(['a.bias', 'b.weight', 'scalar']);
    expect(h['a.bias']!.data_offsets).toEqual([0, 12]);
    expect(h['b.weight']!.data_offsets).toEqual([12, 36]);
    expect(bytes.byteLength).toBe(8 + n + 40);
  });

  it('reads half and bfloat16 bit patterns exactly (normal, subnormal, infinity, NaN)', () => {
    const half = parseSafetensors(handMade('F16', [6], u16(0x3c00, 0xc000, 0x7bff, 0x0001, 0xfc00, 0x7e00))).tensors.x!.values;
    expect([...half.slice(0, 5)]).toEqual([1, -2, 65504, 2 ** -24, -Infinity]);
    expect(half[5]).toBeNaN();
    const bf = parseSafetensors(handMade('BF16', [3], u16(0x3f80, 0xc0a0, 0x0001))).tensors.x!.values;
    expect([...bf]).toEqual([1, -5, new Float32Array(new Uint32Array([1 << 16]).buffer)[0]]);
  });

  it('rounds to nearest even when writing half precision', () => {
    const values = Float32Array.of(1 + 2 ** -11, 1 + 3 * 2 ** -11, 2 ** -25 * 3, 1e6, 2 ** -14 - 2 ** -25);
    const back = parseSafetensors(writeSafetensors({ x: { shape: [5], values } }, { dtype: 'F16' })).tensors.x!.values;
    expect([...back]).toEqual([1, 1 + 2 * 2 ** -10, 2 ** -24 * 2, Infinity, 2 ** -14]);
  });

  it('skips integer tensors and lists them', () => {
    const ids = new Uint8Array(BigInt64Array.of(0n, 1n, 2n).buffer);
    const file = parseSafetensors(handMade('I64', [3], ids));
    expect(file.tensors).toEqual({});
    expect(file.skipped).toEqual(['x']);
  });

  it.each([
    ['too short', new Uint8Array(4)],
    ['header past the end', (() => { const b = new Uint8Array(16); new DataView(b.buffer).setBigUint64(0, 100n, true); return b; })()],
    ['not JSON', handMade('F32', [1], new Uint8Array(4)).map((v, i) => (i === 8 ? 0x5b : v))],
    ['data past the end', handMade('F32', [2], new Uint8Array(4)).subarray(0, -1)],
    ['wrong byte count', handMade('F32', [2], new Uint8Array(4))],
  ])('refuses a damaged file (%s) with input-malformed', (_, bytes) => {
    expect(() => parseSafetensors(bytes)).toThrow(AppError);
    try {
      parseSafetensors(bytes);
    } catch (error) {
      expect((error as AppError).code).toBe('input-malformed');
    }
  });
});
