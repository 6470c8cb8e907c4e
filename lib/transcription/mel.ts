// Log-mel features for one window through transformers.js's WhisperFeatureExtractor,
// with a shortcut for windows shorter than 30 s (short files, the end of every long
// one). The library pads such audio with zeros to 30 s and runs all 3000 frames
// through the FFT; the padding frames all come out as the same floor value. We
// compute only the frames that touch audio plus a few of pure padding, and copy that
// floor value (read from a padding frame, so it is exactly the library's) into the
// rest: the result is identical, at a fraction of the cost on short audio.
import { Tensor, WhisperFeatureExtractor } from "@huggingface/transformers";
import { HOP_LENGTH as HOP, MEL_FRAMES as FRAMES } from "./whisper-constants";

/**
 * Zeros appended after the audio: enough that the last computed frame (400 samples,
 * centred, reflected at the end) sees only zeros, so it holds the padding value.
 */
const TAIL = 4 * HOP;
/**
 * Fewest frames to compute: on very short inputs onnxruntime's matmul (used for the
 * mel projection) takes another kernel path and rounds a few values differently
 * (seen below ~140 frames); from a few hundred frames on, it matches the 3000-frame
 * product bit for bit (tests/unit/engine-mel.test.ts).
 */
const MIN_FRAMES = 400;

export async function logMel(extractor: WhisperFeatureExtractor, audio: Float32Array): Promise<Tensor> {
  const samples = FRAMES * HOP;
  const frames = Math.max(Math.floor((audio.length + TAIL) / HOP), MIN_FRAMES);
  if (frames >= FRAMES) return fullWindow(extractor, audio);
  const padded = new Float32Array(frames * HOP);
  padded.set(audio);
  const partial = await extractor._extract_fbank_features(padded);
  const [mels, computed] = partial.dims;
  const standard = extractor.config.n_samples === samples && extractor.config.hop_length === HOP;
  if (computed !== frames || !standard) return fullWindow(extractor, audio);
  const data = partial.data as Float32Array;
  const out = new Float32Array(mels * FRAMES);
  for (let m = 0; m < mels; m++) {
    const row = data.subarray(m * computed, (m + 1) * computed);
    out.set(row, m * FRAMES);
    out.fill(row[computed - 1], m * FRAMES + computed, (m + 1) * FRAMES);
  }
  return new Tensor("float32", out, [1, mels, FRAMES]);
}

async function fullWindow(extractor: WhisperFeatureExtractor, audio: Float32Array): Promise<Tensor> {
  const { input_features } = await extractor._call(audio);
  return input_features;
}
