// The peaks file: what the waveform draws, small enough to keep next to the media and
// send whole. Little-endian, 16-byte header then one byte per peak:
//   0  "SPK1"                 magic and version
//   4  uint16 peaksPerSecond
//   6  uint16 0               reserved
//   8  float64 durationSec    from the decoder: samples decoded / sample rate
//   16 uint8[]                the loudest sample of each slice, 0 (silence) to 255 (full scale)
// No server imports: the player reads the same layout.

export const PEAKS_MAGIC = "SPK1";
/** Kept beside the recording: `<stored name>.peaks`. */
export const PEAKS_SUFFIX = ".peaks";
export const PEAKS_HEADER_BYTES = 16;

export type Peaks = { peaksPerSecond: number; durationSec: number; values: Uint8Array };

export function encodePeaks({ peaksPerSecond, durationSec, values }: Peaks): Uint8Array {
  const bytes = new Uint8Array(PEAKS_HEADER_BYTES + values.length);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = PEAKS_MAGIC.charCodeAt(i);
  view.setUint16(4, peaksPerSecond, true);
  view.setFloat64(8, durationSec, true);
  bytes.set(values, PEAKS_HEADER_BYTES);
  return bytes;
}

/** Null for anything that is not a peaks file of this version. */
export function decodePeaks(bytes: Uint8Array): Peaks | null {
  if (bytes.length < PEAKS_HEADER_BYTES) return null;
  for (let i = 0; i < 4; i++) if (bytes[i] !== PEAKS_MAGIC.charCodeAt(i)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const peaksPerSecond = view.getUint16(4, true);
  const durationSec = view.getFloat64(8, true);
  if (peaksPerSecond === 0 || !Number.isFinite(durationSec) || durationSec < 0) return null;
  return { peaksPerSecond, durationSec, values: bytes.subarray(PEAKS_HEADER_BYTES) };
}
