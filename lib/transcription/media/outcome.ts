// How a finished ffmpeg decode is judged. The rule, in short:
// - nothing decoded → an error (no audio track, missing file, or damaged file);
// - ffmpeg exited 0 → whatever it decoded is the file's audio. A file cut short
//   (interrupted upload or recording) ends early with exit 0, so we keep the audio
//   and warn, because the engine has usually transcribed it already;
// - ffmpeg exited non-zero → it gave up while the file may hold more audio. Past 90%
//   of the stated length (or with no stated length) we keep what was decoded and
//   warn; earlier than that it is `media_corrupt`, since a transcript silently
//   missing a large part would be worse than a clear failure;
// - killed by a signal we did not send (OOM killer) → `internal`: retrying may work.
import { SeleniteError } from "@/lib/errors";
import { isPlausibleDuration } from "./duration";
import { refusedFormat, unsupportedFormatError } from "./formats";
import { MESSAGES, corruptError, explainReason, saysMissing, saysNoAudio, summarizeStderr } from "./messages";
import { formatClock } from "./types";
import type { MediaWarning } from "./types";

export const KEEP_PARTIAL_RATIO = 0.9;

export interface DecodeExit {
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  stderr: string;
  /** The input string given to ffmpeg, scrubbed from messages. */
  input: string;
  decodedSamples: number;
  sampleRate: number;
  expectedDurationSec: number | null | undefined;
}

export interface DecodeVerdict {
  error: SeleniteError | null;
  warnings: MediaWarning[];
}

export function judgeDecode(exit: DecodeExit): DecodeVerdict {
  const decodedSec = exit.decodedSamples / exit.sampleRate;
  const expected = isPlausibleDuration(exit.expectedDurationSec ?? null) ? (exit.expectedDurationSec as number) : null;
  const reason = explainReason(exit.stderr, exit.input);
  const fail = (error: SeleniteError): DecodeVerdict => ({ error, warnings: [] });

  if (exit.exitSignal !== null) {
    return fail(new SeleniteError("internal", `The audio decoder stopped unexpectedly (${exit.exitSignal}).`));
  }
  if (exit.decodedSamples === 0) {
    if (saysNoAudio(exit.stderr)) return fail(new SeleniteError("media_no_audio", MESSAGES.noAudio));
    if (saysMissing(exit.stderr)) return fail(new SeleniteError("not_found", MESSAGES.missing));
    const refused = refusedFormat(exit.stderr);
    if (refused) return fail(unsupportedFormatError(refused));
    return fail(corruptError(exit.exitCode === 0 ? "no audio could be decoded from it" : reason));
  }

  const progress = expected === null ? null : `${formatClock(decodedSec)} of ${formatClock(expected)}`;
  if (exit.exitCode !== 0) {
    if (expected !== null && decodedSec < expected * KEEP_PARTIAL_RATIO) {
      return fail(corruptError(`decoding failed at ${progress} (${reason})`));
    }
    const at = progress ?? formatClock(decodedSec);
    return {
      error: null,
      warnings: [{ code: "decoder_stopped", message: `Decoding stopped at ${at} (${reason}); the rest is missing.` }],
    };
  }

  const warnings: MediaWarning[] = [];
  // A second of slack: containers round, and encoders pad the last frame.
  if (expected !== null && decodedSec < expected * KEEP_PARTIAL_RATIO && expected - decodedSec > 1) {
    warnings.push({
      code: "truncated",
      message: `This file is damaged or incomplete: only ${progress} could be decoded.`,
    });
  }
  // Errors at the cut are expected once truncation is reported; don't say it twice.
  const complaint = warnings.length === 0 ? summarizeStderr(exit.stderr, exit.input) : "";
  if (complaint) {
    warnings.push({ code: "decode_errors", message: `Some damaged parts were skipped (${complaint}).` });
  }
  return { error: null, warnings };
}
