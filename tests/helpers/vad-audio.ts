// Audio with a known truth for voice activity tests: espeak-ng words, each spoken on
// its own and trimmed to its voiced part, laid at chosen times over silence, pink
// noise or a sine "music" bed. The truth is where each word was placed.
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { decodeAll } from "@/lib/transcription/media";
import { ffmpeg } from "./media";
import { wavFile } from "./wav";

const exec = promisify(execFile);
const RATE = 16_000;

export type Bed = "silence" | "pink" | "music";
export interface Placed {
  word: string;
  start: number;
  end: number;
}

const cache = new Map<string, Float32Array>();

/** One word from espeak-ng at 16 kHz, leading and trailing silence removed. */
export async function spokenWord(dir: string, word: string): Promise<Float32Array> {
  const hit = cache.get(word);
  if (hit) return hit;
  const raw = join(dir, `word-${word}.wav`);
  const trimmed = join(dir, `word-${word}.16k.wav`);
  await exec("espeak-ng", ["-v", "en", "-w", raw, word]);
  const trim = "silenceremove=start_periods=1:start_threshold=-45dB:stop_periods=1:stop_threshold=-45dB:stop_duration=0.05";
  await ffmpeg(["-i", raw, "-af", `${trim},areverse,${trim},areverse`, "-ar", String(RATE), "-ac", "1", trimmed]);
  const { samples } = await decodeAll(trimmed);
  cache.set(word, samples);
  return samples;
}

async function bed(dir: string, kind: Bed, seconds: number): Promise<Float32Array> {
  if (kind === "silence") return new Float32Array(Math.round(seconds * RATE));
  const file = join(dir, `bed-${kind}-${seconds}.wav`);
  const source = kind === "pink" ? `anoisesrc=color=pink:amplitude=0.08:sample_rate=${RATE}:seed=7:duration=${seconds}` : musicSource(seconds);
  await ffmpeg(["-f", "lavfi", "-i", source, "-ar", String(RATE), "-ac", "1", file]);
  return (await decodeAll(file, { maxSec: 4000 })).samples;
}

/** A chord of sines, each note swelling and fading, as a stand-in for music. */
function musicSource(seconds: number): string {
  const notes = [220, 277.18, 329.63, 440];
  const parts = notes.map((f, i) => `${0.05}*sin(2*PI*${f}*t)*(0.6+0.4*sin(2*PI*${0.25 + i * 0.1}*t))`);
  return `aevalsrc=${parts.join("+")}:s=${RATE}:d=${seconds}`;
}

/**
 * `seconds` of `kind` with each entry's word placed at `at` (seconds); returns the
 * WAV's path and the true word spans.
 */
export async function composeSpeech(
  dir: string,
  name: string,
  seconds: number,
  kind: Bed,
  words: { word: string; at: number }[],
  speechGain = 1,
): Promise<{ file: string; truth: Placed[] }> {
  const out = await bed(dir, kind, seconds);
  const truth: Placed[] = [];
  for (const { word, at } of words) {
    const samples = await spokenWord(dir, word);
    const from = Math.round(at * RATE);
    if (from + samples.length > out.length) throw new Error(`${word} at ${at}s runs past the ${seconds}s fixture`);
    for (let i = 0; i < samples.length; i++) out[from + i] += samples[i] * speechGain;
    truth.push({ word, start: from / RATE, end: (from + samples.length) / RATE });
  }
  const file = join(dir, `${name}.wav`);
  await writeFile(file, wavFile([out]));
  return { file, truth };
}

/** Words one after another from `start`, with pauses drawn in [minPause, maxPause] (seeded). */
export async function wordsFrom(
  dir: string,
  vocabulary: readonly string[],
  start: number,
  until: number,
  minPause: number,
  maxPause: number,
  seed = 1,
): Promise<{ word: string; at: number }[]> {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const placed: { word: string; at: number }[] = [];
  let at = start;
  for (let i = 0; ; i++) {
    const word = vocabulary[i % vocabulary.length];
    const length = (await spokenWord(dir, word)).length / RATE;
    if (at + length > until) break;
    placed.push({ word, at });
    at += length + minPause + random() * (maxPause - minPause);
  }
  return placed;
}

/** Frame-level F1 of `found` against `truth` (spans in seconds), on 10 ms frames over `seconds`. */
export function frameF1(truth: { start: number; end: number }[], found: { start: number; end: number }[], seconds: number): number {
  const frames = Math.round(seconds * 100);
  const mark = (spans: { start: number; end: number }[]) => {
    const on = new Uint8Array(frames);
    for (const s of spans) for (let f = Math.floor(s.start * 100); f < Math.min(frames, Math.ceil(s.end * 100)); f++) on[f] = 1;
    return on;
  };
  const a = mark(truth);
  const b = mark(found);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let f = 0; f < frames; f++) {
    if (a[f] && b[f]) tp++;
    else if (b[f]) fp++;
    else if (a[f]) fn++;
  }
  return (2 * tp) / (2 * tp + fp + fn);
}
