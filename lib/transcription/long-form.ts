// The window loop: 30 s at a time from the streamed decoder (never the whole file's
// PCM), each window placed where the previous one's last complete segment ended
// (see window-plan.ts), so memory is bounded by one window whatever the length.
import { openPcmReader } from "./media";
import type { MediaInfo, MediaToolOptions, MediaWarning } from "./media";
import { throwIfAborted } from "./greedy";
import { applyModelRule } from "@/lib/jobs/model-rule";
import type { DetectedLanguage } from "./language";
import { TokenPicker } from "./token-picker";
import type { AttemptFigures } from "./safeguards";
import type { DecodingOptions, Task, TranscriptSegment } from "./types";
import { decodeWindow, emptyStats, type DecodeStats } from "./window-decode";
import type { LoadedWhisper } from "./whisper-model";
import { SAMPLE_RATE, TIMESTAMP_SEC, WINDOW_SAMPLES } from "./whisper-constants";

export interface LongFormOptions extends MediaToolOptions {
  file: string;
  media: MediaInfo;
  /** Fixed language, or null to detect it on the first window. */
  language: string | null;
  task: Task;
  words: boolean;
  maxNewTokens: number;
  minNewTokens?: number;
  decoding: DecodingOptions;
  signal?: AbortSignal;
  /** Called after each window with the seconds of audio done so far. */
  onAdvance?: (processedSec: number) => void;
  onWindow?: (report: WindowReport) => void;
}

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
  /** The kept attempt's temperature, compression ratio and no-speech probability. */
  temperature: number;
  compressionRatio: number;
  noSpeechProb: number | null;
  /** Every attempt, the kept one last. */
  attempts: AttemptFigures[];
  /** Passed over as no speech. */
  skipped: boolean;
}

export interface LongFormResult {
  language: string;
  detected: DetectedLanguage | null;
  segments: TranscriptSegment[];
  durationSec: number;
  stats: DecodeStats;
  mediaWarnings: MediaWarning[];
}

export async function transcribeLongForm(model: LoadedWhisper, options: LongFormOptions): Promise<LongFormResult> {
  const reader = await openPcmReader(options.file, {
    signal: options.signal,
    bufferSec: WINDOW_SAMPLES / SAMPLE_RATE + 1,
    expectedDurationSec: options.media.durationSec,
    ffmpegPath: options.ffmpegPath,
    ffprobePath: options.ffprobePath,
  });
  const { decoding } = options;
  const picker = new TokenPicker(model.spec, {
    minNewTokens: options.minNewTokens,
    maxInitialTimestampIndex: decoding.maxInitialTimestamp === null ? null : Math.round(decoding.maxInitialTimestamp / TIMESTAMP_SEC),
    monotonicTimestamps: decoding.monotonicTimestamps,
  });
  // OpenAI's all_tokens[prompt_reset_since:]: the job's prompt (" " + prompt, as
  // transcribe() encodes it), then what each window kept, until a fallback above
  // 0.5 starts it afresh. Only the tail fits after <|startofprev|> (window-decode.ts).
  let context: number[] = decoding.prompt ? await model.encodeText(` ${decoding.prompt}`) : [];
  const segments: TranscriptSegment[] = [];
  const stats = emptyStats();
  let language = applyModelRule(model.spec, { language: options.language, task: "transcribe" }).language;
  let detected: DetectedLanguage | null = null;
  let seek = 0;
  try {
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
          decoding,
          context,
        },
        stats,
      );
      detected ??= outcome.detected;
      language = outcome.language;
      segments.push(...outcome.segments);
      options.onWindow?.({
        index: stats.windows - 1,
        startSample: seek,
        contentSamples: samples.length,
        prompt: outcome.prompt,
        tokens: outcome.tokens,
        keptTokens: outcome.plan.keptTokens,
        advance: outcome.plan.advance,
        avgLogprob: outcome.avgLogprob,
        temperature: outcome.temperature,
        compressionRatio: outcome.compressionRatio,
        noSpeechProb: outcome.noSpeechProb,
        attempts: outcome.attempts,
        skipped: outcome.skipped,
      });
      if (!outcome.skipped) {
        context.push(...outcome.keptTokens);
        if (!decoding.conditionOnPreviousText || outcome.temperature > 0.5) context = [];
        // Only the tail is ever sent; keep the list from growing with the file.
        if (context.length > model.spec.maxTargetPositions) context = context.slice(-model.spec.maxTargetPositions);
      }
      seek += outcome.plan.advance;
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
