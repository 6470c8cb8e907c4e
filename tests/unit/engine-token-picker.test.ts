// The engine's greedy token choice against transformers.js's own logits
// processors, on random logits and histories shaped like real decoding.
import {
  LogitsProcessorList,
  MinNewTokensLengthLogitsProcessor,
  SuppressTokensAtBeginLogitsProcessor,
  SuppressTokensLogitsProcessor,
  Tensor,
  WhisperTimeStampLogitsProcessor,
} from "@huggingface/transformers";
import { describe, expect, it } from "vitest";
import { argmax, logSumExp, softmaxOver, TokenPicker } from "@/lib/transcription/token-picker";
import type { WhisperSpec } from "@/lib/transcription/whisper-spec";

// The compact test vocabulary's layout: text < 256, <|endoftext|> 256, specials, timestamps from 363.
const SPEC: WhisperSpec = {
  startOfTranscript: 257,
  endOfText: 256,
  noTimestamps: 362,
  startOfPrev: 360,
  noSpeech: 361,
  timestampBegin: 363,
  vocabSize: 1864,
  multilingual: true,
  languages: new Map([["en", 258]]),
  tasks: { transcribe: 358, translate: 357 },
  suppress: [1, 2, 3, 30, 357, 358, 359, 360, 361],
  beginSuppress: [220, 256],
  alignmentHeads: [[0, 0]],
  decoderLayers: 1,
  decoderHeads: 2,
  dModel: 64,
  maxTargetPositions: 448,
  encoderFrames: 1500,
  medianFilterWidth: 7,
};
const PROMPT = [257, 258, 358];

function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** What transformers.js's generate() picks with return_timestamps and the given min_new_tokens. */
function libraryPick(logits: Float32Array, generated: number[], minNewTokens: number): number {
  const init = PROMPT;
  const config = { eos_token_id: SPEC.endOfText, no_timestamps_token_id: SPEC.noTimestamps, max_initial_timestamp_index: 50 };
  const processors = new LogitsProcessorList();
  if (minNewTokens > 0) processors.push(new MinNewTokensLengthLogitsProcessor(init.length, minNewTokens, SPEC.endOfText));
  processors.push(new SuppressTokensLogitsProcessor(SPEC.suppress));
  processors.push(new SuppressTokensAtBeginLogitsProcessor(SPEC.beginSuppress, init.length));
  // @ts-expect-error the library types want a full WhisperGenerationConfig; these are the fields it reads.
  processors.push(new WhisperTimeStampLogitsProcessor(config, init));
  const ids = [[...init, ...generated].map((t) => BigInt(t))];
  const scores = new Tensor("float32", logits.slice(), [1, logits.length]);
  // The processors edit the tensor's data in place.
  processors._call(ids, scores);
  return argmax(scores.data as Float32Array);
}

describe("TokenPicker", () => {
  it("chooses exactly what transformers.js's processors choose", () => {
    const random = seeded(7);
    let checked = 0;
    for (let trial = 0; trial < 400; trial++) {
      const generated: number[] = [];
      const length = Math.floor(random() * 6);
      for (let i = 0; i < length; i++) {
        // Mix text tokens and timestamps so every timestamp rule is exercised.
        generated.push(random() < 0.35 ? SPEC.timestampBegin + Math.floor(random() * 1501) : Math.floor(random() * 250));
      }
      const logits = Float32Array.from({ length: SPEC.vocabSize }, (_, id) => {
        const bias = id >= SPEC.timestampBegin ? (random() < 0.5 ? -6 : -3) : 0;
        return (random() - 0.5) * 8 + bias;
      });
      const minNew = trial % 3 === 0 ? 4 : 0;
      const ours = new TokenPicker(SPEC, { minNewTokens: minNew }).pick(logits.slice(), generated);
      expect(ours, `trial ${trial}`).toBe(libraryPick(logits, generated, minNew));
      checked++;
    }
    expect(checked).toBe(400);
  });

  it("opens every window with a timestamp and never emits <|notimestamps|>", () => {
    const logits = new Float32Array(SPEC.vocabSize).fill(0);
    logits[SPEC.noTimestamps] = 100;
    logits[42] = 50;
    logits[SPEC.timestampBegin + 3] = 1;
    expect(new TokenPicker(SPEC).pick(logits, [])).toBe(SPEC.timestampBegin + 3);
  });

  it("suppresses <|endoftext|> until min new tokens", () => {
    const logits = new Float32Array(SPEC.vocabSize).fill(-10);
    logits[SPEC.endOfText] = 10;
    logits[100] = 5;
    const picker = new TokenPicker(SPEC, { minNewTokens: 3 });
    expect(picker.pick(logits.slice(), [SPEC.timestampBegin, 100])).toBe(100);
    expect(picker.pick(logits.slice(), [SPEC.timestampBegin, 100, 100])).toBe(SPEC.endOfText);
  });
});

describe("helpers", () => {
  it("argmax keeps the first of equal maxima", () => {
    expect(argmax(Float32Array.from([1, 3, 3, 2]))).toBe(1);
  });

  it("logSumExp handles all -Infinity and large values", () => {
    expect(logSumExp(Float32Array.from([-Infinity, -Infinity]), 0, 2)).toBe(-Infinity);
    expect(logSumExp(Float32Array.from([1000, 1000]), 0, 2)).toBeCloseTo(1000 + Math.log(2), 6);
  });

  it("softmaxOver normalises over the chosen ids only", () => {
    const probs = softmaxOver(Float32Array.from([5, 0, Math.log(3), 9]), [1, 2]);
    expect(probs[0]).toBeCloseTo(0.25);
    expect(probs[1]).toBeCloseTo(0.75);
  });
});
