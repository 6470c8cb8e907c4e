// The window loop: 30 s at a time from the streamed decoder (never the whole file's
// PCM), each window placed where the previous one's last complete segment ended
// (see window-plan.ts), so memory is bounded by one window whatever the length.
import { openPcmReader, type PcmWindowReader } from "./media";
import type { MediaInfo, MediaToolOptions, MediaWarning } from "./media";
import { throwIfAborted } from "./greedy";
import { applyModelRule } from "@/lib/jobs/model-rule";
import type { DetectedLanguage } from "./language";
import { TokenPicker } from "./token-picker";
import type { Task, TranscriptSegment } from "./types";
import { decodeWindow, emptyStats, type DecodeStats } from "./window-decode";
import type { LoadedWhisper } from "./whisper-model";
import { SAMPLE_RATE, WINDOW_SAMPLES } from "./whisper-constants";

export interface LongFormOptions extends MediaToolOptions {
  file: string;
  media: MediaInfo;
  /** Fixed language, or null to detect it on the first window. */
  language: string | null;
  task: Task;
  words: boolean;
  maxNewTokens: number;
  minNewTokens?: number;
  signal?: AbortSignal;
  /** Called after each window with the seconds of audio done so far. */
  onAdvance?: (processedSec: number) => void;
  onWindow?: (report: WindowReport) => void;
  /** Continue from here: the windows before it are not decoded again. */
  resume?: LongFormResume;
  /** Told after each window, before the next one starts, with what a resume needs. */
  onCommit?: (commit: LongFormCommit) => void;
}

/** What the loop carries from one window to the next, so a later run can pick it up. */
export interface LongFormResume {
  /** Windows done. */
  windows: number;
  seek: number;
  language: string | null;
  detected: { language: string; probability: number } | null;
  /** Text and timestamp tokens of the kept segments so far, the last CONDITIONING_TOKENS of them. */
  previousTokens: number[];
  /** Every segment so far. */
  segments: TranscriptSegment[];
}

/** The same fields after one window, except that `segments` holds only that window's, from `firstIndex`. */
export type LongFormCommit = LongFormResume & { firstIndex: number };

/** OpenAI keeps n_text_ctx // 2 - 1 tokens of previous text for <|startofprev|>. */
export const CONDITIONING_TOKENS = 223;

/** What one window did, for tests, benchmarks and debugging. */
export interface WindowReport {
  index: number;
  startSample: number;
  contentSamples: number;
  prompt: number[];
  /** Generated tokens, <|endoftext|> included when the model produced it. */
  tokens: number[];
  keptTokens: number;
  advance: number;
  /** openai/whisper's avg_logprob of the window (see WindowOutcome.avgLogprob). */
  avgLogprob: number;
}

export interface LongFormResult {
  language: string;
  detected: DetectedLanguage | null;
  segments: TranscriptSegment[];
  durationSec: number;
  stats: DecodeStats;
  mediaWarnings: MediaWarning[];
}

/**
 * Reads past the audio a resumed run already transcribed: ffmpeg decodes it again (cheap,
 * and sample-exact, unlike seeking in the container), the model never sees it.
 */
async function skipTo(reader: PcmWindowReader, seek: number, signal?: AbortSignal): Promise<void> {
  for (let at = 0; at < seek; at += WINDOW_SAMPLES) {
    throwIfAborted(signal);
    await reader.read(at, Math.min(WINDOW_SAMPLES, seek - at));
  }
}

export async function transcribeLongForm(model: LoadedWhisper, options: LongFormOptions): Promise<LongFormResult> {
  const reader = await openPcmReader(options.file, {
    signal: options.signal,
    bufferSec: WINDOW_SAMPLES / SAMPLE_RATE + 1,
    expectedDurationSec: options.media.durationSec,
    ffmpegPath: options.ffmpegPath,
    ffprobePath: options.ffprobePath,
  });
  const picker = new TokenPicker(model.spec, { minNewTokens: options.minNewTokens });
  const { resume } = options;
  const segments: TranscriptSegment[] = resume ? resume.segments.map((segment) => ({ ...segment })) : [];
  const stats = emptyStats();
  let language = resume ? resume.language : applyModelRule(model.spec, { language: options.language, task: "transcribe" }).language;
  let detected: DetectedLanguage | null = resume?.detected ? { ...resume.detected, ranking: [] } : null;
  let seek = resume?.seek ?? 0;
  let windowIndex = resume?.windows ?? 0;
  // Not used by the decoder yet: kept and resumed so <|startofprev|> conditioning finds it.
  let previousTokens = resume?.previousTokens ?? [];
  try {
    if (resume) {
      await skipTo(reader, seek, options.signal);
      options.onAdvance?.(seek / SAMPLE_RATE);
    }
    while (await reader.hasSamplesFrom(seek)) {
      throwIfAborted(options.signal);
      const samples = await reader.read(seek, WINDOW_SAMPLES);
      const outcome = await decodeWindow(
        model,
        {
          samples,
          startSample: seek,
          language,
          task: options.task,
          words: options.words,
          picker,
          maxNewTokens: options.maxNewTokens,
          signal: options.signal,
          previousEnd: segments.at(-1)?.end ?? 0,
        },
        stats,
      );
      detected ??= outcome.detected;
      language = outcome.language;
      segments.push(...outcome.segments);
      previousTokens = [...previousTokens, ...outcome.tokens.slice(0, outcome.plan.keptTokens)].slice(-CONDITIONING_TOKENS);
      options.onWindow?.({
        index: windowIndex,
        startSample: seek,
        contentSamples: samples.length,
        prompt: outcome.prompt,
        tokens: outcome.tokens,
        keptTokens: outcome.plan.keptTokens,
        advance: outcome.plan.advance,
        avgLogprob: outcome.avgLogprob,
      });
      seek += outcome.plan.advance;
      windowIndex += 1;
      options.onCommit?.({
        windows: windowIndex,
        seek,
        language,
        detected: detected && { language: detected.language, probability: detected.probability },
        previousTokens,
        segments: outcome.segments,
        firstIndex: segments.length - outcome.segments.length,
      });
      options.onAdvance?.(seek / SAMPLE_RATE);
    }
  } finally {
    await reader.close();
  }
  const durationSec = reader.decodedSamples / SAMPLE_RATE;
  // The decoder's final count is the truth; a container's stated length may be longer.
  for (const segment of segments) {
    segment.end = Math.min(segment.end, durationSec);
    for (const word of segment.words ?? []) {
      word.end = Math.min(word.end, durationSec);
      word.start = Math.min(word.start, word.end);
    }
  }
  return { language: language ?? "en", detected, segments, durationSec, stats, mediaWarnings: reader.warnings };
}
