// HyperLogLog distinct counting (Flajolet et al. 2007) with the linear-counting correction for
// small sets. 2^14 one-byte registers (16 KiB) give about 0.8% standard error at any size, and
// two sketches merge by taking the larger register, so workers can count in parallel.
import { invariant } from '../errors';
import { hashString } from './hash';

export class HyperLogLog {
  readonly precision: number;
  readonly #registers: Uint8Array;

  constructor(precision = 14) {
    invariant(Number.isInteger(precision) && precision >= 4 && precision <= 16, `HyperLogLog precision must be an integer in 4..16, got ${precision}`);
    this.precision = precision;
    this.#registers = new Uint8Array(1 << precision);
  }

  add(text: string): void {
    this.addHash(hashString(text));
  }

  /** Adds a 32-bit hash: the top `precision` bits pick a register, the rest give the rank. */
  addHash(hash: number): void {
    const p = this.precision;
    const index = hash >>> (32 - p);
    const rank = Math.min(Math.clz32((hash << p) >>> 0) + 1, 32 - p + 1);
    if (rank > (this.#registers[index] ?? 0)) this.#registers[index] = rank;
  }

  merge(other: HyperLogLog): void {
    invariant(other.precision === this.precision, 'HyperLogLog sketches must share a precision to merge');
    const mine = this.#registers;
    other.#registers.forEach((r, i) => {
      if (r > (mine[i] ?? 0)) mine[i] = r;
    });
  }

  estimate(): number {
    const m = this.#registers.length;
    let sum = 0;
    let zeros = 0;
    for (const r of this.#registers) {
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / m);
    const raw = (alpha * m * m) / sum;
    if (raw <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros));
    // Past ~1/30 of the 32-bit hash space, collisions make the raw estimate run low.
    const space = 2 ** 32;
    if (raw > space / 30) return Math.round(-space * Math.log(1 - raw / space));
    return Math.round(raw);
  }
}
