// npm run bench:transcribe [-- --models tiny,base --seconds 150 --tokens 100 --threads 2 --long --beams 1,5]
// Speed and memory of the engine against transformers.js's bare ASR pipeline, on
// generated Whisper-size models (fp32 and int8) and espeak-ng speech. Every
// measurement runs in a fresh process so each peak RSS is its own, with the V8
// young-generation size the server gives its engine thread (both runners alike).
// --long adds a 3-hour file (tiny, int8, 4 tokens per window) to show memory stays flat.
// --beams 1,5 measures the engine alone at each beam size instead (the cost of beam
// search: every window decodes exactly --tokens steps, each beam alike).
// The engine rows decode as the pipeline does (PLAIN_DECODING: no fallback, no
// conditioning), work for work; one more row per size runs OpenAI's safeguards as a
// job does, and says how many attempts a window took (random weights are unsure of
// everything, so nearly every window falls back: the worst case, not the usual one).
import { execFile, spawn } from "node:child_process";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs, promisify } from "node:util";
import { ENGINE_SEMI_SPACE_MB } from "@/lib/queue/worker-host";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const OUT = path.join(ROOT, "bench-output");
const MODELS = path.join(OUT, "models");
const AUDIO = path.join(OUT, "transcribe");
const exec = promisify(execFile);

type Runner = "engine" | "pipeline";
type Job = { runner: Runner; model: string; dtype: "fp32" | "q8"; file: string; tokens: number; threads: number; beamSize?: number; safeguards?: boolean };
type Measure = {
  loadMs: number;
  runMs: number;
  peakMb: number;
  baselineMb: number;
  note?: string;
  windows?: number;
  tokens?: number;
  featuresMs?: number;
  encoderMs?: number;
  decoderMs?: number;
};

const mb = (bytes: number) => bytes / 2 ** 20;
const peakMb = () => process.resourceUsage().maxRSS / 1024;

async function child(job: Job): Promise<Measure> {
  const baselineMb = mb(process.memoryUsage().rss);
  if (job.runner === "engine") {
    const { TranscriptionEngine } = await import("@/lib/transcription/engine");
    const { PLAIN_DECODING } = await import("@/lib/transcription/safeguards");
    let note: string | undefined;
    // A note means the engine fell back to a slower path (e.g. the merged decoder): print it.
    const engine = new TranscriptionEngine({ onEvent: (_event, fields) => (note = typeof fields.note === "string" ? fields.note : note) });
    const result = await engine.transcribe({
      file: job.file,
      modelsDir: MODELS,
      model: job.model,
      dtype: job.dtype,
      language: "en",
      task: "transcribe",
      wordTimestamps: false,
      threads: job.threads,
      beamSize: job.beamSize,
      decoding: job.safeguards ? { seed: "bench" } : { ...PLAIN_DECODING, seed: "bench" },
      maxNewTokens: job.tokens,
      minNewTokens: job.tokens,
    });
    const { loadMs, totalMs } = result.timings;
    return { loadMs, runMs: totalMs - loadMs, peakMb: peakMb(), baselineMb, note, ...result.stats };
  }
  const { env, pipeline } = await import("@huggingface/transformers");
  const { decodeAll } = await import("@/lib/transcription/media");
  const clip = await decodeAll(job.file, { maxSec: 4 * 3600 });
  env.allowRemoteModels = false;
  env.localModelPath = MODELS;
  let mark = performance.now();
  const asr = await pipeline("automatic-speech-recognition", job.model, { dtype: job.dtype, session_options: { intraOpNumThreads: job.threads } });
  const loadMs = performance.now() - mark;
  mark = performance.now();
  await asr(clip.samples, {
    chunk_length_s: 30,
    stride_length_s: 5,
    max_new_tokens: job.tokens,
    min_new_tokens: job.tokens,
    language: "en",
    task: "transcribe",
  });
  return { loadMs, runMs: performance.now() - mark, peakMb: peakMb(), baselineMb };
}

/** One measurement in a fresh Node process (transformers.js loaded before tsx, as plain ESM). */
function measure(job: Job): Promise<Measure> {
  const self = pathToFileURL(path.join(ROOT, "scripts", "bench", "transcribe.ts")).href;
  const code = `await import("@huggingface/transformers"); const { register } = await import("tsx/esm/api"); register(); await import(${JSON.stringify(self)});`;
  return new Promise((resolve, reject) => {
    // The young generation the worker thread gets (WorkerHost's resourceLimits).
    const heap = `--max-semi-space-size=${ENGINE_SEMI_SPACE_MB}`;
    const proc = spawn(process.execPath, [heap, "--input-type=module", "-e", code, "--", "--child", JSON.stringify(job)], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    proc.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    proc.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (code === 0 && line) resolve(JSON.parse(line.slice(7)) as Measure);
      else reject(new Error(`measurement ${JSON.stringify(job)} failed (exit ${code}): ${out.slice(-500)}`));
    });
  });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function ensureModel(size: "tiny" | "base"): Promise<string> {
  const name = `whisper-${size}`;
  const dir = path.join(MODELS, name);
  if (!(await exists(path.join(dir, "onnx", "decoder_model_merged_quantized.onnx")))) {
    console.log(`generating ${name} (full vocabulary, fp32 + int8) into ${path.relative(ROOT, dir)} ...`);
    const { makeTestModel } = await import("@/scripts/gen/test-model/index");
    await rm(dir, { recursive: true, force: true });
    await makeTestModel({ outDir: dir, size, fullVocab: true, quantized: true });
  }
  return name;
}

async function filesMb(model: string, dtype: "fp32" | "q8"): Promise<number> {
  const suffix = dtype === "q8" ? "_quantized" : "";
  const sizes = await Promise.all(["encoder_model", "decoder_model_merged"].map((part) => stat(path.join(MODELS, model, "onnx", `${part}${suffix}.onnx`))));
  return mb(sizes.reduce((sum, s) => sum + s.size, 0));
}

const SENTENCE = "the quiet river carries seven silver lanterns past the old stone market while morning light fills every open window";

async function ensureSpeech(seconds: number): Promise<string> {
  const file = path.join(AUDIO, `speech-${seconds}s.wav`);
  if (await exists(file)) return file;
  await mkdir(AUDIO, { recursive: true });
  const words = SENTENCE.split(" ");
  const text = Array.from({ length: Math.ceil(seconds * 3) }, (_, i) => words[(i * 5 + Math.floor(i / 7)) % words.length]).join(" ");
  const textFile = `${file}.txt`;
  await writeFile(textFile, text);
  await exec("espeak-ng", ["-v", "en", "-f", textFile, "-w", `${file}.raw.wav`]);
  await exec("ffmpeg", ["-v", "error", "-y", "-i", `${file}.raw.wav`, "-t", String(seconds), file]);
  await rm(textFile);
  await rm(`${file}.raw.wav`);
  return file;
}

async function ensureThreeHours(source: string): Promise<string> {
  const file = path.join(AUDIO, "three-hours.wav");
  if (!(await exists(file))) {
    await exec("ffmpeg", ["-v", "error", "-y", "-stream_loop", "-1", "-i", source, "-t", "10800", "-ar", "8000", "-ac", "1", "-c:a", "pcm_s16le", file]);
  }
  return file;
}

const pad = (value: string | number, width: number) => String(value).padStart(width);

function row(label: string, m: Measure, seconds: number, files: number | null, target: number | null): string {
  const rtf = m.runMs / 1000 / seconds;
  const perToken = m.decoderMs && m.tokens ? `${(m.decoderMs / m.tokens).toFixed(1)} ms/token` : "";
  const sec = (ms?: number) => `${((ms ?? 0) / 1000).toFixed(1)}s`;
  const split = m.featuresMs === undefined ? "" : `mel ${sec(m.featuresMs)} enc ${sec(m.encoderMs)} dec ${sec(m.decoderMs)} ${perToken}`;
  const rssOk = files === null ? "" : m.peakMb <= files + 300 ? " ok" : " OVER";
  const rtfOk = target === null ? "" : rtf <= target ? " ok" : " SLOW";
  const note = m.note ? `\n${"".padEnd(26)}note: ${m.note}` : "";
  return `${label.padEnd(26)}${pad(loadavg()[0].toFixed(1), 5)}${pad((m.loadMs / 1000).toFixed(2), 7)}${pad(rtf.toFixed(3), 8)}${rtfOk.padEnd(6)}${pad(m.peakMb.toFixed(0), 7)}${rssOk.padEnd(6)}${pad(m.baselineMb.toFixed(0), 6)}${pad(files === null ? "" : files.toFixed(0), 7)}  ${split}${note}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      models: { type: "string", default: "tiny,base" },
      seconds: { type: "string", default: "150" },
      tokens: { type: "string", default: "100" },
      threads: { type: "string", default: "2" },
      long: { type: "boolean", default: false },
      "skip-pipeline": { type: "boolean", default: false },
      beams: { type: "string" },
    },
  });
  const seconds = Number(values.seconds);
  const tokens = Number(values.tokens);
  const threads = Number(values.threads);
  const speech = await ensureSpeech(seconds);
  console.log(`audio: ${seconds} s of espeak-ng speech; ${tokens} tokens per window; ${threads} threads`);
  console.log("cpu* = 1-minute load average after the run (other processes share these cores)\n");
  console.log(
    `${"model / runner".padEnd(26)}${pad("cpu*", 5)}${pad("load s", 7)}${pad("RTF", 8)}${"".padEnd(6)}${pad("peakMB", 7)}${"".padEnd(6)}${pad("base", 6)}${pad("files", 7)}  engine time split`,
  );
  const sizes = values.models.split(",").filter(Boolean) as ("tiny" | "base")[];
  if (values.beams) {
    await compareBeams(sizes, values.beams.split(",").map(Number), { file: speech, seconds, tokens, threads });
    return;
  }
  for (const size of sizes) {
    const model = await ensureModel(size);
    const target = size === "tiny" ? 0.05 : 0.1;
    const results: Partial<Record<string, Measure>> = {};
    for (const dtype of ["fp32", "q8"] as const) {
      const m = await measure({ runner: "engine", model, dtype, file: speech, tokens, threads });
      results[dtype] = m;
      console.log(row(`${size} engine ${dtype}`, m, seconds, await filesMb(model, dtype), target));
    }
    const guarded = await measure({ runner: "engine", model, dtype: "fp32", file: speech, tokens, threads, safeguards: true });
    console.log(row(`${size} engine fp32 safeguards`, guarded, seconds, await filesMb(model, "fp32"), null));
    const attempts = guarded.tokens && guarded.windows ? guarded.tokens / guarded.windows / tokens : 0;
    const plainMs = results.fp32?.runMs ?? 0;
    console.log(
      `${"".padEnd(26)}safeguards: ${attempts.toFixed(2)} attempts per window; time ${(guarded.runMs / (plainMs || 1)).toFixed(2)}x plain, ${(guarded.runMs / (plainMs || 1) / (attempts || 1)).toFixed(2)}x per attempt`,
    );
    if (!values["skip-pipeline"]) {
      const bare = await measure({ runner: "pipeline", model, dtype: "fp32", file: speech, tokens, threads });
      console.log(row(`${size} bare pipeline fp32`, bare, seconds, await filesMb(model, "fp32"), null));
      const ratio = (m?: Measure) => (m ? (bare.runMs / m.runMs).toFixed(1) : "-");
      console.log(`${"".padEnd(26)}pipeline time / engine time: fp32 ${ratio(results.fp32)}x, q8 ${ratio(results.q8)}x`);
    }
  }
  if (values.long) {
    const file = await ensureThreeHours(speech);
    const model = await ensureModel("tiny");
    const m = await measure({ runner: "engine", model, dtype: "q8", file, tokens: 4, threads });
    console.log(row("tiny engine q8, 3 h file", m, 10800, await filesMb(model, "q8"), null));
  }
}

/** The engine at each beam size, per model and dtype; times relative to the first (greedy) size. */
async function compareBeams(
  sizes: ("tiny" | "base")[],
  beams: number[],
  run: { file: string; seconds: number; tokens: number; threads: number },
): Promise<void> {
  for (const size of sizes) {
    const model = await ensureModel(size);
    for (const dtype of ["fp32", "q8"] as const) {
      const measured: Measure[] = [];
      for (const beamSize of beams) {
        const m = await measure({ runner: "engine", model, dtype, file: run.file, tokens: run.tokens, threads: run.threads, beamSize });
        measured.push(m);
        console.log(row(`${size} engine ${dtype} beam ${beamSize}`, m, run.seconds, await filesMb(model, dtype), null));
      }
      const ratios = beams.map(
        (b, i) =>
          `beam ${b} ${(measured[i].runMs / measured[0].runMs).toFixed(2)}x (decoder ${((measured[i].decoderMs ?? 0) / (measured[0].decoderMs || 1)).toFixed(2)}x)`,
      );
      console.log(`${"".padEnd(26)}time / beam ${beams[0]} time: ${ratios.join(", ")}`);
    }
  }
}

const childAt = process.argv.indexOf("--child");
if (childAt >= 0) {
  const result = await child(JSON.parse(process.argv[childAt + 1]) as Job);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
} else {
  await main();
}
