// The short-window shortcut of the log-mel front end gives exactly the library's
// features (computed on audio padded to 30 s), bit for bit.
import { WhisperFeatureExtractor, type Tensor } from "@huggingface/transformers";
import { describe, expect, it } from "vitest";
import { logMel } from "@/lib/transcription/mel";

// openai/whisper-* preprocessor_config.json (80 mel bins).
const extractor = new WhisperFeatureExtractor({
  chunk_length: 30,
  feature_extractor_type: "WhisperFeatureExtractor",
  feature_size: 80,
  hop_length: 160,
  n_fft: 400,
  n_samples: 480000,
  nb_max_frames: 3000,
  padding_side: "right",
  padding_value: 0.0,
  return_attention_mask: false,
  sampling_rate: 16000,
});

function speechLike(samples: number, seed: number): Float32Array {
  let state = seed;
  const noise = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.05;
  return Float32Array.from({ length: samples }, (_, i) => 0.3 * Math.sin(i / 9) * Math.sin(i / 2000) + noise());
}

describe("logMel", () => {
  it.each([0.05, 0.4, 1.2, 3, 17.31, 29.9, 30])("equals the padded full-window features for %s s of audio", async (seconds) => {
    const audio = speechLike(Math.round(seconds * 16_000), Math.round(seconds * 100));
    const ours = await logMel(extractor, audio);
    const { input_features } = (await extractor(audio)) as { input_features: Tensor };
    expect(ours.dims).toEqual([1, 80, 3000]);
    expect(ours.dims).toEqual(input_features.dims);
    expect(Buffer.from((ours.data as Float32Array).buffer).equals(Buffer.from((input_features.data as Float32Array).buffer))).toBe(true);
  });

  it("handles silence (the floor is then -10 before normalisation)", async () => {
    const ours = await logMel(extractor, new Float32Array(16_000));
    const { input_features } = (await extractor(new Float32Array(16_000))) as { input_features: Tensor };
    expect([...(ours.data as Float32Array).slice(0, 5)]).toEqual([...(input_features.data as Float32Array).slice(0, 5)]);
    expect(ours.data).toEqual(input_features.data);
  });
});
