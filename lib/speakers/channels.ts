// Speakers by channel: a phone call or a multi-track recording (Zoom, Craig) holds each
// person on a channel or track of their own, so whoever is loudest on their channel,
// clearly above the others and above the noise floor, is speaking. Exact where the
// recording is, and nothing to estimate.
import { SeleniteError } from "@/lib/errors";
import { openPcmReader, probeMedia, type MediaToolOptions } from "@/lib/transcription/media";
import { SAMPLE_RATE } from "@/lib/transcription/whisper-constants";
import type { SpeakerProgress, SpeakerTurn } from "./types";

const CELL_SEC = 0.05;
/** Quieter than this (dBFS) is nobody; so is anything within NOISE_MARGIN_DB of a channel's own noise floor. */
const FLOOR_DB = -50;
const NOISE_MARGIN_DB = 6;
/** The loudest channel must lead the next by this much; less is bleed or overlap, kept with the previous speaker. */
const LEAD_DB = 6;
/** Speech runs shorter than this are noise; pauses shorter than this stay inside a turn. */
const MIN_RUN_SEC = 0.2;
const JOIN_GAP_SEC = 0.5;
/** More channels than this is a surround mix, not a conversation. */
const MAX_CHANNELS = 8;

export const ONE_CHANNEL_MESSAGE =
  "This recording has a single audio channel, so it cannot be labelled by channel. Choose Auto or Rough speakers instead (from the job page: Identify speakers).";

export interface ChannelOptions extends MediaToolOptions {
  signal?: AbortSignal;
  onProgress?: SpeakerProgress;
  expectedDurationSec?: number | null;
}

/** Turns by channel: speaker n is channel (or track) n + 1. */
export async function channelTurns(file: string, options: ChannelOptions): Promise<SpeakerTurn[]> {
  const info = await probeMedia(file, { ffmpegPath: options.ffmpegPath, ffprobePath: options.ffprobePath, timeoutMs: 30_000, signal: options.signal });
  const tracks = Math.min(info.audioTracks, MAX_CHANNELS);
  const channels = tracks > 1 ? tracks * Math.max(1, info.audio?.channels ?? 1) : (info.audio?.channels ?? 1);
  if (channels < 2) throw new SeleniteError("unprocessable", ONE_CHANNEL_MESSAGE);
  if (channels > MAX_CHANNELS) {
    throw new SeleniteError(
      "unprocessable",
      `This recording has ${channels} channels, more than a conversation's ${MAX_CHANNELS}: it is probably a surround mix. Choose Auto or Rough speakers instead.`,
    );
  }
  const cell = Math.round(CELL_SEC * SAMPLE_RATE) * channels;
  const reader = await openPcmReader(file, { ...options, keepChannels: { tracks }, bufferSec: 4, expectedDurationSec: null });
  // Levels per cell and channel: 4 bytes × channels every 50 ms, under 3 MB an hour for 8 channels.
  const levels: Float32Array[] = [];
  try {
    for (let at = 0; ; at += cell) {
      const chunk = await reader.read(at, cell);
      if (chunk.length < channels) break;
      levels.push(cellLevels(chunk, channels));
      if (options.expectedDurationSec && levels.length % 200 === 0)
        options.onProgress?.(Math.min(0.99, (levels.length * CELL_SEC) / options.expectedDurationSec));
    }
  } finally {
    await reader.close();
  }
  options.onProgress?.(1);
  return turnsFromCells(speakingChannels(levels, channels), CELL_SEC);
}

/** Each channel's level (dBFS) over one interleaved cell. */
function cellLevels(chunk: Float32Array, channels: number): Float32Array {
  const energy = new Float64Array(channels);
  const frames = Math.floor(chunk.length / channels);
  for (let i = 0; i < frames * channels; i++) energy[i % channels] += chunk[i] * chunk[i];
  return Float32Array.from(energy, (e) => 10 * Math.log10(e / frames + 1e-12));
}

/** Per cell: the channel speaking, -1 for nobody, -2 for "no clear lead". */
export function speakingChannels(levels: readonly Float32Array[], channels: number): number[] {
  const floors = Array.from({ length: channels }, (_, c) => {
    const sorted = levels.map((cell) => cell[c]).sort((a, b) => a - b);
    return Math.max(FLOOR_DB, (sorted[Math.floor(sorted.length * 0.1)] ?? FLOOR_DB) + NOISE_MARGIN_DB);
  });
  return levels.map((db) => {
    const order = Array.from(db.keys()).sort((a, b) => db[b] - db[a]);
    const [top, next] = order;
    if (db[top] < floors[top]) return -1;
    return db[top] - db[next] >= LEAD_DB ? top : -2;
  });
}

/** Cells (channel, -1 silence, -2 unclear) into turns: unclear cells follow the speaker before them, short runs go. */
export function turnsFromCells(cells: readonly number[], cellSec: number): SpeakerTurn[] {
  const runs: SpeakerTurn[] = [];
  let previous = -1;
  cells.forEach((value, i) => {
    const speaker = value === -2 ? previous : value;
    previous = speaker;
    if (speaker < 0) return;
    const last = runs[runs.length - 1];
    if (last && last.speaker === speaker && Math.abs(last.end - i * cellSec) < 1e-9) last.end = (i + 1) * cellSec;
    else runs.push({ start: i * cellSec, end: (i + 1) * cellSec, speaker });
  });
  const kept = runs.filter((run) => run.end - run.start >= MIN_RUN_SEC);
  const turns: SpeakerTurn[] = [];
  for (const run of kept) {
    const last = turns[turns.length - 1];
    if (last && last.speaker === run.speaker && run.start - last.end < JOIN_GAP_SEC) last.end = run.end;
    else turns.push({ ...run });
  }
  return turns.map((t) => ({ start: round(t.start), end: round(t.end), speaker: t.speaker }));
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
