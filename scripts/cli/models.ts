// `npm run models -- list`, `npm run models -- pull <name> [--dtype q8] [--force]` and
// `npm run models -- delete <name>`, through lib/models/service.ts like the Models page.
// MODELS_DIR and MODEL_HOST come from lib/config.ts, validated the same way the
// server validates them.
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, getConfig } from "../../lib/config";
import { formatBytes, formatDuration } from "../../lib/format";
import { CATALOG, resolvePullTarget } from "../../lib/models/catalog";
import { DTYPES, isDtype } from "../../lib/models/dtypes";
import { listPartialDownloads, type PullProgress } from "../../lib/models/download";
import { scanModels } from "../../lib/models/registry";
import { inspectSpeakerFolder, speakerModelFolders, SPEAKER_CATALOG } from "../../lib/models/speakers";
import { describeRewrites } from "../../lib/models/rewrites";
import { deleteModel, downloadModel } from "../../lib/models/service";

const USAGE = `Usage:
  npm run models -- list
  npm run models -- pull <name | owner/repo> [--dtype ${DTYPES.slice(0, 4).join("|")}|...] [--force] [--revision main]
  npm run models -- delete <name>

Models:  ${CATALOG.map((e) => e.name).join(", ")}
Speaker models (for "who said what"): ${SPEAKER_CATALOG.map((e) => e.name).join(", ")}, or "speakers" for both
Env:     MODELS_DIR (default ./models), MODEL_HOST (default https://huggingface.co)`;

let modelsDir = "";
let host = "";

async function list(): Promise<void> {
  const { models, broken } = await scanModels(modelsDir);
  const partial = await listPartialDownloads(modelsDir);
  if (models.length === 0) {
    console.log(`No models installed in ${modelsDir}.`);
    console.log("Download one with:  npm run models -- pull whisper-base");
    console.log(`Available: ${CATALOG.map((e) => e.name).join(", ")}`);
  } else {
    console.log(`Installed models in ${modelsDir}:`);
    const rows = models.map((m) => [
      m.name,
      formatBytes(m.sizeBytes),
      m.multilingual ? (m.languages > 0 ? String(m.languages) : "many") : "English",
      m.dtypes.join(", "),
      m.hasWordTimestamps ? "yes" : "no",
    ]);
    printTable(["NAME", "SIZE", "LANGUAGES", "DTYPES", "WORD TIMESTAMPS"], rows);
    console.log("\nGraph rewrites, as the engine recorded them when it last loaded each model (docs/engine.md):");
    for (const m of models) {
      const lines = describeRewrites(m.rewrites);
      if (lines.length === 0) console.log(`  ${m.name}: not loaded yet`);
      else for (const line of lines) console.log(`  ${m.name} ${line}`);
    }
  }
  const speakers = await speakerModelFolders(modelsDir);
  const speakerRows: string[][] = [];
  for (const [role, dir] of Object.entries(speakers)) {
    const inspected = dir ? await inspectSpeakerFolder(dir) : null;
    speakerRows.push(
      inspected?.ok ? [role, inspected.model.name, formatBytes(inspected.model.sizeBytes), inspected.model.dtypes.join(", ")] : [role, "not installed", "", ""],
    );
  }
  console.log("\nSpeaker models:");
  printTable(["ROLE", "NAME", "SIZE", "DTYPES"], speakerRows);
  if (!speakers.segmentation || !speakers.embedding) {
    console.log("Download both with:  npm run models -- pull speakers");
  }
  if (broken.length > 0) {
    console.log("\nBroken folders (not usable until fixed or pulled again with --force):");
    for (const b of broken) console.log(`  ${b.name}: ${b.reason}`);
  }
  if (partial.length > 0) {
    console.log("\nUnfinished downloads (run the same pull again to resume):");
    for (const p of partial) console.log(`  ${p.name} (${formatBytes(p.sizeBytes)} so far)`);
  }
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

/** Progress on stderr: a redrawn bar on a terminal, a line every few seconds in logs. */
function progressReporter(): { update: (p: PullProgress) => void; finish: (ok: boolean) => void } {
  const tty = process.stderr.isTTY === true;
  const samples: Array<{ t: number; bytes: number }> = [];
  let lastDraw = 0;
  let lastFile = "";
  let drawn = false;
  let last: PullProgress | undefined;
  const update = (p: PullProgress, force = false) => {
    last = p;
    const now = Date.now();
    samples.push({ t: now, bytes: p.bytesDone });
    // Speed over the last 5 s: steady enough to read, quick to follow a change.
    while (samples.length > 2 && now - samples[0].t > 5000) samples.shift();
    const newFile = p.file !== lastFile;
    if (!force && !newFile && now - lastDraw < (tty ? 100 : 5000)) return;
    lastDraw = now;
    lastFile = p.file;
    const span = (now - samples[0].t) / 1000;
    const speed = span > 0.5 ? (p.bytesDone - samples[0].bytes) / span : 0;
    const total = p.bytesTotal;
    const fraction = total ? Math.min(1, p.bytesDone / total) : undefined;
    const eta = total && speed > 0 ? formatDuration((total - p.bytesDone) / speed) : "--:--";
    const percent = fraction === undefined ? "  ?%" : `${Math.floor(fraction * 100)}%`.padStart(4);
    const amount = `${formatBytes(p.bytesDone)}${total ? ` / ${formatBytes(total)}` : ""}`;
    const rate = `${formatBytes(speed)}/s`;
    if (tty) {
      const width = 20;
      const filled = Math.round((fraction ?? 0) * width);
      const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
      const text = `${bar} ${percent}  ${amount}  ${rate}  ETA ${eta}  ${path.basename(p.file)}`;
      process.stderr.write(`\r${text.slice(0, (process.stderr.columns || 100) - 1)}\x1b[K`);
      drawn = true;
    } else {
      const step = `[${p.fileIndex + 1}/${p.fileCount}] ${p.file}`;
      console.error(`${step}  overall ${percent.trim()}  ${amount}  ${rate}  ETA ${eta}`);
    }
  };
  // On success the last line should read 100%, however recently the bar was drawn.
  const finish = (ok: boolean) => {
    if (ok && last) update(last, true);
    if (drawn) process.stderr.write("\n");
  };
  return { update: (p) => update(p), finish };
}

async function pull(name: string, dtype: string | undefined, force: boolean, revision: string): Promise<void> {
  if (dtype !== undefined && !isDtype(dtype)) {
    throw new Error(`Unknown dtype '${dtype}'. Use one of: ${DTYPES.join(", ")}.`);
  }
  const controller = new AbortController();
  process.once("SIGINT", () => {
    controller.abort();
    process.once("SIGINT", () => process.exit(130));
  });
  const progress = progressReporter();
  const target = resolvePullTarget(name);
  const chosen = dtype ?? target.defaultDtype;
  console.error(`Pulling ${target.name} (${target.repo}, ${chosen}) from ${host} into ${modelsDir} ...`);
  try {
    const result = await downloadModel({
      name,
      revision,
      dtype,
      force,
      signal: controller.signal,
      onProgress: progress.update,
    });
    progress.finish(true);
    const m = result.model;
    console.log(`Installed ${m.name} (${result.dtype}, ${formatBytes(m.sizeBytes)}) from ${result.repo} in ${m.path}`);
  } catch (error) {
    progress.finish(false);
    if (controller.signal.aborted) {
      console.error("Download stopped; run the same command again to resume.");
      process.exit(130);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      dtype: { type: "string" },
      force: { type: "boolean", default: false },
      revision: { type: "string", default: "main" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, name, ...extra] = positionals;
  ({ modelsDir, modelHost: host } = getConfig());
  if (values.help || command === "help") return console.log(USAGE);
  if (command === "list" && !name) return list();
  if (command === "delete" && name && extra.length === 0) {
    await deleteModel("cli", name);
    return console.log(`Deleted ${name} from ${modelsDir}.`);
  }
  if (command === "pull" && name === "speakers" && extra.length === 0) {
    // Both speaker models, one after the other (each is its own resumable download).
    for (const entry of SPEAKER_CATALOG) await pull(entry.name, values.dtype, values.force ?? false, values.revision ?? "main");
    return;
  }
  if (command === "pull" && name && extra.length === 0) {
    return pull(name, values.dtype, values.force ?? false, values.revision ?? "main");
  }
  console.error(USAGE);
  process.exit(2);
}

main().catch((error: unknown) => {
  // One line, no stack: these are messages for a person at a terminal.
  // A ConfigError lists every bad variable, one per line: keep them all.
  const message = error instanceof Error ? error.message : String(error);
  console.error(`error: ${error instanceof ConfigError ? message : message.split("\n")[0]}`);
  process.exit(1);
});
