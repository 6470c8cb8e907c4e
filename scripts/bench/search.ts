// npm run bench:search - full-text search speed over 10,000 one-hour transcripts.
// Builds (once, cached in bench-output/) a database through the real migrations with
// synthetic speech-like text (Zipf-distributed vocabulary), then times the real
// searchTranscripts() for a word, a phrase and a prefix query. Target: median ≤ 50 ms.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const JOBS = Number(process.env.BENCH_JOBS ?? 10_000);
const SEGMENTS_PER_JOB = Number(process.env.BENCH_SEGMENTS ?? 720); // one hour of 5 s segments
const RUNS = 25;
const dir = path.resolve("bench-output");
const file = path.join(dir, `search-v2-${JOBS}x${SEGMENTS_PER_JOB}.db`);
// Built under another name and renamed when complete, so an interrupted build is never reused.
const building = `${file}.building`;
process.env.DATABASE_URL = `file:${file}`;
process.env.LOG_LEVEL = "silent";

// A deterministic generator so every run measures the same data.
let seed = 42;
const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;

// Words a person would search for sit at realistic frequencies: not among the
// most common words of speech (nobody searches for "the"), but topic words that
// occur in a fraction of a percent of segments. Rank k has Zipf weight 1/(k+1).
const PLACED: Record<string, number> = { budget: 300, deadline: 600, meeting: 800, customer: 900, café: 1500, transcription: 3000, résumé: 6000 };
// The searched phrase also occurs as such, once in about 2,000 segments.
const PHRASE = "budget meeting";
const PHRASE_RATE = 1 / 2000;

function vocabulary(size: number): string[] {
  const syllables = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ta",
    "ri",
    "so",
    "vu",
    "pe",
    "da",
    "gi",
    "ho",
    "ze",
    "wa",
    "bu",
    "fe",
    "ly",
    "qu",
    "re",
    "an",
    "or",
    "el",
    "is",
    "um",
  ];
  const words = new Set<string>();
  while (words.size < size) {
    const n = 1 + Math.floor(random() * 4);
    let w = "";
    for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
    words.add(w);
  }
  const list = [...words];
  for (const [word, rank] of Object.entries(PLACED)) list.splice(rank, 0, word);
  return list.slice(0, size);
}

async function build(): Promise<void> {
  const { migrateDatabase } = await import("@/lib/db/migrate");
  fs.mkdirSync(dir, { recursive: true });
  for (const stale of [building, `${building}-wal`, `${building}-shm`]) fs.rmSync(stale, { force: true });
  await migrateDatabase(building);
  const sqlite = new Database(building);
  sqlite.pragma("synchronous = OFF");
  const words = vocabulary(30_000);
  // Zipf: word k has weight 1/(k+1); a cumulative table gives O(log n) sampling.
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 0; k < words.length; k++) cumulative.push((total += 1 / (k + 1)));
  const pick = () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
  sqlite.prepare(`INSERT INTO "User" (id, email, passwordHash, createdAt, updatedAt) VALUES ('bench', 'bench@x', 'x', '2026-01-01', '2026-01-01')`).run();
  const job = sqlite.prepare(
    `INSERT INTO "Job" (id, userId, title, originalName, storedName, sizeBytes, model, status, createdAt, updatedAt) VALUES (?, 'bench', ?, ?, ?, 1, 'm', 'completed', ?, ?)`,
  );
  const segment = sqlite.prepare(`INSERT INTO "Segment" (jobId, "index", start, "end", text, originalText) VALUES (?, ?, ?, ?, ?, NULL)`);
  const started = Date.now();
  for (let j = 0; j < JOBS; j++) {
    sqlite.transaction(() => {
      const id = `job${j}`;
      const created = new Date(Date.UTC(2024, 0, 1) + j * 3_600_000).toISOString();
      job.run(id, `Recording ${j}`, `rec-${j}.mp3`, `${id}.mp3`, created, created);
      for (let s = 0; s < SEGMENTS_PER_JOB; s++) {
        const length = 8 + Math.floor(random() * 10);
        const words = Array.from({ length }, pick);
        if (random() < PHRASE_RATE) words.splice(Math.floor(random() * words.length), 0, PHRASE);
        const text = words.join(" ");
        segment.run(id, s, s * 5, s * 5 + 4.8, text);
      }
    })();
    if (j % 500 === 499) process.stdout.write(`  built ${j + 1}/${JOBS} transcripts (${Math.round((Date.now() - started) / 1000)} s)\n`);
  }
  sqlite.exec(`INSERT INTO "SegmentSearch"("SegmentSearch") VALUES ('optimize')`);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  fs.renameSync(building, file);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  if (!fs.existsSync(file)) {
    console.log(`Building ${JOBS} transcripts × ${SEGMENTS_PER_JOB} segments into ${file} (once; cached)…`);
    await build();
  }
  const { searchTranscripts } = await import("@/lib/search/service");
  seed = 42;
  const mostCommon = vocabulary(30_000)[0];
  const queries = [
    ["word", "budget"],
    ["rarer word", "transcription"],
    ["diacritics", "cafe"],
    ["phrase", `"${PHRASE}"`],
    ["prefix", "transcri*"],
    ["two words", "deadline customer"],
    // The worst case, reported for honesty: one of the most frequent words.
    ["common word", mostCommon],
  ];
  console.log(`\n${"query".padEnd(14)} ${"text".padEnd(22)} ${"median ms".padStart(10)} ${"p90 ms".padStart(8)} ${"hits".padStart(6)}`);
  for (const [label, q] of queries) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const result = await searchTranscripts("bench", { q, limit: 20 });
      times.push(performance.now() - t0);
      hits = result.hits.length;
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `${label.padEnd(14)} ${q.padEnd(22)} ${median(times).toFixed(1).padStart(10)} ${sorted[Math.floor(sorted.length * 0.9)].toFixed(1).padStart(8)} ${String(hits).padStart(6)}`,
    );
  }
  const { db } = await import("@/lib/db");
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
