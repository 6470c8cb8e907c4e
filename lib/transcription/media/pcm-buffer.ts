// A forward-only window over an f32le byte stream. It holds at most `capacity`
// samples plus one unplaced chunk, so memory stays flat however long the file is.
// Bytes are copied straight into the Float32Array's storage (no per-sample
// conversion); a sample split across two chunks simply completes on the next one.
import { endianness } from "node:os";

export class SlidingPcmBuffer {
  readonly capacity: number;
  private readonly floats: Float32Array;
  private readonly bytes: Uint8Array;
  /** Absolute index of floats[0]. */
  private start = 0;
  /** Absolute stream bytes consumed so far, whether stored or skipped. */
  private consumed = 0;
  private readonly pending: Uint8Array[] = [];
  private pendingOffset = 0;
  private received = 0;

  constructor(capacitySamples: number) {
    // f32le straight into a Float32Array is only valid on little-endian hosts (x64, arm64).
    if (endianness() !== "LE") throw new Error("Selenite's PCM decoding needs a little-endian CPU");
    if (!Number.isInteger(capacitySamples) || capacitySamples <= 0) {
      throw new RangeError(`capacity must be a positive integer, got ${capacitySamples}`);
    }
    this.capacity = capacitySamples;
    this.floats = new Float32Array(capacitySamples);
    this.bytes = new Uint8Array(this.floats.buffer);
  }

  /** Absolute index of the first sample still held. */
  get startSample(): number {
    return this.start;
  }

  /** One past the last complete sample taken in (stored or skipped). */
  get endSample(): number {
    return Math.floor(this.consumed / 4);
  }

  /** Complete samples seen from the stream so far, including any still pending. */
  get receivedSamples(): number {
    return Math.floor(this.received / 4);
  }

  /** True while a chunk is waiting for room: the producer should pause. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Bytes held: the window's storage plus whatever chunk is waiting. */
  get heldBytes(): number {
    let waiting = -this.pendingOffset;
    for (const chunk of this.pending) waiting += chunk.length;
    return this.bytes.length + waiting;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.received += chunk.length;
    this.pending.push(chunk);
    this.drain();
  }

  /** Drop everything before `sample`, including samples not yet received. */
  discardBefore(sample: number): void {
    if (sample <= this.start) return;
    const stored = this.consumed - this.start * 4;
    const drop = (sample - this.start) * 4;
    // Keep the tail, partial sample included, at the front.
    if (drop < stored) this.bytes.copyWithin(0, drop, stored);
    this.start = sample;
    this.drain();
  }

  /** A copy of [from, from + length), clipped to what is held. */
  copy(from: number, length: number): Float32Array {
    if (from < this.start) throw new RangeError(`sample ${from} was already discarded (start ${this.start})`);
    const end = Math.min(from + length, this.endSample);
    if (end <= from) return new Float32Array(0);
    return this.floats.slice(from - this.start, end - this.start);
  }

  private drain(): void {
    const startByte = this.start * 4;
    while (this.pending.length > 0) {
      const chunk = this.pending[0];
      const available = chunk.length - this.pendingOffset;
      let take: number;
      if (this.consumed < startByte) {
        // The reader skipped ahead of the decoder: throw these bytes away.
        take = Math.min(available, startByte - this.consumed);
      } else {
        const offset = this.consumed - startByte;
        take = Math.min(available, this.bytes.length - offset);
        if (take === 0) return;
        this.bytes.set(chunk.subarray(this.pendingOffset, this.pendingOffset + take), offset);
      }
      this.consumed += take;
      this.pendingOffset += take;
      if (this.pendingOffset === chunk.length) {
        this.pending.shift();
        this.pendingOffset = 0;
      }
    }
  }
}
