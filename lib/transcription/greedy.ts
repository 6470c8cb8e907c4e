// Decoding of one 30 s window, one token at a time: feed the prompt, then one token
// per step until <|endoftext|>, the token budget, or the decoder's last position.
// The token is the greedy choice at temperature 0, a seeded draw above it (sampler.ts).
// transformers.js's generate() has no beam search either (its loop keeps one beam:
// "TODO: Support beam search"), so greedy is all the library offers.
import { SeleniteError } from "@/lib/errors";
import type { AttentionByLayer, DecoderState } from "./decoder-state";
import type { TokenChooser } from "./sampler";
import { argmax, logSumExp, type TokenPicker } from "./token-picker";

export interface GreedyOptions {
  prompt: readonly number[];
  picker: TokenPicker;
  maxNewTokens: number;
  endOfText: number;
  /** The decoder's position limit (448 for Whisper). */
  maxPositions: number;
  signal?: AbortSignal;
  /** Collect cross-attention rows of these [layer, head] pairs (word timestamps). */
  alignmentHeads?: readonly [number, number][];
  /** How a token is chosen from the filtered logits (default: greedy). */
  choose?: TokenChooser;
  /** Probability of this token (<|nospeech|>) at the prompt's <|startoftranscript|> position, raw logits (OpenAI's no_speech_prob). */
  noSpeech?: { token: number; position: number };
}

export interface GreedyResult {
  /** Generated tokens; the last is <|endoftext|> when the model ended the window itself. */
  tokens: number[];
  /**
   * Log-probability of each generated token (same order as `tokens`), taken as
   * openai/whisper does: log-softmax of the logits after the suppression and
   * timestamp rules, at the token that was picked.
   */
  logprobs: number[];
  /**
   * Per alignment head, one row per fed position (prompt first), each row the
   * attention over encoder frames. Row prompt.length - 1 + k is the query that
   * predicted generated token k.
   */
  attention?: Float32Array[][];
  /** See GreedyOptions.noSpeech; undefined when not asked for. */
  noSpeechProb?: number;
}

export const CANCELLED_MESSAGE = "Transcription was cancelled.";

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SeleniteError("cancelled", CANCELLED_MESSAGE, { cause: signal.reason });
}

export async function decodeGreedy(state: DecoderState, options: GreedyOptions): Promise<GreedyResult> {
  const { prompt, picker, endOfText, signal, alignmentHeads } = options;
  const budget = Math.max(1, Math.min(options.maxNewTokens, options.maxPositions - prompt.length));
  const collect = alignmentHeads !== undefined && alignmentHeads.length > 0;
  const rows: Float32Array[][] = collect ? alignmentHeads.map(() => []) : [];
  const generated: number[] = [];
  const logprobs: number[] = [];

  const choose = options.choose ?? argmax;
  const { noSpeech } = options;

  throwIfAborted(signal);
  let step = await state.feed(prompt, collect, noSpeech?.position);
  let noSpeechProb: number | undefined;
  if (noSpeech) noSpeechProb = probabilityOf(step.row ?? step.logits, noSpeech.token);
  for (;;) {
    if (collect && step.attention) keepRows(rows, step.attention, alignmentHeads);
    throwIfAborted(signal);
    picker.filter(step.logits, generated);
    const token = choose(step.logits);
    // pick() left the filtered logits in place; at least the picked one is finite.
    logprobs.push(step.logits[token] - logSumExp(step.logits, 0, step.logits.length));
    generated.push(token);
    if (token === endOfText || generated.length >= budget) break;
    step = await state.feed([token], collect);
  }
  const result: GreedyResult = collect ? { tokens: generated, logprobs, attention: rows } : { tokens: generated, logprobs };
  if (noSpeechProb !== undefined) result.noSpeechProb = noSpeechProb;
  return result;
}

/** softmax(row)[token], from raw logits. */
export function probabilityOf(row: Float32Array, token: number): number {
  return Math.exp(row[token] - logSumExp(row, 0, row.length));
}

export function keepRows(rows: Float32Array[][], attention: AttentionByLayer, heads: readonly [number, number][]): void {
  heads.forEach(([layer, head], k) => {
    const layerRows = attention.get(layer);
    if (!layerRows) return;
    const { data, positions, frames } = layerRows;
    for (let p = 0; p < positions; p++) {
      const offset = (head * positions + p) * frames;
      // A copy, so the step's whole output (every head) is not kept alive.
      rows[k].push(data.slice(offset, offset + frames));
    }
  });
}
