// Choice of the next token from one step's logits, with Whisper's rules applied in
// the same order as transformers.js's generate() with return_timestamps:
// min-new-tokens, suppress_tokens, begin_suppress_tokens, then the timestamp rules.
// Same order, same decisions: with OpenAI's two extra timestamp rules off (monotonic
// timestamps, max_initial_timestamp; transformers.js applies neither) and at
// temperature 0, the tokens equal the library's own pipeline
// (tests/integration/engine.test.ts checks it). Above temperature 0 the token is
// drawn from softmax(logits / T) with a seeded generator (sampler.ts).
import type { WhisperSpec } from "./whisper-spec";

export interface PickerOptions {
  /** <|endoftext|> is suppressed until this many tokens were generated (benchmarks use it). */
  minNewTokens?: number;
  /**
   * OpenAI's max_initial_timestamp in timestamp steps (1.0 s = 50): the first
   * timestamp of a window may not be later. null: no cap (transformers.js).
   */
  maxInitialTimestampIndex?: number | null;
  /** OpenAI's rule that timestamps never go back and each segment has a length (transformers.js has none). */
  monotonicTimestamps?: boolean;
}

export class TokenPicker {
  private readonly minNewTokens: number;
  private readonly maxInitialTimestampIndex: number | null;
  private readonly monotonicTimestamps: boolean;

  constructor(
    private readonly spec: WhisperSpec,
    options: PickerOptions = {},
  ) {
    this.minNewTokens = options.minNewTokens ?? 0;
    this.maxInitialTimestampIndex = options.maxInitialTimestampIndex ?? null;
    this.monotonicTimestamps = options.monotonicTimestamps ?? false;
  }

  /** Mutates `logits` (a fresh copy of one position's row) and returns the greedy choice. */
  pick(logits: Float32Array, generated: readonly number[]): number {
    this.filter(logits, generated);
    return argmax(logits);
  }

  /** Applies every rule to `logits` in place (the tokens that may not come next get -Infinity): what greedy picks from and beam search ranks after (beam.ts). */
  filter(logits: Float32Array, generated: readonly number[]): void {
    const { spec } = this;
    if (generated.length < this.minNewTokens) logits[spec.endOfText] = -Infinity;
    for (const id of spec.suppress) logits[id] = -Infinity;
    if (generated.length === 0) for (const id of spec.beginSuppress) logits[id] = -Infinity;
    this.applyTimestampRules(logits, generated);
  }

  private applyTimestampRules(logits: Float32Array, generated: readonly number[]): void {
    const { noTimestamps, timestampBegin, endOfText } = this.spec;
    logits[noTimestamps] = -Infinity;
    // Every window opens with a timestamp, at most max_initial_timestamp in (OpenAI's
    // cap; transformers.js has none).
    if (generated.length === 0) {
      logits.fill(-Infinity, 0, timestampBegin);
      if (this.maxInitialTimestampIndex !== null) logits.fill(-Infinity, Math.min(logits.length, timestampBegin + this.maxInitialTimestampIndex + 1));
      return;
    }
    const last = generated[generated.length - 1];
    const penultimate = generated.length < 2 ? timestampBegin : generated[generated.length - 2];
    if (last >= timestampBegin) {
      // Timestamps come in pairs (end of one segment, start of the next), except
      // right before <|endoftext|>.
      if (penultimate >= timestampBegin) logits.fill(-Infinity, timestampBegin);
      else logits.fill(-Infinity, 0, endOfText);
    }
    if (this.monotonicTimestamps) {
      // No timestamp before the latest one; right after a segment's closing
      // timestamp the next may repeat it (the next segment starts there), otherwise
      // it must be later, so no segment has zero length and no loop stands still.
      let latest = -1;
      for (const token of generated) if (token >= timestampBegin && token > latest) latest = token;
      if (latest >= 0) {
        const closing = last >= timestampBegin && penultimate < timestampBegin;
        logits.fill(-Infinity, timestampBegin, Math.min(logits.length, closing ? latest : latest + 1));
      }
    }
    // When the timestamps together outweigh the best text token, a timestamp it is.
    // log-sum-exp over the timestamps only and the text maximum compare the same
    // way as after a full log-softmax (the normaliser cancels), at 3% of the cost.
    if (logSumExp(logits, timestampBegin, logits.length) > max(logits, 0, timestampBegin)) {
      logits.fill(-Infinity, 0, timestampBegin);
    }
  }
}

export function argmax(values: Float32Array): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < values.length; i++) {
    // Strictly greater: ties go to the lower id, as in transformers.js.
    if (values[i] > bestValue) {
      bestValue = values[i];
      best = i;
    }
  }
  return best;
}

export function max(values: Float32Array, from: number, to: number): number {
  let best = -Infinity;
  for (let i = from; i < to; i++) if (values[i] > best) best = values[i];
  return best;
}

export function logSumExp(values: Float32Array, from: number, to: number): number {
  const peak = max(values, from, to);
  if (peak === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = from; i < to; i++) sum += Math.exp(values[i] - peak);
  return peak + Math.log(sum);
}

/** Softmax over a few chosen ids only (language detection). */
export function softmaxOver(logits: Float32Array, ids: readonly number[]): number[] {
  const picked = ids.map((id) => logits[id]);
  const peak = Math.max(...picked);
  const exps = picked.map((value) => Math.exp(value - peak));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / sum);
}
