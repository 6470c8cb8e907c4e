// Lists every demuxer the ffmpeg and ffprobe in use know, and proves that each one
// outside the allow-list (lib/transcription/media/formats.ts) is refused: the
// demuxer is forced with `-f` through inputArgs(), the input arguments that probing,
// duration measuring and decoding all use, and ffmpeg's refusal must come back and
// turn into the message a person sees. Allowed names must open normally, which shows
// they are real demuxer names in this build.
//
//   tsx scripts/cli/list-demuxers.ts [--ffmpeg PATH] [--ffprobe PATH] [--all]
//
// Prints one row per demuxer (refused ones only, unless --all) and exits 1 if any
// unlisted demuxer was not refused.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { SINGLE_FILE_DEMUXERS, inputArgs, isAllowedFormat, refusedFormat, unsupportedFormatError } from "../../lib/transcription/media/formats";
import { resolveFfmpeg } from "../../lib/transcription/media/locate";
import { runTool } from "../../lib/transcription/media/run";

type Demuxer = { name: string; description: string };
type Verdict = "refused" | "allowed" | "NOT REFUSED" | "ALLOWED BUT REFUSED" | "-";

async function listDemuxers(binary: string): Promise<Demuxer[]> {
  const result = await runTool(binary, ["-hide_banner", "-demuxers"], { timeoutMs: 30_000, maxStdoutBytes: 1 << 20 });
  if (result.exitCode !== 0) throw new Error(`${binary} -demuxers failed: ${result.stderr.trim()}`);
  const lines = result.stdout.split("\n");
  const start = lines.findIndex((line) => line.trim() === "--");
  return lines
    .slice(start + 1)
    .map((line) => /^\s*D\S*\s+(\S+)\s*(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ name: match[1], description: match[2].trim() }));
}

/** Runs one tool with the demuxer forced and judges the outcome against the list. */
async function judge(kind: "ffprobe" | "ffmpeg", binary: string, sample: string, demuxer: string): Promise<{ verdict: Verdict; message?: string }> {
  const forced = demuxer.split(",")[0];
  const input = inputArgs(sample, forced);
  const args =
    kind === "ffprobe"
      ? ["-v", "warning", "-print_format", "json", "-show_format", ...input]
      : ["-nostdin", "-hide_banner", "-loglevel", "error", ...input, "-map", "0:a:0", "-f", "null", "-"];
  const result = await runTool(binary, args, { timeoutMs: 15_000, maxStdoutBytes: 1 << 20 });
  const refused = refusedFormat(result.stderr);
  if (isAllowedFormat(demuxer)) return { verdict: refused ? "ALLOWED BUT REFUSED" : "allowed" };
  if (!refused || result.exitCode === 0) return { verdict: "NOT REFUSED" };
  return { verdict: "refused", message: unsupportedFormatError(refused).message };
}

async function inPool<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: size }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
    }),
  );
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { ffmpeg: { type: "string" }, ffprobe: { type: "string" }, all: { type: "boolean" } } });
  const tools = await resolveFfmpeg({ ffmpegPath: values.ffmpeg, ffprobePath: values.ffprobe });
  const dir = await mkdtemp(path.join(tmpdir(), "selenite-demuxers-"));
  // What the file holds does not matter: the allow-list is checked before a demuxer reads a byte.
  const sample = path.join(dir, "sample.wav");
  await writeFile(sample, '<MPD profiles="urn:mpeg:dash:profile:isoff-on-demand:2011"><BaseURL>/etc/passwd</BaseURL></MPD>\n');
  try {
    const known = new Map<string, { description: string; ffprobe: Verdict; ffmpeg: Verdict; message?: string }>();
    for (const kind of ["ffprobe", "ffmpeg"] as const) {
      const binary = tools[kind];
      const demuxers = await listDemuxers(binary);
      await inPool(demuxers, 4, async ({ name, description }) => {
        const { verdict, message } = await judge(kind, binary, sample, name);
        const row = known.get(name) ?? { description, ffprobe: "-", ffmpeg: "-" };
        row[kind] = verdict;
        row.message ??= message;
        known.set(name, row);
      });
    }
    const rows = [...known.entries()].sort(([a], [b]) => a.localeCompare(b));
    const shown = values.all ? rows : rows.filter(([name]) => !isAllowedFormat(name));
    const width = Math.max(...shown.map(([name]) => name.length), 7);
    console.log(`${"demuxer".padEnd(width)}  ${"ffprobe".padEnd(11)}  ${"ffmpeg".padEnd(11)}  description`);
    for (const [name, row] of shown) {
      console.log(`${name.padEnd(width)}  ${row.ffprobe.padEnd(11)}  ${row.ffmpeg.padEnd(11)}  ${row.description}`);
    }
    const failures = rows.filter(
      ([, row]) =>
        row.ffprobe === "NOT REFUSED" || row.ffmpeg === "NOT REFUSED" || row.ffprobe === "ALLOWED BUT REFUSED" || row.ffmpeg === "ALLOWED BUT REFUSED",
    );
    const missing = SINGLE_FILE_DEMUXERS.filter((name) => ![...known.keys()].some((known) => known.split(",").includes(name)));
    const refused = rows.filter(([name]) => !isAllowedFormat(name)).length;
    console.log(`\n${rows.length} demuxers: ${rows.length - refused} allowed, ${refused} refused.`);
    console.log(`Allowed: ${SINGLE_FILE_DEMUXERS.join(", ")}`);
    if (missing.length > 0) console.log(`Not in these builds (harmless): ${missing.join(", ")}`);
    const example = rows.find(([name]) => name === "dash")?.[1].message;
    if (example) console.log(`An upload in the dash format is told: "${example}"`);
    if (failures.length > 0) {
      console.log(`\nFAILED for: ${failures.map(([name]) => name).join(", ")}`);
      return 1;
    }
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
