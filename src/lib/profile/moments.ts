// Count, mean, variance, min and max in one pass (Welford), merged with Chan et al.'s parallel
// formula: two halves merged give the same figures as one pass, up to rounding.

export class RunningMoments {
  count = 0;
  mean = 0;
  /** Sum of squared deviations from the mean. */
  m2 = 0;
  min = Infinity;
  max = -Infinity;
  sum = 0;

  add(x: number): void {
    this.count++;
    const delta = x - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (x - this.mean);
    this.sum += x;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  merge(other: RunningMoments): void {
    if (other.count === 0) return;
    if (this.count === 0) {
      Object.assign(this, { count: other.count, mean: other.mean, m2: other.m2, min: other.min, max: other.max, sum: other.sum });
      return;
    }
    const n = this.count + other.count;
    const delta = other.mean - this.mean;
    this.m2 += other.m2 + (delta * delta * this.count * other.count) / n;
    this.mean += (delta * other.count) / n;
    this.count = n;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  /** Sample standard deviation (n - 1); 0 below two values. */
  get std(): number {
    return this.count < 2 ? 0 : Math.sqrt(this.m2 / (this.count - 1));
  }
}
