// The speaker stage inside a worker thread: runs the method the request names and
// answers with its turns. Nothing here touches the database.
import { SeleniteError } from "@/lib/errors";
import { channelTurns } from "./channels";
import type { DiarizeRequest, DiarizeResult } from "./request";
import { roughTurns } from "./rough";
import type { SpeakerProgress, SpeakerTurn } from "./types";

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
  } else {
    throw new SeleniteError("unprocessable", "Neural speaker identification is not available in this build. Choose Auto or Rough.");
  }
  return { method: request.method, turns, ms: Math.round(performance.now() - started) };
}
