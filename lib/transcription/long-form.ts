// The window loop: 30 s at a time from the streamed decoder (never the whole file's
// PCM), each window placed where the previous one's last complete segment ended
// (see window-plan.ts), so memory is bounded by one window whatever the length.
import type { BeamSettings } from "./beam";
// With voice activity detection on, windows are built from speech only and cut in
// pauses (vad/windows.ts); a file with no speech is never decoded.
import { openPcmReader, type PcmWindowReader } from "./media";
import type { MediaInfo, MediaToolOptions, MediaWarning } from "./media";
import { throwIfAborted } from "./greedy";
import { applyModelRule } from "@/lib/jobs/model-rule";
import type { DetectedLanguage } from "./language";
import { TokenPicker } from "./token-picker";
import type { AttemptFigures } from "./safeguards";
import type { DecodingOptions, Task, TranscriptSegment, VadRequest } from "./types";
import { decodeWindow, emptyStats, type DecodeStats } from "./window-decode";
import type { LoadedWhisper } from "./whisper-model";
import { CONDITIONING_TOKENS, SAMPLE_RATE, TIMESTAMP_SEC, WINDOW_SAMPLES } from "./whisper-constants";
import { VadStream } from "./vad/stream";
import { nextSpeechWindow, speechCoverage, toFileSample, toWindowOffset, type SpeechWindow } from "./vad/windows";

/** The thresholds, and the longest pause kept inside a window (longer ones are cut out), ms. */
export type LongFormVad = VadRequest;

export interface LongFormOptions extends MediaToolOptions {
  file: string;
  media: MediaInfo;
  /** Fixed language, or null to detect it on the first window. */
  language: string | null;
  task: Task;
  words: boolean;
  maxNewTokens: number;
  minNewTokens?: number;
  /** Beam search settings (at temperature 0); absent: greedy. */
  beam?: BeamSettings;
  /** Voice activity detection: null decodes every sample, in fixed 30 s windows. */
  vad?: LongFormVad | null;
  decoding: DecodingOptions;
  signal?: AbortSignal;
  /** Called after each window with the seconds of audio done so far. */
  onAdvance?: (processedSec: number) => void;
  onWindow?: (report: WindowReport) => void;
  /** Only this part of the file, in seconds; the result's times then count from its start. */
  span?: { start: number; end: number };
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
  /** What the next window is conditioned on after <|startofprev|> (prompt and kept tokens), the last CONDITIONING_TOKENS of them. */
  previousTokens: number[];
  /** Every segment so far. */
  segments: TranscriptSegment[];
}

/** The same fields after one window, except that `segments` holds only that window's, from `firstIndex`. */
export type LongFormCommit = LongFormResume & { firstIndex: number };

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
  /** The stretches of the file joined into the window (one, from startSample, without VAD). */
  pieces: { from: number; length: number }[];
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
  /** With VAD on: the model's time and the seconds of speech the windows held. */
  vad: { ms: number; speechSec: number } | null;
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
    // A span ends before the file does: the end-of-file verdict does not apply.
    expectedDurationSec: options.span ? null : options.media.durationSec,
    ...(options.span ? { startSec: options.span.start, durationSec: options.span.end - options.span.start } : {}),
    ffmpegPath: options.ffmpegPath,
    ffprobePath: options.ffprobePath,
  });
  const { decoding, resume } = options;
  const picker = new TokenPicker(model.spec, {
    minNewTokens: options.minNewTokens,
    maxInitialTimestampIndex: decoding.maxInitialTimestamp === null ? null : Math.round(decoding.maxInitialTimestamp / TIMESTAMP_SEC),
    monotonicTimestamps: decoding.monotonicTimestamps,
  });
  const segments: TranscriptSegment[] = resume ? resume.segments.map((segment) => ({ ...segment })) : [];
  const stats = emptyStats();
  let language = resume ? resume.language : applyModelRule(model.spec, { language: options.language, task: "transcribe" }).language;
  let detected: DetectedLanguage | null = resume?.detected ? { ...resume.detected, ranking: [] } : null;
  let seek = resume?.seek ?? 0;
  let windowIndex = resume?.windows ?? 0;
  // OpenAI's all_tokens[prompt_reset_since:]: the job's prompt (" " + prompt, as
  // transcribe() encodes it), then what each window kept, until a fallback above 0.5
  // (or conditioning off) starts it afresh. A resumed run takes it from its resume point.
  let context: number[] = resume ? resume.previousTokens : decoding.prompt ? (await model.encodeText(` ${decoding.prompt}`)).slice(-CONDITIONING_TOKENS) : [];
  const vad = options.vad
    ? await VadStream.open(options.file, {
        thresholds: options.vad,
        signal: options.signal,
        expectedDurationSec: options.media.durationSec,
        ffmpegPath: options.ffmpegPath,
        ffprobePath: options.ffprobePath,
      }).catch(async (error: unknown) => {
        await reader.close();
        throw error;
      })
    : null;
  const maxPause = Math.round(((options.vad?.maxPauseMs ?? 0) * SAMPLE_RATE) / 1000);
  let speechSamples = 0;
  // The VAD looks one window further ahead while Whisper decodes this one (its
  // session runs on a thread of its own); awaited before the reader is used again.
  let lookahead: Promise<void> | null = null;
  try {
    if (resume) {
      // seek is a sample of the file with VAD on or off, so a resume lands where it stopped.
      await skipTo(reader, seek, options.signal);
      options.onAdvance?.(seek / SAMPLE_RATE);
    }
    for (;;) {
      throwIfAborted(options.signal);
      let window: SpeechWindow | null;
      let samples: Float32Array;
      if (vad) {
        await lookahead;
        window = await nextSpeechWindow(vad, seek, maxPause);
        if (!window) break;
        const last = window.pieces.at(-1)!;
        lookahead = vad.advanceTo(last.from + last.length + 2 * WINDOW_SAMPLES);
        lookahead.catch(() => {}); // surfaced where it is awaited
        samples = new Float32Array(window.length);
        for (const piece of window.pieces) samples.set(await reader.read(piece.from, piece.length), piece.at);
        speechSamples += window.length;
      } else {
        if (!(await reader.hasSamplesFrom(seek))) break;
        samples = await reader.read(seek, WINDOW_SAMPLES);
        window = { pieces: [{ from: seek, length: samples.length, at: 0 }], length: samples.length, speech: [] };
      }
      // The window is decoded in its own time line (its samples joined end to end) and
      // the segments are moved back onto the file's.
      const startSample = window.pieces[0].from;
      const previousEnd = segments.at(-1)?.end ?? 0;
      const outcome = await decodeWindow(
        model,
        {
          samples,
          startSample: vad ? 0 : startSample,
          fileSample: startSample,
          language,
          task: options.task,
          words: options.words,
          picker,
          maxNewTokens: options.maxNewTokens,
          signal: options.signal,
          previousEnd: vad ? toWindowOffset(window, previousEnd * SAMPLE_RATE) / SAMPLE_RATE : previousEnd,
          beam: options.beam,
          decoding,
          context,
        },
        stats,
      );
      detected ??= outcome.detected;
      language = outcome.language;
      if (vad) {
        for (const segment of outcome.segments) {
          moveToFile(segment, window);
          // How much of the segment the VAD heard as speech: text over a kept pause or the padding is worth a look.
          const ratio = speechCoverage(window.speech, Math.round(segment.start * SAMPLE_RATE), Math.round(segment.end * SAMPLE_RATE));
          segment.speechRatio = Math.round(ratio * 1000) / 1000;
        }
      }
      segments.push(...outcome.segments);
      options.onWindow?.({
        index: windowIndex,
        startSample,
        contentSamples: samples.length,
        prompt: outcome.prompt,
        tokens: outcome.tokens,
        keptTokens: outcome.plan.keptTokens,
        advance: outcome.plan.advance,
        pieces: window.pieces.map(({ from, length }) => ({ from, length })),
        avgLogprob: outcome.avgLogprob,
        temperature: outcome.temperature,
        compressionRatio: outcome.compressionRatio,
        noSpeechProb: outcome.noSpeechProb,
        attempts: outcome.attempts,
        skipped: outcome.skipped,
      });
      if (!outcome.skipped) {
        context = [...context, ...outcome.keptTokens];
        if (!decoding.conditionOnPreviousText || outcome.temperature > 0.5) context = [];
        // Only the tail is ever sent (window-decode.ts); the resume point keeps the same tail.
        context = context.slice(-CONDITIONING_TOKENS);
      }
      seek = vad ? toFileSample(window, outcome.plan.advance) : seek + outcome.plan.advance;
      windowIndex += 1;
      options.onCommit?.({
        windows: windowIndex,
        seek,
        language,
        detected: detected && { language: detected.language, probability: detected.probability },
        previousTokens: context,
        segments: outcome.segments,
        firstIndex: segments.length - outcome.segments.length,
      });
      options.onAdvance?.(seek / SAMPLE_RATE);
    }
    // Without speech left the decoder may never have read to the end: the VAD's reader did.
    if (vad && vad.total !== null && reader.decodedSamples < vad.total) await reader.read(vad.total, 0);
    await lookahead;
  } finally {
    await lookahead?.catch(() => {});
    await Promise.all([reader.close(), vad?.close()]);
  }
  const durationSec = (vad?.total ?? reader.decodedSamples) / SAMPLE_RATE;
  // The decoder's final count is the truth; a container's stated length may be longer.
  for (const segment of segments) {
    segment.end = Math.min(segment.end, durationSec);
    for (const word of segment.words ?? []) {
      word.end = Math.min(word.end, durationSec);
      word.start = Math.min(word.start, word.end);
    }
  }
  const vadStats = vad && { ms: vad.modelMs, speechSec: speechSamples / SAMPLE_RATE };
  return { language: language ?? "en", detected, segments, durationSec, stats, vad: vadStats, mediaWarnings: reader.warnings };
}

/** Window seconds to file seconds; an end maps to the end of its piece, not the start of the next. */
function moveToFile(segment: TranscriptSegment, window: SpeechWindow): void {
  const start = (t: number) => round3(toFileSample(window, Math.round(t * SAMPLE_RATE)) / SAMPLE_RATE);
  const end = (t: number) => {
    const offset = Math.round(t * SAMPLE_RATE);
    return round3(offset > 0 ? (toFileSample(window, offset - 1) + 1) / SAMPLE_RATE : start(t));
  };
  segment.start = start(segment.start);
  segment.end = Math.max(segment.start, end(segment.end));
  for (const word of segment.words ?? []) {
    word.start = start(word.start);
    word.end = Math.max(word.start, end(word.end));
  }
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;
