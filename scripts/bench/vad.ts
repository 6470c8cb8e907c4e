// npm run bench:vad [-- --threads 2 --tokens 100 --model tiny]
// Voice activity detection: (1) the Silero model's cost alone, as a real-time factor
// (wall clock and CPU time of this process; ffmpeg's decode runs beside it); (2) a
// 150 s file that is 40 % silence (six 14.8 s turns of espeak-ng speech, 10.2 s of
// silence after each), transcribed with VAD and without, on a generated Whisper
// model with a fixed token count per window (as bench:transcribe does).
import { mkdir, stat } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { TranscriptionEngine } from "@/lib/transcription/engine";
import { DEFAULT_VAD, DEFAULT_VAD_THRESHOLDS } from "@/lib/transcription/vad/regions";
import { detectSpeech } from "@/lib/transcription/vad/stream";
import { composeSpeech, wordsFrom } from "@/tests/helpers/vad-audio";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const OUT = path.join(ROOT, "bench-output");
const MODELS = path.join(OUT, "models");
const AUDIO = path.join(OUT, "vad");

const PHRASES = [
  "the quiet river carries seven silver lanterns past the old stone market",
  "morning light fills every open window in the valley",
  "we walked along the orchard wall and talked about the harvest",
  "a paper boat drifted slowly under the wooden bridge",
];

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function ensureModel(size: "tiny" | "base"): Promise<string> {
  const name = `whisper-${size}`;
  if (!(await exists(path.join(MODELS, name, "onnx", "decoder_model_merged_quantized.onnx")))) {
    console.log(`generating ${name} (full vocabulary) into ${path.relative(ROOT, path.join(MODELS, name))} ...`);
    const { makeTestModel } = await import("@/scripts/gen/test-model/index");
    await makeTestModel({ outDir: path.join(MODELS, name), size, fullVocab: true, quantized: true });
  }
  return name;
}

/** 150 s: six turns of 14.8 s of speech, each followed by 10.2 s of silence (40.8 % silence). */
async function ensureFixture(): Promise<{ file: string; speechSec: number }> {
  await mkdir(AUDIO, { recursive: true });
  const placed: { word: string; at: number }[] = [];
  for (let turn = 0; turn < 6; turn++) {
    const start = turn * 25;
    placed.push(...(await wordsFrom(AUDIO, PHRASES, start, start + 14.8, 0.2, 0.6, turn + 1)));
  }
  const { file, truth } = await composeSpeech(AUDIO, "turns-150s", 150, "silence", placed);
  const speechSec = truth.reduce((sum, t) => sum + t.end - t.start, 0);
  return { file, speechSec };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { threads: { type: "string", default: "2" }, tokens: { type: "string", default: "100" }, model: { type: "string", default: "tiny" } },
  });
  const threads = Number(values.threads);
  const tokens = Number(values.tokens);
  const { file, speechSec } = await ensureFixture();
  console.log(`fixture: 150 s, ${speechSec.toFixed(1)} s of it spoken words, 61.2 s of it silence between turns (40.8 %)`);
  console.log(`load average before: ${loadavg()[0].toFixed(1)} (other processes share these cores)\n`);

  // 1. The model alone (one intra-op thread: a frame is too small to split).
  await detectSpeech(file, { thresholds: DEFAULT_VAD_THRESHOLDS }); // warm-up: session creation, page cache
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const { regions, modelMs, seconds } = await detectSpeech(file, { thresholds: DEFAULT_VAD_THRESHOLDS });
  const wallMs = performance.now() - wall;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(`VAD alone on ${seconds.toFixed(0)} s: ${regions.length} regions`);
  console.log(`  model time ${modelMs.toFixed(0)} ms  RTF ${(modelMs / 1000 / seconds).toFixed(4)}`);
  console.log(`  wall time  ${wallMs.toFixed(0)} ms  RTF ${(wallMs / 1000 / seconds).toFixed(4)} (decode + model)`);
  console.log(`  CPU time   ${cpuMs.toFixed(0)} ms  RTF ${(cpuMs / 1000 / seconds).toFixed(4)} (this process; target <= 0.01)\n`);

  // 2. With and without VAD, same model, threads and token count per window.
  const model = await ensureModel(values.model === "base" ? "base" : "tiny");
  const engine = new TranscriptionEngine({ threads });
  const run = async (vad: boolean) => {
    const started = performance.now();
    const windows: string[] = [];
    const result = await engine.transcribe(
      {
        file,
        modelsDir: MODELS,
        model,
        dtype: "fp32",
        language: "en",
        task: "transcribe",
        wordTimestamps: false,
        threads,
        maxNewTokens: tokens,
        minNewTokens: tokens,
        vad: vad ? DEFAULT_VAD : null,
      },
      {
        onWindow: (w) =>
          windows.push(`${(w.startSample / 16000).toFixed(1)}s+${(w.contentSamples / 16000).toFixed(1)}s adv ${(w.advance / 16000).toFixed(1)}s`),
      },
    );
    if (vad) console.log(`  windows with VAD (start + audio, advance): ${windows.join("; ")}`);
    return { ms: performance.now() - started, stats: result.stats };
  };
  await run(false); // warm-up: model load
  const off = await run(false);
  const on = await run(true);
  const line = (label: string, m: typeof on) =>
    `  ${label.padEnd(12)} ${(m.ms / 1000).toFixed(2)} s  windows ${m.stats?.windows}  tokens ${m.stats?.tokens}` +
    (m.stats?.vadMs !== undefined ? `  vad ${m.stats.vadMs} ms  decoded ${m.stats.speechSec} s of audio` : "");
  console.log(`${model} fp32, ${threads} threads, ${tokens} tokens per window:`);
  console.log(line("without VAD", off));
  console.log(line("with VAD", on));
  console.log(`  with / without: ${(on.ms / off.ms).toFixed(2)}x (target <= 0.7x); load average after: ${loadavg()[0].toFixed(1)}`);
  await engine.unload();
}

await main();
