// Folds a stream of 16-bit PCM into peaks: the loudest sample of every slice of
// `samplesPerPeak`, as 0–255. Chunks may split a sample; memory is the peaks, never the audio.

export class PeakReducer {
  private readonly out: number[] = [];
  private carry: number | null = null;
  private max = 0;
  private inSlice = 0;
  private total = 0;

  constructor(private readonly samplesPerPeak: number) {}

  push(chunk: Uint8Array): void {
    let offset = 0;
    if (this.carry !== null && chunk.length > 0) {
      this.sample((((chunk[0] << 8) | this.carry) << 16) >> 16);
      this.carry = null;
      offset = 1;
    }
    const whole = offset + ((chunk.length - offset) & ~1);
    for (let i = offset; i < whole; i += 2) this.sample((((chunk[i + 1] << 8) | chunk[i]) << 16) >> 16);
    if (whole < chunk.length) this.carry = chunk[whole];
  }

  /** Samples folded so far (the decoder's length of the file). */
  get samples(): number {
    return this.total;
  }

  finish(): Uint8Array {
    if (this.inSlice > 0) this.flush();
    return Uint8Array.from(this.out);
  }

  private sample(value: number): void {
    const magnitude = value < 0 ? -value : value;
    if (magnitude > this.max) this.max = magnitude;
    this.total += 1;
    if (++this.inSlice === this.samplesPerPeak) this.flush();
  }

  private flush(): void {
    this.out.push(Math.min(255, Math.round((this.max / 32768) * 255)));
    this.max = 0;
    this.inSlice = 0;
  }
}
