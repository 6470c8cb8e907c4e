// Beam search over one 30 s window, with openai/whisper's semantics (its
// BeamSearchDecoder and MaximumLikelihoodRanker): every live beam proposes its
// beamSize + 1 best next tokens after the suppression and timestamp rules; the
// best beamSize candidates that do not end the text stay live, those that end it
// are kept as finished, and the search stops once round(beamSize * patience)
// sequences finished (or the token budget is spent). The finished sequences (topped
// up with the best live ones) are ranked by summed log-probability over a length
// penalty. All live beams go through the decoder together: one step per token with
// the batch dimension = beams, the KV cache gathered by beam after each step
// (DecoderState.feedBeams). With beamSize 1 the choices are greedy's.
import type { DecoderState } from "./decoder-state";
import { keepRows, probabilityOf, throwIfAborted, type GreedyOptions, type GreedyResult } from "./greedy";
import { logSumExp } from "./token-picker";

/** How a job searches: beamSize 1 is greedy decoding. */
export interface BeamSettings {
  beamSize: number;
  /** openai/whisper's patience: stop after round(beamSize * patience) finished sequences (default 1). */
  patience?: number;
  /** null: rank by the mean log-probability (divide by length); a number: ((5 + length) / 6) ** lengthPenalty (Google NMT). */
  lengthPenalty?: number | null;
}

/** The model side of the search; the unit tests drive it with a table of logits. */
export interface BeamStepper {
  /** Feeds the prompt; logits of its last position (one row: every beam starts here). */
  start(): Promise<Float32Array>;
  /** Beam b of the new batch continues beam sources[b] of the previous step with tokens[b]; one logits row per beam. */
  next(sources: readonly number[], tokens: readonly number[]): Promise<Float32Array[]>;
}

export interface LogitFilter {
  /** In place, on a fresh copy of one beam's row (TokenPicker.filter). */
  filter(logits: Float32Array, generated: readonly number[]): void;
}

export interface SearchOptions extends BeamSettings {
  filter: LogitFilter;
  endOfText: number;
  /** Most tokens per sequence, <|endoftext|> included. */
  budget: number;
  signal?: AbortSignal;
}

export interface Hypothesis {
  tokens: number[];
  logprobs: number[];
  /** Summed log-probability, <|endoftext|> included when the sequence ended. */
  score: number;
}

export async function searchBeams(stepper: BeamStepper, options: SearchOptions): Promise<Hypothesis> {
  const { beamSize, endOfText, filter, signal } = options;
  const patience = options.patience ?? 1;
  const maxFinished = Math.round(beamSize * patience);
  if (!Number.isInteger(beamSize) || beamSize < 1 || !(maxFinished > 0)) {
    throw new RangeError(`Beam size ${beamSize} with patience ${patience} keeps no sequence: use a beam size of 1 or more and a patience above 0.`);
  }
  const budget = Math.max(1, options.budget);
  const finished: Hypothesis[] = [];
  let beams: Hypothesis[] = [{ tokens: [], logprobs: [], score: 0 }];
  throwIfAborted(signal);
  let rows = [await stepper.start()];
  for (;;) {
    throwIfAborted(signal);
    const candidates: { source: number; token: number; logprob: number; score: number }[] = [];
    beams.forEach((beam, source) => {
      const row = rows[source];
      filter.filter(row, beam.tokens);
      const norm = logSumExp(row, 0, row.length);
      for (const token of topK(row, beamSize + 1)) {
        const logprob = row[token] - norm;
        candidates.push({ source, token, logprob, score: beam.score + logprob });
      }
    });
    // Stable: equal scores keep beam order, then the lower token id (greedy's tie rule).
    candidates.sort((a, b) => b.score - a.score);
    const live: Hypothesis[] = [];
    const sources: number[] = [];
    for (const c of candidates) {
      const parent = beams[c.source];
      const hypothesis = { tokens: [...parent.tokens, c.token], logprobs: [...parent.logprobs, c.logprob], score: c.score };
      if (c.token === endOfText) {
        if (finished.length < maxFinished) finished.push(hypothesis);
        continue;
      }
      live.push(hypothesis);
      sources.push(c.source);
      if (live.length === beamSize) break;
    }
    beams = live;
    if (finished.length >= maxFinished || live.length === 0 || live[0].tokens.length >= budget) break;
    rows = await stepper.next(
      sources,
      live.map((h) => h.tokens[h.tokens.length - 1]),
    );
  }
  // Too few finished: the best live beams compete too (without <|endoftext|>, as greedy leaves a window that ran out of tokens).
  for (const beam of [...beams].sort((a, b) => b.score - a.score)) {
    if (finished.length >= beamSize) break;
    finished.push(beam);
  }
  return rank(finished, endOfText, options.lengthPenalty ?? null);
}

/** openai/whisper's MaximumLikelihoodRanker; the length leaves <|endoftext|> out. The first best wins a tie. */
export function rank(candidates: readonly Hypothesis[], endOfText: number, lengthPenalty: number | null): Hypothesis {
  let best = candidates[0];
  let bestScore = -Infinity;
  for (const candidate of candidates) {
    const length = candidate.tokens.length - (candidate.tokens.at(-1) === endOfText ? 1 : 0);
    const penalty = lengthPenalty === null ? length : ((5 + length) / 6) ** lengthPenalty;
    const score = candidate.score / penalty;
    if (score > bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}

/** The k ids with the highest finite values, best first; ties go to the lower id. */
export function topK(values: Float32Array, k: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === -Infinity || Number.isNaN(value)) continue;
    if (ids.length === k && value <= values[ids[k - 1]]) continue;
    let at = ids.length;
    while (at > 0 && values[ids[at - 1]] < value) at--;
    ids.splice(at, 0, i);
    if (ids.length > k) ids.pop();
  }
  return ids;
}

/**
 * A window decoded by beam search on the real decoder. `newState` gives a fresh
 * decoder over the window's encoder output; word timestamps take one more pass,
 * the chosen sequence fed at once, for its cross-attention rows (the rows greedy
 * collects step by step).
 */
export async function decodeBeam(newState: () => DecoderState, options: GreedyOptions & BeamSettings): Promise<GreedyResult> {
  const { prompt, picker, endOfText, signal, alignmentHeads } = options;
  const budget = Math.max(1, Math.min(options.maxNewTokens, options.maxPositions - prompt.length));
  const { noSpeech } = options;
  const state = newState();
  let noSpeechProb: number | undefined;
  const start = async () => {
    const step = await state.feed(prompt, false, noSpeech?.position);
    if (noSpeech) noSpeechProb = probabilityOf(step.row ?? step.logits, noSpeech.token);
    return step.logits;
  };
  const best = await searchBeams(
    { start, next: (sources, tokens) => state.feedBeams(sources, tokens) },
    { ...options, filter: picker, endOfText, budget, signal },
  ).finally(() => state.release());
  const result: GreedyResult = { tokens: best.tokens, logprobs: best.logprobs };
  if (noSpeechProb !== undefined) result.noSpeechProb = noSpeechProb;
  if (!alignmentHeads?.length) return result;
  throwIfAborted(signal);
  const replay = newState();
  try {
    const { attention } = await replay.feed([...prompt, ...best.tokens.slice(0, -1)], true);
    const rows: Float32Array[][] = alignmentHeads.map(() => []);
    if (attention) keepRows(rows, attention, alignmentHeads);
    return { ...result, attention: rows };
  } finally {
    replay.release();
  }
}
