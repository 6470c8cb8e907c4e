// Fixed-hop windows over a streamed decode, and a whole-clip decode for short
// files. Engines that advance by a variable amount use PcmWindowReader directly.
import { SeleniteError } from "@/lib/errors";
import { openPcmReader } from "./decode";
import type { DecodeOptions } from "./decode";
import { TARGET_SAMPLE_RATE } from "./types";
import type { MediaWarning } from "./types";

export interface WindowOptions extends DecodeOptions {
  /** Window length (default 30 s, Whisper's input size). */
  windowSec?: number;
  /** Start-to-start distance; windowSec - hopSec is the overlap (default 25 s). */
  hopSec?: number;
}

export interface DecodeSummary {
  decodedSamples: number;
  durationSec: number;
  warnings: MediaWarning[];
}

export interface PcmWindow {
  index: number;
  startSample: number;
  startSec: number;
  /** 16 kHz mono; a fresh copy the caller may keep. Shorter than a full window only at the end. */
  samples: Float32Array;
  isLast: boolean;
  /** Present on the last window only. */
  summary?: DecodeSummary;
}

/**
 * Yields windows until the file is covered. No window is only overlap: the last one
 * is the first that reaches the end of the audio. Breaking out of the loop (or an
 * abort) kills ffmpeg.
 */
export async function* decodeWindows(file: string, options: WindowOptions = {}): AsyncGenerator<PcmWindow> {
  const windowSec = options.windowSec ?? 30;
  const hopSec = options.hopSec ?? 25;
  if (!(hopSec > 0 && hopSec <= windowSec)) throw new RangeError("hopSec must be in (0, windowSec]");
  // One spare second so the reader can look one sample past a full window.
  const reader = await openPcmReader(file, { ...options, bufferSec: windowSec + 1 });
  const windowLength = Math.round(windowSec * reader.sampleRate);
  const hop = Math.round(hopSec * reader.sampleRate);
  try {
    for (let index = 0, start = 0; ; index++, start += hop) {
      const samples = await reader.read(start, windowLength);
      const isLast = !(await reader.hasSamplesFrom(start + windowLength));
      const window: PcmWindow = { index, startSample: start, startSec: start / reader.sampleRate, samples, isLast };
      if (isLast) {
        // hasSamplesFrom returned false, so the decode is finished and judged.
        window.summary = {
          decodedSamples: reader.decodedSamples,
          durationSec: reader.decodedSamples / reader.sampleRate,
          warnings: reader.warnings,
        };
      }
      yield window;
      if (isLast) return;
    }
  } finally {
    await reader.close();
  }
}

export interface DecodedClip extends DecodeSummary {
  samples: Float32Array;
  sampleRate: number;
}

/** The whole clip in memory, for tests and parity checks; refuses audio past `maxSec`. */
export async function decodeAll(
  file: string,
  options: DecodeOptions & { maxSec?: number } = {},
): Promise<DecodedClip> {
  const maxSamples = (options.maxSec ?? 600) * TARGET_SAMPLE_RATE;
  const parts: Float32Array[] = [];
  let total = 0;
  for await (const window of decodeWindows(file, { ...options, windowSec: 30, hopSec: 30 })) {
    parts.push(window.samples);
    total += window.samples.length;
    // Leaving the loop closes the generator, which kills ffmpeg.
    if (total > maxSamples) {
      throw new SeleniteError("unprocessable", `decodeAll is for clips up to ${options.maxSec ?? 600} s.`);
    }
    if (window.summary) {
      const samples = new Float32Array(total);
      let offset = 0;
      for (const part of parts) {
        samples.set(part, offset);
        offset += part.length;
      }
      return { samples, sampleRate: TARGET_SAMPLE_RATE, ...window.summary };
    }
  }
  throw new SeleniteError("internal", "Decoding ended without a final window.");
}
