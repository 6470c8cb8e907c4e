// Dialogues with a known truth for speaker tests: espeak-ng sentences in voices of
// clearly different pitch and timbre, taking turns with short pauses, optionally over
// pink noise. The truth (RTTM-style turns) is where each sentence was placed.
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { decodeAll } from "@/lib/transcription/media";
import { ffmpeg } from "./media";

const exec = promisify(execFile);
const RATE = 16_000;

export interface DialogueVoice {
  /** espeak-ng voice with variant, e.g. "en-us" or "en-us+f2". */
  voice: string;
  /** espeak-ng pitch, 0-99. */
  pitch: number;
  /** Words per minute. */
  speed: number;
}

/** A low male, a high female and a middle British voice. */
export const DIALOGUE_VOICES: readonly DialogueVoice[] = [
  { voice: "en-us", pitch: 20, speed: 165 },
  { voice: "en-us+f2", pitch: 80, speed: 180 },
  { voice: "en-gb+m3", pitch: 50, speed: 150 },
];

const SENTENCES = [
  "Good morning, thank you for coming in today.",
  "Thanks for having me, I am glad we could finally meet.",
  "Let us start with the budget for the next quarter.",
  "The numbers look better than we expected in the spring.",
  "Do you think the new office will be ready by then?",
  "I spoke with the builders yesterday and they sounded confident.",
  "That is good news, the team has been waiting for months.",
  "We should still plan for a delay of a few weeks.",
  "Agreed, I will tell everyone to keep working from home.",
  "One more thing, the client wants a call on Friday.",
  "Friday works for me, any time after lunch is fine.",
  "Perfect, I will send the invitation this afternoon.",
  "Could you also share the notes from the last meeting?",
  "Of course, they are already in the shared folder.",
  "Then I think we are done for today, thank you.",
  "Thank you, have a lovely rest of the week.",
];

export interface DialogueTurn {
  start: number;
  end: number;
  speaker: number;
}

export interface Dialogue {
  file: string;
  durationSec: number;
  truth: DialogueTurn[];
}

async function sentence(dir: string, voice: DialogueVoice, text: string, index: number): Promise<Float32Array> {
  const raw = join(dir, `turn-${index}.wav`);
  const trimmed = join(dir, `turn-${index}.16k.wav`);
  await exec("espeak-ng", ["-v", voice.voice, "-p", String(voice.pitch), "-s", String(voice.speed), "-w", raw, text]);
  const trim = "silenceremove=start_periods=1:start_threshold=-45dB";
  await ffmpeg(["-i", raw, "-af", `${trim},areverse,${trim},areverse`, "-ar", String(RATE), "-ac", "1", trimmed]);
  return (await decodeAll(trimmed)).samples;
}

/**
 * `turns` sentences, speakers taking turns in order (0, 1, 0, 1, … for two voices), with
 * seeded pauses of 0.4-0.9 s and 0.5 s of silence at both ends; written as a 16 kHz WAV.
 */
export async function makeDialogue(
  dir: string,
  name: string,
  options: { voices?: readonly DialogueVoice[]; speakers?: number; turns?: number; noise?: number; seed?: number } = {},
): Promise<Dialogue> {
  const voices = (options.voices ?? DIALOGUE_VOICES).slice(0, options.speakers ?? 2);
  const turns = options.turns ?? 10;
  let state = options.seed ?? 7;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const parts: { samples: Float32Array; speaker: number; at: number }[] = [];
  let at = 0.5;
  for (let i = 0; i < turns; i++) {
    const speaker = i % voices.length;
    const samples = await sentence(dir, voices[speaker], SENTENCES[i % SENTENCES.length], i);
    parts.push({ samples, speaker, at });
    at += samples.length / RATE + 0.4 + random() * 0.5;
  }
  const durationSec = at + 0.1;
  const out = new Float32Array(Math.round(durationSec * RATE));
  const truth: DialogueTurn[] = [];
  for (const part of parts) {
    const from = Math.round(part.at * RATE);
    out.set(part.samples, from);
    truth.push({ start: from / RATE, end: (from + part.samples.length) / RATE, speaker: part.speaker });
  }
  if (options.noise) {
    let n = options.seed ?? 7;
    for (let i = 0; i < out.length; i++) {
      n = (n * 1103515245 + 12345) % 2 ** 31;
      out[i] += (n / 2 ** 31 - 0.5) * 2 * options.noise;
    }
  }
  const pcm = join(dir, `${name}.f32`);
  const file = join(dir, `${name}.wav`);
  await writeFile(pcm, Buffer.from(out.buffer, out.byteOffset, out.byteLength));
  await ffmpeg(["-f", "f32le", "-ar", String(RATE), "-ac", "1", "-i", pcm, "-c:a", "pcm_s16le", file]);
  return { file, durationSec: out.length / RATE, truth };
}
