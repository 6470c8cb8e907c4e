import "server-only";
// whisper-asr-webservice's encode=false: the body is raw 16 kHz mono s16le PCM with
// no header (what Bazarr's ffmpeg call writes). A 44-byte WAV header in front makes
// it a file every later check (magic bytes, ffprobe) and the engine read as usual.
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { SAMPLE_RATE } from "@/lib/transcription/whisper-constants";

const CHANNELS = 1;
const BYTES_PER_SAMPLE = 2;
const HEADER_BYTES = 44;

export function wavHeader(dataBytes: number): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16); // PCM fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(CHANNELS, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * CHANNELS * BYTES_PER_SAMPLE, 28);
  header.writeUInt16LE(CHANNELS * BYTES_PER_SAMPLE, 32);
  header.writeUInt16LE(BYTES_PER_SAMPLE * 8, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/**
 * Rewrites the headerless PCM at `file` as a WAV, keeping at most `maxSeconds` of it
 * (language detection needs the first 30 s only). Returns the new size in bytes.
 */
export async function wrapPcmAsWav(file: string, size: number, maxSeconds?: number): Promise<number> {
  const limit = maxSeconds === undefined ? size : Math.min(size, maxSeconds * SAMPLE_RATE * BYTES_PER_SAMPLE);
  // Whole samples only: an odd trailing byte is half a sample.
  const dataBytes = limit - (limit % BYTES_PER_SAMPLE);
  const wav = `${file}.wav`;
  try {
    const out = fs.createWriteStream(wav);
    out.write(wavHeader(dataBytes));
    if (dataBytes > 0) await pipeline(fs.createReadStream(file, { start: 0, end: dataBytes - 1 }), out);
    else await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await fs.promises.rename(wav, file);
  } catch (error) {
    await fs.promises.rm(wav, { force: true });
    throw error;
  }
  return HEADER_BYTES + dataBytes;
}
