// Spectral statistics for the rough speaker mode: MFCCs (25 ms Hamming frames every
// 20 ms, 40 mel bands from 80 Hz to 7.6 kHz, 19 cepstra without c0, so loudness does
// not count) summed per 0.2 s cell as they stream past, so any stretch of the file can
// be described afterwards by its mean and spread from a few numbers per cell. Memory:
// 2 × 19 doubles and a count per cell, about 2 MB an hour.
const SAMPLE_RATE = 16_000;
const FRAME = 400;
const HOP = 320;
const FFT = 512;
const BANDS = 40;
export const MFCC_DIMS = 19;
const CELL_SEC = 0.2;

const hamming = Float32Array.from({ length: FRAME }, (_, n) => 0.54 - 0.46 * Math.cos((2 * Math.PI * n) / (FRAME - 1)));

const mel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const hz = (m: number) => 700 * (10 ** (m / 2595) - 1);

/** Triangular mel filters over the FFT's 257 bins: per band, its first bin and weights. */
const filters = (() => {
  const low = mel(80);
  const high = mel(7600);
  const edges = Array.from({ length: BANDS + 2 }, (_, i) => (hz(low + ((high - low) * i) / (BANDS + 1)) * FFT) / SAMPLE_RATE);
  return Array.from({ length: BANDS }, (_, b) => {
    const [left, centre, right] = [edges[b], edges[b + 1], edges[b + 2]];
    const first = Math.ceil(left);
    const weights: number[] = [];
    for (let bin = first; bin <= Math.floor(right); bin++) {
      weights.push(bin <= centre ? (bin - left) / (centre - left) : (right - bin) / (right - centre));
    }
    return { first, weights: Float32Array.from(weights, (w) => Math.max(0, w)) };
  });
})();

const dct = Array.from({ length: MFCC_DIMS }, (_, c) =>
  Float32Array.from({ length: BANDS }, (_, b) => Math.cos((Math.PI * (c + 1) * (b + 0.5)) / BANDS) * Math.sqrt(2 / BANDS)),
);

/**
 * Power spectrum of a real 512-sample frame through a 256-point complex FFT (even samples
 * as the real part, odd as the imaginary), unpacked into bins 0..256.
 */
export class RealFft {
  private readonly half = FFT / 2;
  private readonly re = new Float64Array(this.half);
  private readonly im = new Float64Array(this.half);
  private readonly reverse = new Uint16Array(this.half);
  private readonly cos = new Float64Array(this.half);
  private readonly sin = new Float64Array(this.half);

  constructor() {
    const bits = Math.log2(this.half);
    for (let i = 0; i < this.half; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.reverse[i] = r;
      this.cos[i] = Math.cos((2 * Math.PI * i) / FFT);
      this.sin[i] = Math.sin((2 * Math.PI * i) / FFT);
    }
  }

  /** `frame` holds FFT samples (zero-padded by the caller); `power` gets half + 1 values. */
  power(frame: Float32Array, power: Float64Array): void {
    const { re, im, half } = this;
    for (let i = 0; i < half; i++) {
      const j = this.reverse[i];
      re[j] = frame[2 * i];
      im[j] = frame[2 * i + 1];
    }
    for (let size = 2; size <= half; size *= 2) {
      const step = (half / size) * 2; // twiddle stride in the 512-point table
      for (let start = 0; start < half; start += size) {
        for (let k = 0; k < size / 2; k++) {
          const wr = this.cos[k * step];
          const wi = -this.sin[k * step];
          const a = start + k;
          const b = a + size / 2;
          const tr = re[b] * wr - im[b] * wi;
          const ti = re[b] * wi + im[b] * wr;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
    for (let k = 0; k <= half; k++) {
      const zr = re[k % half];
      const zi = im[k % half];
      const cr = re[(half - k) % half];
      const ci = -im[(half - k) % half];
      const er = (zr + cr) / 2;
      const ei = (zi + ci) / 2;
      // (z - conj) / 2i
      const or = (zi - ci) / 2;
      const oi = -(zr - cr) / 2;
      const wr = k < half ? this.cos[k] : -1;
      const wi = k < half ? -this.sin[k] : 0;
      const xr = er + wr * or - wi * oi;
      const xi = ei + wr * oi + wi * or;
      power[k] = xr * xr + xi * xi;
    }
  }
}

/** MFCC sums per 0.2 s cell of a 16 kHz mono stream, fed in order in chunks of any size. */
export class MfccCells {
  private sums = new Float64Array(1024 * MFCC_DIMS);
  private squares = new Float64Array(1024 * MFCC_DIMS);
  private counts = new Uint8Array(1024);
  private cellCount = 0;
  private readonly carry = new Float32Array(FRAME);
  private nextFrame = 0;
  private readonly fft = new RealFft();
  private readonly frame = new Float32Array(FFT);
  private readonly spectrum = new Float64Array(FFT / 2 + 1);
  private readonly logMel = new Float64Array(BANDS);
  /** Samples seen so far. */
  private seen = 0;

  push(chunk: Float32Array): void {
    const base = this.seen;
    this.seen += chunk.length;
    // Frame f covers samples [f * HOP, f * HOP + FRAME); frames overlap chunk edges through `carry`.
    for (;;) {
      const start = this.nextFrame * HOP;
      if (start + FRAME > this.seen) break;
      for (let n = 0; n < FRAME; n++) {
        const at = start + n;
        this.frame[n] = at >= base ? chunk[at - base] : this.carry[FRAME - (base - at)];
      }
      this.addFrame(this.nextFrame);
      this.nextFrame++;
    }
    // Keep the last FRAME samples for frames that straddle into the next chunk.
    if (chunk.length >= FRAME) this.carry.set(chunk.subarray(chunk.length - FRAME));
    else {
      this.carry.copyWithin(0, chunk.length);
      this.carry.set(chunk, FRAME - chunk.length);
    }
  }

  /** Mean and spread of the MFCCs over [startSec, endSec), or null when it holds under 3 frames. */
  stats(startSec: number, endSec: number): Float64Array | null {
    const first = Math.max(0, Math.floor(startSec / CELL_SEC));
    const last = Math.min(this.cellCount - 1, Math.ceil(endSec / CELL_SEC) - 1);
    const sum = new Float64Array(MFCC_DIMS);
    const square = new Float64Array(MFCC_DIMS);
    let count = 0;
    for (let cell = first; cell <= last; cell++) {
      count += this.counts[cell];
      for (let d = 0; d < MFCC_DIMS; d++) {
        sum[d] += this.sums[cell * MFCC_DIMS + d];
        square[d] += this.squares[cell * MFCC_DIMS + d];
      }
    }
    if (count < 3) return null;
    const out = new Float64Array(2 * MFCC_DIMS);
    for (let d = 0; d < MFCC_DIMS; d++) {
      const mean = sum[d] / count;
      out[d] = mean;
      out[MFCC_DIMS + d] = Math.sqrt(Math.max(0, square[d] / count - mean * mean));
    }
    return out;
  }

  private addFrame(index: number): void {
    const frame = this.frame;
    let previous = 0;
    for (let n = 0; n < FRAME; n++) {
      const value = frame[n];
      frame[n] = (value - 0.97 * previous) * hamming[n];
      previous = value;
    }
    frame.fill(0, FRAME);
    this.fft.power(frame, this.spectrum);
    for (let b = 0; b < BANDS; b++) {
      const { first, weights } = filters[b];
      let energy = 0;
      for (let w = 0; w < weights.length; w++) energy += weights[w] * this.spectrum[first + w];
      this.logMel[b] = Math.log(energy + 1e-10);
    }
    const cell = Math.floor((index * HOP + FRAME / 2) / (CELL_SEC * SAMPLE_RATE));
    this.grow(cell + 1);
    this.counts[cell] = Math.min(255, this.counts[cell] + 1);
    for (let c = 0; c < MFCC_DIMS; c++) {
      let value = 0;
      const row = dct[c];
      for (let b = 0; b < BANDS; b++) value += row[b] * this.logMel[b];
      this.sums[cell * MFCC_DIMS + c] += value;
      this.squares[cell * MFCC_DIMS + c] += value * value;
    }
  }

  private grow(cells: number): void {
    if (cells > this.counts.length) {
      const size = Math.max(cells, this.counts.length * 2);
      const grown = (from: Float64Array) => {
        const to = new Float64Array(size * MFCC_DIMS);
        to.set(from);
        return to;
      };
      this.sums = grown(this.sums);
      this.squares = grown(this.squares);
      const counts = new Uint8Array(size);
      counts.set(this.counts);
      this.counts = counts;
    }
    this.cellCount = Math.max(this.cellCount, cells);
  }
}
