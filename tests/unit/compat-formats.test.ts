// The compatible APIs' pure parts: the WAV header put on Bazarr's headerless PCM
// (ffprobe must read it back as 16 kHz mono s16 of the right length), the answers'
// shapes in each format, the fields' checks, and the token kept out of logged URLs.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parseSync } from "subtitle";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { asrQuerySchema, translateAsrQuery } from "@/lib/integrations/asr-compat/fields";
import { wavHeader, wrapPcmAsWav } from "@/lib/integrations/asr-compat/pcm";
import { renderAsr } from "@/lib/integrations/asr-compat/render";
import { whisperSegments } from "@/lib/integrations/compat/whisper-result";
import { openAiFieldsSchema } from "@/lib/integrations/openai-compat/fields";
import { verboseJson } from "@/lib/integrations/openai-compat/render";
import { loggedUrl } from "@/lib/http/log-url";
import { edgeCaseTranscript } from "./exports-fixture";

const run = promisify(execFile);
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "selenite-compat-"));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function probe(file: string) {
  const { stdout } = await run("ffprobe", ["-v", "error", "-show_streams", "-show_format", "-of", "json", file]);
  const info = JSON.parse(stdout) as { streams: { codec_name: string; sample_rate: string; channels: number }[]; format: { duration: string } };
  return {
    codec: info.streams[0].codec_name,
    rate: Number(info.streams[0].sample_rate),
    channels: info.streams[0].channels,
    duration: Number(info.format.duration),
  };
}

describe("headerless PCM into WAV", () => {
  it("writes a 44-byte RIFF header that states 16 kHz, mono, 16-bit", () => {
    const header = wavHeader(32_000);
    expect(header).toHaveLength(44);
    expect(header.toString("ascii", 0, 4)).toBe("RIFF");
    expect(header.readUInt32LE(4)).toBe(36 + 32_000);
    expect(header.toString("ascii", 8, 16)).toBe("WAVEfmt ");
    expect(header.readUInt16LE(22)).toBe(1);
    expect(header.readUInt32LE(24)).toBe(16_000);
    expect(header.readUInt32LE(28)).toBe(32_000);
    expect(header.readUInt16LE(34)).toBe(16);
    expect(header.readUInt32LE(40)).toBe(32_000);
  });

  it("turns 3 s of PCM into a WAV ffprobe reads as 3 s, and clips to a limit", async () => {
    const pcm = Buffer.alloc(3 * 16_000 * 2);
    for (let i = 0; i < pcm.length / 2; i++) pcm.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16_000)), i * 2);
    const whole = path.join(dir, "whole.part");
    fs.writeFileSync(whole, pcm);
    expect(await wrapPcmAsWav(whole, pcm.length)).toBe(44 + pcm.length);
    expect(fs.readFileSync(whole).subarray(44).equals(pcm)).toBe(true);
    expect(await probe(whole)).toEqual({ codec: "pcm_s16le", rate: 16_000, channels: 1, duration: 3 });

    const clipped = path.join(dir, "clipped.part");
    fs.writeFileSync(clipped, pcm);
    expect(await wrapPcmAsWav(clipped, pcm.length, 1)).toBe(44 + 32_000);
    expect((await probe(clipped)).duration).toBe(1);
  });

  it("drops an odd trailing byte (half a sample)", async () => {
    const file = path.join(dir, "odd.part");
    fs.writeFileSync(file, Buffer.alloc(16_001));
    expect(await wrapPcmAsWav(file, 16_001)).toBe(44 + 16_000);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".wav"))).toEqual([]);
  });
});

describe("answers", () => {
  it("verbose_json: segments by default, words only when asked, OpenAI's segment keys", () => {
    const transcript = edgeCaseTranscript();
    const plain = verboseJson(transcript, []);
    expect(plain.words).toBeUndefined();
    expect(plain.segments).toHaveLength(transcript.segments.length);
    expect(Object.keys(plain.segments![0]).sort()).toEqual(
      ["avg_logprob", "compression_ratio", "end", "id", "no_speech_prob", "seek", "start", "temperature", "text", "tokens"].sort(),
    );
    expect(plain.segments![0]).toMatchObject({ id: 0, seek: 0, avg_logprob: -0.21, no_speech_prob: 0.01, compression_ratio: 1.35 });
    const wordsOnly = verboseJson(transcript, ["word"]);
    expect(wordsOnly.segments).toBeUndefined();
    expect(wordsOnly.words?.[0]).toMatchObject({ word: " Good", start: 0 });
    expect(verboseJson(transcript, ["segment", "word"])).toHaveProperty("segments");
  });

  it("seek is the start of the segment's 30 s window, in 10 ms frames", () => {
    const transcript = edgeCaseTranscript();
    for (const segment of whisperSegments(transcript, false)) {
      expect(segment.seek).toBe(Math.floor(segment.start / 30) * 3000);
    }
  });

  it("/asr outputs: txt one line per segment, tsv in milliseconds, srt and vtt parse, json is whisper's dict", () => {
    const transcript = edgeCaseTranscript();
    const n = transcript.segments.length;
    const ask = (output: "txt" | "tsv" | "srt" | "vtt" | "json") => renderAsr(transcript, { output, encode: true, wordTimestamps: true });
    expect(ask("txt").split("\n").slice(0, -1)).toHaveLength(n);
    const [header, first] = ask("tsv").split("\n");
    expect(header).toBe("start\tend\ttext");
    expect(first).toBe(`0\t3200\tGood morning everyone, and welcome to the meeting.`);
    expect(parseSync(ask("srt")).length).toBeGreaterThan(0);
    expect(ask("vtt").startsWith("WEBVTT")).toBe(true);
    const json = JSON.parse(ask("json")) as { text: string; language: string; segments: { words: unknown[] }[] };
    expect(json.segments).toHaveLength(n);
    expect(json.segments[0].words.length).toBeGreaterThan(0);
    expect(typeof json.language).toBe("string");
  });
});

describe("fields", () => {
  it("maps /asr's query to upload options and refuses what it does not know", () => {
    expect(translateAsrQuery({ task: "translate", language: "de", output: "srt", encode: "false", initial_prompt: "Hallo.", word_timestamps: "True" })).toEqual(
      {
        upload: { task: "translate", language: "de", prompt: "Hallo.", wordTimestamps: "true" },
        extra: { output: "srt", encode: false, wordTimestamps: true },
      },
    );
    expect(asrQuerySchema.parse({})).toMatchObject({ task: "transcribe", output: "txt", encode: true, word_timestamps: false });
    expect(() => asrQuerySchema.parse({ output: "docx" })).toThrow(ZodError);
    expect(() => asrQuerySchema.parse({ encode: "maybe" })).toThrow(/encode must be true or false/);
  });

  it("reads OpenAI's list field and checks its values", () => {
    expect(openAiFieldsSchema.parse({ model: "whisper-1", "timestamp_granularities[]": "word,segment,word" })["timestamp_granularities[]"]).toEqual([
      "word",
      "segment",
    ]);
    expect(openAiFieldsSchema.parse({ model: "whisper-1" }).response_format).toBe("json");
    expect(() => openAiFieldsSchema.parse({ model: "whisper-1", "timestamp_granularities[]": "sentence" })).toThrow(/segment and\/or word/);
    expect(() => openAiFieldsSchema.parse({ model: "whisper-1", temperature: "2" })).toThrow(/at most 1/);
    expect(() => openAiFieldsSchema.parse({})).toThrow(/model is required/);
  });
});

describe("logged URLs", () => {
  it("never contain the token of a compatible URL", () => {
    expect(loggedUrl("/compat/sel_abc123/asr?output=srt")).toBe("/compat/<token>/asr?output=srt");
    expect(loggedUrl("/compat/sel_abc123")).toBe("/compat/<token>");
    expect(loggedUrl("/api/jobs?compat=1")).toBe("/api/jobs?compat=1");
  });
});
