// npm run bench:diarize [-- --minutes 60 --threads 2 --methods neural]
// Speed and memory of each speaker method on a long two-voice espeak-ng dialogue (a
// ~1 min dialogue looped with ffmpeg to --minutes). The neural method runs on the
// generated pyannote-segmentation-3.0 and WeSpeaker ResNet34 models of real size: the
// cost does not depend on the weight values. Each measurement runs in a fresh process,
// so its peak RSS (VmHWM) and growth over the process's own baseline (VmRSS after the
// imports, before any model loads) are its own.
// Methods are rows of METHODS below: add one with its goal and it gets a row.
import { execFile, spawn } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs, promisify } from "node:util";
import { ENGINE_SEMI_SPACE_MB } from "@/lib/queue/worker-host";
import type { SpeakerTurn } from "@/lib/speakers/types";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const OUT = path.join(ROOT, "bench-output");
const MODELS = path.join(OUT, "models", "speakers");
const AUDIO = path.join(OUT, "diarize");
const exec = promisify(execFile);

/** What a method's run gets: the file, its length, the threads and the generated models' folders. */
export interface BenchContext {
  file: string;
  durationSec: number;
  threads: number;
  segmentationDir: string;
  embeddingDir: string;
}

export interface BenchMethod {
  /** Goal for the real-time factor on 2 cores (issue 13). */
  rtfGoal: number;
  /** Optional: model loading alone, timed apart from the run (which includes it). */
  load?: (context: BenchContext) => Promise<void>;
  run: (context: BenchContext) => Promise<SpeakerTurn[]>;
}

export const METHODS: Record<string, BenchMethod> = {
  neural: {
    rtfGoal: 0.03,
    load: async ({ segmentationDir, embeddingDir, threads }) => {
      const { loadEmbedding, loadSegmentation } = await import("@/lib/speakers/neural-models");
      const segmentation = await loadSegmentation(segmentationDir, threads);
      const embedding = await loadEmbedding(embeddingDir, threads);
      await segmentation.session.release();
      await embedding.session.release();
    },
    run: async (context) => {
      const { neuralTurns } = await import("@/lib/speakers/neural");
      return neuralTurns(context.file, { ...context, choice: { min: 1, max: 8 }, expectedDurationSec: context.durationSec });
    },
  },
  // No transcript cut points: the VAD's speech regions alone (the case of a transcript without timestamps).
  rough: {
    rtfGoal: 0.005,
    run: async (context) => {
      const { roughTurns } = await import("@/lib/speakers/rough");
      const { DEFAULT_VAD_THRESHOLDS } = await import("@/lib/transcription/vad/regions");
      return roughTurns(context.file, {
        choice: { min: 1, max: 8 },
        cuts: { strong: [], weak: [] },
        vad: DEFAULT_VAD_THRESHOLDS,
        expectedDurationSec: context.durationSec,
      });
    },
  },
};

/** Growth of RSS over the process baseline the issue allows. */
const RSS_GROWTH_GOAL_MB = 150;

type Job = { method: string; context: BenchContext };
type Measure = { loadMs: number; runMs: number; cpuMs: number; baselineMb: number; peakMb: number; turns: number; speakers: number };

async function procStatusMb(field: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile("/proc/self/status", "utf8");
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function child(job: Job): Promise<Measure> {
  const method = METHODS[job.method];
  // Import what the methods use before the baseline, so the growth is the work's own.
  await import("@/lib/speakers/neural");
  await import("@/lib/speakers/rough");
  const baselineMb = await procStatusMb("VmRSS");
  let mark = performance.now();
  await method.load?.(job.context);
  const loadMs = performance.now() - mark;
  mark = performance.now();
  const cpu = process.cpuUsage();
  const turns = await method.run(job.context);
  const runMs = performance.now() - mark;
  const used = process.cpuUsage(cpu);
  return {
    loadMs,
    runMs,
    cpuMs: (used.user + used.system) / 1000,
    baselineMb,
    peakMb: await procStatusMb("VmHWM"),
    turns: turns.length,
    speakers: new Set(turns.map((t) => t.speaker)).size,
  };
}

/** One measurement in a fresh Node process (transformers.js loaded before tsx, as plain ESM). */
function measure(job: Job): Promise<Measure> {
  const self = pathToFileURL(path.join(ROOT, "scripts", "bench", "diarize.ts")).href;
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
    proc.on("close", (exit) => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (exit === 0 && line) resolve(JSON.parse(line.slice(7)) as Measure);
      else reject(new Error(`measurement ${job.method} failed (exit ${exit}): ${out.slice(-500)}`));
    });
  });
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

async function ensureModels(): Promise<{ segmentationDir: string; embeddingDir: string }> {
  const { EMBEDDING_MODEL_NAME, SEGMENTATION_MODEL_NAME, makeSpeakerModels } = await import("@/scripts/gen/speaker-models/index");
  const segmentationDir = path.join(MODELS, SEGMENTATION_MODEL_NAME);
  const embeddingDir = path.join(MODELS, EMBEDDING_MODEL_NAME);
  if (!(await exists(path.join(embeddingDir, "onnx", "model.onnx")))) {
    console.log(`generating the speaker models into ${path.relative(ROOT, MODELS)} ...`);
    await makeSpeakerModels({ outDir: MODELS });
  }
  return { segmentationDir, embeddingDir };
}

async function ensureDialogue(minutes: number): Promise<{ file: string; durationSec: number }> {
  const file = path.join(AUDIO, `dialogue-${minutes}min.wav`);
  if (!(await exists(file))) {
    const { makeDialogue } = await import("@/tests/helpers/dialogue");
    const { mkdir } = await import("node:fs/promises");
    await mkdir(AUDIO, { recursive: true });
    const base = await makeDialogue(AUDIO, "dialogue-base", { speakers: 2, turns: 16 });
    await exec("ffmpeg", ["-v", "error", "-y", "-stream_loop", "-1", "-i", base.file, "-t", String(minutes * 60), "-c:a", "pcm_s16le", file]);
  }
  const { measureDuration } = await import("@/lib/transcription/media");
  const durationSec = await measureDuration(file);
  if (!durationSec) throw new Error(`ffmpeg could not measure ${file}`);
  return { file, durationSec };
}

const pad = (value: string | number, width: number) => String(value).padStart(width);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: "string", default: "60" },
      threads: { type: "string", default: "2" },
      methods: { type: "string", default: Object.keys(METHODS).join(",") },
    },
  });
  const minutes = Number(values.minutes);
  const threads = Number(values.threads);
  const methods = values.methods.split(",").filter(Boolean);
  for (const name of methods) if (!METHODS[name]) throw new Error(`Unknown method "${name}"; known: ${Object.keys(METHODS).join(", ")}`);
  const models = await ensureModels();
  const audio = await ensureDialogue(minutes);
  console.log(`audio: ${(audio.durationSec / 60).toFixed(1)} min two-voice espeak-ng dialogue (looped); ${threads} threads`);
  console.log("cpu* = 1-minute load average after the run (other processes share these cores)");
  console.log(`cpu RTF = CPU time of the run / audio length / ${threads} threads: the RTF these cores would give unshared\n`);
  console.log(
    `${"method".padEnd(10)}${pad("cpu*", 6)}${pad("load s", 8)}${pad("run s", 8)}${pad("RTF", 8)}${pad("cpu RTF", 9)}${pad("goal", 7)}    ${pad("peakMB", 7)}${pad("base", 6)}${pad("growth", 8)}    turns  speakers`,
  );
  for (const name of methods) {
    const context: BenchContext = { file: audio.file, durationSec: audio.durationSec, threads, ...models };
    const m = await measure({ method: name, context });
    const rtf = m.runMs / 1000 / audio.durationSec;
    const cpuRtf = m.cpuMs / 1000 / audio.durationSec / threads;
    const growth = m.peakMb - m.baselineMb;
    const goal = METHODS[name].rtfGoal;
    console.log(
      `${name.padEnd(10)}${pad(loadavg()[0].toFixed(1), 6)}${pad((m.loadMs / 1000).toFixed(2), 8)}${pad((m.runMs / 1000).toFixed(1), 8)}${pad(rtf.toFixed(4), 8)}${pad(cpuRtf.toFixed(4), 9)}${pad(goal, 7)} ${Math.min(rtf, cpuRtf) <= goal ? "ok  " : "SLOW"}${pad(m.peakMb.toFixed(0), 7)}${pad(m.baselineMb.toFixed(0), 6)}${pad(growth.toFixed(0), 8)} ${growth <= RSS_GROWTH_GOAL_MB ? "ok  " : "OVER"}${pad(m.turns, 6)}${pad(m.speakers, 10)}`,
    );
  }
}

const childAt = process.argv.indexOf("--child");
if (childAt >= 0) {
  const result = await child(JSON.parse(process.argv[childAt + 1]) as Job);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href || process.argv.includes("--main")) {
  await main();
}
