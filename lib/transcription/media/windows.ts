// A whole-clip decode for tests and parity checks. The engine reads a streamed
// decode through PcmWindowReader (openPcmReader), advancing as its decoder goes.
import { SeleniteError } from "@/lib/errors";
import { openPcmReader } from "./decode";
import type { DecodeOptions } from "./decode";
import type { MediaWarning } from "./types";

export interface DecodedClip {
  /** 16 kHz mono. */
  samples: Float32Array;
  sampleRate: number;
  decodedSamples: number;
  durationSec: number;
  warnings: MediaWarning[];
}

const CHUNK_SEC = 30;

/** The whole clip in memory; refuses audio past `maxSec` (default 600). */
export async function decodeAll(file: string, options: DecodeOptions & { maxSec?: number } = {}): Promise<DecodedClip> {
  const maxSec = options.maxSec ?? 600;
  // One spare second so the reader can look one sample past a full chunk.
  const reader = await openPcmReader(file, { ...options, bufferSec: CHUNK_SEC + 1 });
  const chunk = CHUNK_SEC * reader.sampleRate;
  const parts: Float32Array[] = [];
  let total = 0;
  try {
    for (let start = 0; ; start += chunk) {
      const part = await reader.read(start, chunk);
      parts.push(part);
      total += part.length;
      if (total > maxSec * reader.sampleRate) {
        throw new SeleniteError("unprocessable", `decodeAll is for clips up to ${maxSec} s.`);
      }
      // False only once the decode is finished and judged, so the warnings are complete.
      if (!(await reader.hasSamplesFrom(start + chunk))) break;
    }
  } finally {
    // Closing early (too long, an abort) kills ffmpeg.
    await reader.close();
  }
  const samples = new Float32Array(total);
  let offset = 0;
  for (const part of parts) {
    samples.set(part, offset);
    offset += part.length;
  }
  return {
    samples,
    sampleRate: reader.sampleRate,
    decodedSamples: reader.decodedSamples,
    durationSec: reader.decodedSamples / reader.sampleRate,
    warnings: reader.warnings,
  };
}
