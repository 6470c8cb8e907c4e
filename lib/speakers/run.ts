// The speaker stage inside a worker thread: runs the method the request names and
// answers with its turns. Nothing here touches the database.
import { SeleniteError } from "@/lib/errors";
import { channelTurns } from "./channels";
import { neuralTurns } from "./neural";
import type { DiarizeRequest, DiarizeResult } from "./request";
import { roughTurns } from "./rough";
import { DEFAULT_MAX_SPEAKERS, type SpeakerProgress, type SpeakerTurn } from "./types";

export async function diarize(request: DiarizeRequest, control: { signal?: AbortSignal; onProgress?: SpeakerProgress }): Promise<DiarizeResult> {
  const started = performance.now();
  const media = { ffmpegPath: request.ffmpegPath, ffprobePath: request.ffprobePath, signal: control.signal, onProgress: control.onProgress };
  let turns: SpeakerTurn[];
  if (request.method === "channel") {
    turns = await channelTurns(request.file, { ...media, expectedDurationSec: request.durationSec });
  } else if (request.method === "rough") {
    turns = await roughTurns(request.file, {
      ...media,
      choice: request.choice,
      cuts: request.cuts,
      vad: request.vad,
      expectedDurationSec: request.durationSec,
    });
  } else if (request.models) {
    turns = await neuralTurns(request.file, {
      ...media,
      ...request.models,
      // No count or range: estimate it, from one speaker up to the usual most.
      choice: request.choice ?? { min: 1, max: DEFAULT_MAX_SPEAKERS },
      threads: request.threads ?? 2,
      expectedDurationSec: request.durationSec,
    });
  } else {
    throw new SeleniteError(
      "unprocessable",
      "The speaker models are missing or damaged: download them again on the Models page (Speaker models), or choose Auto or Rough speakers.",
    );
  }
  return { method: request.method, turns, ms: Math.round(performance.now() - started) };
}
