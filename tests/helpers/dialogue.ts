// Dialogues with a known truth for the speaker stage: espeak-ng voices of clearly
// different pitch and timbre take turns saying sentences, with pauses between turns,
// over silence or pink noise; mono, or each voice on its own channel. The truth lists
// who spoke when (RTTM-style: start, end, speaker).
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { SpeakerTurn } from "@/lib/speakers/types";
import { decodeAll } from "@/lib/transcription/media";
import { ffmpeg } from "./media";
import { wavFile } from "./wav";

const exec = promisify(execFile);
const RATE = 16_000;

export type Voice = { name: string; pitch: number; speed: number };
/** Three voices far apart: a low male, a high female, a middle one with another timbre. */
export const VOICES: Voice[] = [
  { name: "en+m3", pitch: 25, speed: 165 },
  { name: "en+f4", pitch: 80, speed: 175 },
  { name: "en-us+m7", pitch: 55, speed: 150 },
];

const SENTENCES = [
  "the quiet river carries seven silver lanterns past the old stone market",
  "did you see the weather report for the mountain road this morning",
  "we should move the meeting to thursday after the budget review",
  "my brother bought a green bicycle with a basket on the front",
  "please send the final numbers before the office closes tonight",
  "the train to the coast leaves at nine from the second platform",
  "I think the garden needs more water during these hot weeks",
  "our neighbours painted their fence a bright shade of yellow",
  "the library will stay open late on friday for the exam students",
  "she plays the violin every evening after dinner with her cousin",
  "nobody expected the football match to end in such a long draw",
  "turn left at the bakery and the museum is on your right",
];

async function sentence(dir: string, voice: Voice, text: string, key: string): Promise<Float32Array> {
  const raw = join(dir, `turn-${key}.wav`);
  const trimmed = join(dir, `turn-${key}.16k.wav`);
  await exec("espeak-ng", ["-v", voice.name, "-p", String(voice.pitch), "-s", String(voice.speed), "-w", raw, text]);
  const trim = "silenceremove=start_periods=1:start_threshold=-45dB:stop_periods=1:stop_threshold=-45dB:stop_duration=0.05";
  await ffmpeg(["-y", "-i", raw, "-af", `${trim},areverse,${trim},areverse`, "-ar", String(RATE), "-ac", "1", trimmed]);
  return (await decodeAll(trimmed)).samples;
}

export interface DialogueOptions {
  speakers: number;
  turns: number;
  noise?: boolean;
  /** Each voice on its own channel (a phone call or a two-track recording). */
  stereo?: boolean;
  seed?: number;
}

/** A dialogue as a WAV file, and who spoke when. Turns go round the speakers in a seeded, uneven order. */
export async function makeDialogue(dir: string, name: string, options: DialogueOptions): Promise<{ file: string; truth: SpeakerTurn[]; seconds: number }> {
  let state = options.seed ?? 3;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const channels = options.stereo ? options.speakers : 1;
  const parts: { speaker: number; samples: Float32Array; pause: number }[] = [];
  let speaker = 0;
  for (let i = 0; i < options.turns; i++) {
    const text = SENTENCES[i % SENTENCES.length];
    parts.push({ speaker, samples: await sentence(dir, VOICES[speaker], text, `${speaker}-${i % SENTENCES.length}`), pause: 0.4 + random() * 0.5 });
    // Next speaker: never the same twice in a row, otherwise seeded.
    speaker = (speaker + 1 + Math.floor(random() * (options.speakers - 1))) % options.speakers;
  }
  const lead = 0.5;
  const seconds = lead + parts.reduce((sum, p) => sum + p.samples.length / RATE + p.pause, 0);
  const frames = Math.ceil(seconds * RATE);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  const truth: SpeakerTurn[] = [];
  let at = Math.round(lead * RATE);
  for (const part of parts) {
    out[options.stereo ? part.speaker : 0].set(part.samples, at);
    truth.push({ start: at / RATE, end: (at + part.samples.length) / RATE, speaker: part.speaker });
    at += part.samples.length + Math.round(part.pause * RATE);
  }
  if (options.noise) {
    // Pink-ish noise about 25 dB under the speech: a quiet room, not a cafe.
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    for (const channel of out) {
      for (let i = 0; i < frames; i++) {
        const white = random() * 2 - 1;
        b0 = 0.99765 * b0 + white * 0.099046;
        b1 = 0.963 * b1 + white * 0.2965164;
        b2 = 0.57 * b2 + white * 1.0526913;
        channel[i] += (b0 + b1 + b2 + white * 0.1848) * 0.006;
      }
    }
  }
  const file = join(dir, `${name}.wav`);
  await writeFile(file, wavFile(out));
  return { file, truth, seconds };
}

/**
 * Share of the true speech time given the right speaker, under the best one-to-one
 * match of found speakers to true ones (1 - the diarization error rate without
 * a collar, counting missed speech as wrong).
 */
export function speakerAccuracy(truth: readonly SpeakerTurn[], found: readonly SpeakerTurn[]): number {
  const trueIds = [...new Set(truth.map((t) => t.speaker))];
  const foundIds = [...new Set(found.map((t) => t.speaker))];
  const overlap = trueIds.map((a) =>
    foundIds.map((b) =>
      truth
        .filter((t) => t.speaker === a)
        .reduce(
          (sum, t) => sum + found.filter((f) => f.speaker === b).reduce((s, f) => s + Math.max(0, Math.min(t.end, f.end) - Math.max(t.start, f.start)), 0),
          0,
        ),
    ),
  );
  const best = (row: number, used: Set<number>): number => {
    if (row === trueIds.length) return 0;
    let top = best(row + 1, used);
    foundIds.forEach((_, column) => {
      if (used.has(column)) return;
      used.add(column);
      top = Math.max(top, overlap[row][column] + best(row + 1, used));
      used.delete(column);
    });
    return top;
  };
  const total = truth.reduce((sum, t) => sum + t.end - t.start, 0);
  return best(0, new Set()) / total;
}
