// One 30 s window, start to finish: mel features, one encoder pass, (language
// detection on the first window), decoding with OpenAI's temperature fallback (the
// encoder output is reused by every attempt; beam search at temperature 0 when the
// job asks for beams, seeded sampling above it), the no-speech skip, segment
// placement, word timestamps. Each phase is timed so the benchmark and the logs can
// say where the time went.
import { alignTokens } from "./alignment";
import { DecoderState } from "./decoder-state";
import { decodeBeam, type BeamSettings } from "./beam";
import { decodeGreedy, throwIfAborted, type GreedyOptions, type GreedyResult } from "./greedy";
import { detectLanguage, type DetectedLanguage } from "./language";
import type { OrtTensor } from "./ort";
import { INPUT_FEATURES, LAST_HIDDEN_STATE } from "./tensor-names";
import { compressionRatio } from "@/lib/transcripts/compression";
import { needsFallback, shouldSkip, type AttemptFigures } from "./safeguards";
import { chooser, windowRandom } from "./sampler";
import type { TokenPicker } from "./token-picker";
import type { DecodingOptions, Task, TranscriptSegment } from "./types";
import type { LoadedWhisper } from "./whisper-model";
import { promptTokens } from "./whisper-spec";
import { CONDITIONING_TOKENS } from "./whisper-constants";
import { planWindow, SAMPLE_RATE, SAMPLES_PER_TIMESTAMP, type WindowPlan } from "./window-plan";
import { round, splitWords, timeWords } from "./words";

export interface DecodeStats {
  windows: number;
  tokens: number;
  featuresMs: number;
  encoderMs: number;
  decoderMs: number;
}

export function emptyStats(): DecodeStats {
  return { windows: 0, tokens: 0, featuresMs: 0, encoderMs: 0, decoderMs: 0 };
}

export interface WindowJob {
  samples: Float32Array;
  startSample: number;
  /** null: detect it on this window. */
  language: string | null;
  task: Task;
  words: boolean;
  picker: TokenPicker;
  maxNewTokens: number;
  signal?: AbortSignal;
  /** Where the previous segment ended; new segments never start before it. */
  previousEnd: number;
  /** The window's first sample in the file (startSample is 0 in a VAD window's own time line): seeds the draws. */
  fileSample: number;
  /** Beam search at temperature 0; absent or beamSize 1: greedy. */
  beam?: BeamSettings;
  decoding: DecodingOptions;
  /** Text tokens sent after <|startofprev|> (the job's prompt, the previous windows); empty = none. */
  context: readonly number[];
}

export interface WindowOutcome {
  language: string;
  detected: DetectedLanguage | null;
  prompt: number[];
  tokens: number[];
  /** Log-probability of each generated token (see GreedyResult.logprobs). */
  logprobs: number[];
  /**
   * openai/whisper's avg_logprob of the window: the summed log-probabilities of the
   * tokens before <|endoftext|>, over their count + 1 (what its fallback compares with -1).
   */
  avgLogprob: number;
  /** The kept attempt's figures: its temperature, compression ratio, no-speech probability. */
  temperature: number;
  compressionRatio: number;
  noSpeechProb: number | null;
  /** Every attempt in order (one unless the fallback retried). */
  attempts: AttemptFigures[];
  /** No speech: the window gave no segments and is passed over whole. */
  skipped: boolean;
  plan: WindowPlan;
  segments: TranscriptSegment[];
  /** The tokens the kept segments used: what the next window is conditioned on. */
  keptTokens: number[];
}

export async function decodeWindow(model: LoadedWhisper, job: WindowJob, stats: DecodeStats): Promise<WindowOutcome> {
  const { spec } = model;
  const { samples, startSample, signal } = job;
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const elapsed = now - mark;
    mark = now;
    return elapsed;
  };
  const features = await model.features(samples);
  stats.featuresMs += lap();
  const states = await encode(model, features);
  stats.encoderMs += lap();
  try {
    throwIfAborted(signal);
    const detected = job.language === null ? await detectLanguage(model, states) : null;
    const language = detected?.language ?? job.language ?? "en";
    const prefix = job.context.length ? [spec.startOfPrev, ...job.context.slice(-CONDITIONING_TOKENS)] : [];
    const prompt = [...prefix, ...promptTokens(spec, language, job.task)];
    const { decoding } = job;
    const newState = () => new DecoderState(model.decoder, model.layout, states);
    const attempts: AttemptFigures[] = [];
    let decoded: GreedyResult | null = null;
    for (const temperature of decoding.temperatures) {
      const search: GreedyOptions = {
        prompt,
        picker: job.picker,
        maxNewTokens: job.maxNewTokens,
        endOfText: spec.endOfText,
        maxPositions: spec.maxTargetPositions,
        signal,
        alignmentHeads: job.words ? spec.alignmentHeads : undefined,
        choose: chooser(temperature, windowRandom(decoding.seed, job.fileSample, temperature)),
        noSpeech: { token: spec.noSpeech, position: prefix.length },
      };
      decoded = await decodeSearch(newState, search, temperature === 0 ? job.beam : undefined);
      stats.tokens += decoded.tokens.length;
      const text = model.decodeText(decoded.tokens.filter((t) => t < spec.endOfText)).trim();
      const figures: AttemptFigures = {
        temperature,
        compressionRatio: compressionRatio(text),
        avgLogprob: windowLogprob(decoded.tokens, decoded.logprobs, spec.endOfText),
        noSpeechProb: decoded.noSpeechProb ?? null,
      };
      attempts.push(figures);
      if (!needsFallback(decoding, figures)) break;
    }
    if (!decoded) throw new Error("No temperature to decode at.");
    const final = attempts[attempts.length - 1];
    stats.decoderMs += lap();
    stats.windows += 1;
    const common = {
      language,
      detected,
      prompt,
      tokens: decoded.tokens,
      logprobs: decoded.logprobs,
      avgLogprob: final.avgLogprob,
      temperature: final.temperature,
      compressionRatio: final.compressionRatio,
      noSpeechProb: final.noSpeechProb,
      attempts,
    };
    if (shouldSkip(decoding, final)) {
      const plan = { segments: [], advance: samples.length, keptTokens: 0 };
      return { ...common, skipped: true, plan, segments: [], keptTokens: [] };
    }

    const plan = planWindow(spec, { tokens: decoded.tokens, startSample, contentSamples: samples.length });
    const tokenTimes = decoded.attention
      ? alignTokens({
          attention: decoded.attention,
          promptLength: prompt.length,
          generatedCount: decoded.tokens.length,
          frames: Math.ceil(samples.length / SAMPLES_PER_TIMESTAMP),
          medianWidth: spec.medianFilterWidth,
        })
      : null;
    const segments: TranscriptSegment[] = [];
    let previousEnd = job.previousEnd;
    for (const planned of plan.segments) {
      const start = round(Math.max(planned.start, previousEnd));
      const end = round(Math.max(planned.end, start));
      const text = model.decodeText(planned.textIndices.map((i) => decoded.tokens[i])).trim();
      if (!text) continue;
      const segment: TranscriptSegment = {
        start,
        end,
        text,
        avgLogprob: meanLogprob(decoded.logprobs, planned.from, planned.to),
        noSpeechProb: final.noSpeechProb === null ? undefined : round4(final.noSpeechProb),
        compressionRatio: round4(final.compressionRatio),
        temperature: final.temperature,
      };
      if (segment.noSpeechProb === undefined) delete segment.noSpeechProb;
      if (tokenTimes) {
        const pieces = splitWords(decoded.tokens, planned.textIndices, (ids) => model.decodeText(ids));
        segment.words = timeWords(pieces, tokenTimes, startSample / SAMPLE_RATE, { start, end }, decoded.logprobs);
      }
      segments.push(segment);
      previousEnd = end;
    }
    return { ...common, skipped: false, plan, segments, keptTokens: decoded.tokens.slice(0, plan.keptTokens) };
  } finally {
    states.dispose();
  }
}

/** Mean log-probability of the tokens [from, to) (the segment's text and timestamps), to 4 decimals. */
export function meanLogprob(logprobs: readonly number[], from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += logprobs[i];
  return to > from ? Math.round((sum / (to - from)) * 1e4) / 1e4 : 0;
}

function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

/** openai/whisper's per-window value: <|endoftext|> is not counted, the divisor is n + 1. */
export function windowLogprob(tokens: readonly number[], logprobs: readonly number[], endOfText: number): number {
  let sum = 0;
  let count = 0;
  tokens.forEach((token, i) => {
    if (token === endOfText) return;
    sum += logprobs[i];
    count += 1;
  });
  return sum / (count + 1);
}

/** Greedy (or a seeded draw, per options.choose), or beam search when asked for more than one beam (beam.ts). */
async function decodeSearch(newState: () => DecoderState, options: GreedyOptions, beam: BeamSettings | undefined): Promise<GreedyResult> {
  if (beam && beam.beamSize > 1) return decodeBeam(newState, { ...options, ...beam });
  const state = newState();
  return decodeGreedy(state, options).finally(() => state.release());
}

async function encode(model: LoadedWhisper, features: OrtTensor): Promise<OrtTensor> {
  const names = model.encoder.outputNames;
  const outputName = names.includes(LAST_HIDDEN_STATE) ? LAST_HIDDEN_STATE : names[0];
  const outputs = await model.encoder.run({ [INPUT_FEATURES]: features }, [outputName]);
  features.dispose();
  return outputs[outputName];
}
