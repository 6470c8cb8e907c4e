// Confidence through the real server: the decoder's figures are stored per segment
// and per word and carried by the JSON export; re-transcribing a span replaces only
// the segments in it, keeps a correction outside it, and is one undo step.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, userWithToken } from "../helpers/auth";
import { installModel, uploadForm, waitFor } from "../helpers/fixtures";
import { makeLongWav, makeTempDir } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";

let media: { dir: string; cleanup: () => Promise<void> };
let server: TestServer;
let headers: Record<string, string>;

type Row = {
  id: number;
  index: number;
  start: number;
  end: number;
  text: string;
  edited: number;
  words: string | null;
  avgLogprob: number | null;
  noSpeechProb: number | null;
  compressionRatio: number | null;
  temperature: number | null;
};

function segments(jobId: string): Row[] {
  const db = openDb(server);
  try {
    return db.prepare(`SELECT * FROM "Segment" WHERE "jobId" = ? ORDER BY "index"`).all(jobId) as Row[];
  } finally {
    db.close();
  }
}

function correct(segmentId: number, text: string): void {
  const db = openDb(server);
  try {
    db.prepare(`UPDATE "Segment" SET text = ?, edited = 1 WHERE id = ?`).run(text, segmentId);
  } finally {
    db.close();
  }
}

function undoBefore(jobId: string): { text: string }[] {
  const db = openDb(server);
  try {
    const edit = db.prepare(`SELECT before FROM "TranscriptEdit" WHERE "jobId" = ? ORDER BY id DESC LIMIT 1`).get(jobId) as { before: string };
    return JSON.parse(edit.before) as { text: string }[];
  } finally {
    db.close();
  }
}

function editKinds(jobId: string): string[] {
  const db = openDb(server);
  try {
    return (db.prepare(`SELECT kind FROM "TranscriptEdit" WHERE "jobId" = ? ORDER BY id`).all(jobId) as { kind: string }[]).map((e) => e.kind);
  } finally {
    db.close();
  }
}

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${url}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
}

const status = async (id: string) => ((await (await fetch(`${server.url}/api/jobs/${id}`, { headers })).json()) as { job: { status: string } }).job.status;
const finished = (id: string) =>
  waitFor(`job ${id} to finish`, async () => ((s) => (["completed", "failed", "cancelled"].includes(s) ? s : null))(await status(id)), 180_000, 100);

async function upload(file: string, fields: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${server.url}/api/jobs`, { method: "POST", headers, body: uploadForm([{ path: file }], { vad: "false", ...fields }) }); // tones: no speech for the VAD
  expect(response.status).toBe(201);
  return ((await response.json()) as { results: { job: { id: string } }[] }).results[0].job.id;
}

beforeAll(async () => {
  media = await makeTempDir();
  server = await startServer();
  installModel(server.modelsDir);
  ({ headers } = userWithToken(server, "confidence@example.com"));
});

afterAll(async () => {
  await server?.stop();
  await media?.cleanup();
});

describe("confidence figures", () => {
  it("stores each segment's figures and each word's probability, and the JSON export carries them", async () => {
    const id = await upload(await makeLongWav(path.join(media.dir, "figures.wav"), 20), { wordTimestamps: "true" });
    expect(await finished(id)).toBe("completed");
    const rows = segments(id);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.avgLogprob).toBeLessThan(0);
      // The engine may not report it: the queue then computes it from the text.
      expect(row.compressionRatio).toBeGreaterThan(0);
      const words = JSON.parse(row.words ?? "[]") as { probability?: number }[];
      expect(words.length).toBeGreaterThan(0);
      for (const word of words) {
        expect(word.probability).toBeGreaterThanOrEqual(0);
        expect(word.probability).toBeLessThanOrEqual(1);
      }
    }

    const exported = (await (await fetch(`${server.url}/api/jobs/${id}/export?format=json`, { headers })).json()) as {
      segments: {
        id: number;
        avgLogprob: number | null;
        noSpeechProb: number | null;
        compressionRatio: number | null;
        temperature: number | null;
        words: { probability?: number }[];
      }[];
    };
    expect(
      exported.segments.map((s) => ({
        id: s.id,
        avgLogprob: s.avgLogprob,
        noSpeechProb: s.noSpeechProb,
        compressionRatio: s.compressionRatio,
        temperature: s.temperature,
      })),
    ).toEqual(
      rows.map((r) => ({ id: r.id, avgLogprob: r.avgLogprob, noSpeechProb: r.noSpeechProb, compressionRatio: r.compressionRatio, temperature: r.temperature })),
    );
    expect(exported.segments[0].words[0].probability).toBe((JSON.parse(rows[0].words ?? "[]") as { probability: number }[])[0].probability);
  });
});

describe("re-transcribing a span", () => {
  it("replaces only the segments in the span, keeps a correction outside it, and undoes as one step", async () => {
    const id = await upload(await makeLongWav(path.join(media.dir, "span.wav"), 95));
    expect(await finished(id)).toBe("completed");
    const before = segments(id);
    expect(before.length).toBeGreaterThanOrEqual(3);
    const target = before[Math.floor(before.length / 2)];
    const outside = before.find((s) => s.end <= target.start) ?? before[0];
    correct(outside.id, "kept correction outside the span");
    correct(target.id, "correction inside the span, to be replaced");

    expect((await post(`/api/jobs/${id}/transcript/span`, { start: target.end, end: target.start })).status).toBe(422);
    const queued = await post(`/api/jobs/${id}/transcript/span`, { start: target.start, end: target.end });
    expect(queued.status).toBe(202);
    expect(await finished(id)).toBe("completed");

    const after = segments(id);
    const inSpan = (s: Row) => (s.start + s.end) / 2 >= target.start && (s.start + s.end) / 2 <= target.end;
    // Everything outside the span is untouched, the correction included.
    const key = (s: Row) => ({ start: s.start, end: s.end, text: s.text, edited: s.edited });
    expect(after.filter((s) => !inSpan(s)).map(key)).toEqual(
      before.filter((s) => !inSpan(s)).map((s) => key(s.id === outside.id ? { ...s, text: "kept correction outside the span", edited: 1 } : s)),
    );
    // Inside it: the machine's new text, within the span's times.
    expect(after.some((s) => s.text.includes("correction inside the span"))).toBe(false);
    for (const s of after.filter(inSpan)) {
      expect(s.edited).toBe(0);
      expect(s.start).toBeGreaterThanOrEqual(target.start);
      expect(s.end).toBeLessThanOrEqual(target.end);
      expect(s.compressionRatio).toBeGreaterThan(0);
    }
    expect(editKinds(id)).toEqual(["retranscribe"]);

    // The undo step holds the span as it was, the correction inside it too.
    expect(undoBefore(id).map((s) => s.text)).toEqual(
      before.filter(inSpan).map((s) => (s.id === target.id ? "correction inside the span, to be replaced" : s.text)),
    );
  });
});
