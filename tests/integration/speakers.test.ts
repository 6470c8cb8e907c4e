// Who said what, through whole jobs on the real server: upload → VAD → transcript on the
// random-weight micro model → the speaker stage → speakers on the stored transcript.
// Quality is measured on espeak-ng dialogues whose truth the fixture knows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobSummary } from "@/lib/jobs/select";
import { openDb, userWithToken } from "../helpers/auth";
import { makeDialogue, speakerAccuracy } from "../helpers/dialogue";
import { installModel, uploadForm, waitFor } from "../helpers/fixtures";
import { makeTempDir } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";
import { speakerJobs } from "../helpers/speaker-jobs";

type SpeakerJobs = ReturnType<typeof speakerJobs>;

// Rough mode's bound: at least this share of the speech time carries the right speaker.
const ROUGH_ACCURACY = 0.9;

let server: TestServer;
let media: { dir: string; cleanup: () => Promise<void> };
let headers: Record<string, string>;
let upload: SpeakerJobs["upload"],
  job: SpeakerJobs["job"],
  stageEnded: SpeakerJobs["stageEnded"],
  stored: SpeakerJobs["stored"],
  identify: SpeakerJobs["identify"];

beforeAll(async () => {
  media = await makeTempDir("selenite-speakers-");
  server = await startServer();
  installModel(server.modelsDir);
  ({ headers } = userWithToken(server, "owner@example.com"));
  ({ upload, job, stageEnded, stored, identify } = speakerJobs(server, headers));
});

afterAll(async () => {
  await server?.stop();
  await media?.cleanup();
});

describe("rough speakers through a whole job", () => {
  const cases: { name: string; speakers: number; noise: boolean; fields: Record<string, string> }[] = [
    { name: "two voices", speakers: 2, noise: false, fields: { speakers: "rough" } },
    { name: "two voices over noise, words timed", speakers: 2, noise: true, fields: { speakers: "auto", wordTimestamps: "true" } },
    { name: "three voices, count estimated", speakers: 3, noise: false, fields: { speakers: "rough" } },
    { name: "three voices over noise, count given", speakers: 3, noise: true, fields: { speakers: "rough", speakerCount: "3" } },
  ];
  for (const { name, speakers, noise, fields } of cases) {
    it(`labels ${name} with at least ${ROUGH_ACCURACY * 100}% of the speech time right`, async () => {
      const dialogue = await makeDialogue(media.dir, `rough-${speakers}-${noise}`, { speakers, turns: 14, noise, seed: speakers * 7 + (noise ? 1 : 0) });
      const jobId = await upload(dialogue.file, fields);
      const done = await stageEnded(jobId);
      expect(done.speakerStage).toMatchObject({ status: "completed", method: "rough", error: null, progress: 1 });
      const { turns, segments } = stored(jobId);
      const accuracy = speakerAccuracy(dialogue.truth, turns);
      expect(accuracy, `accuracy ${accuracy.toFixed(3)}`).toBeGreaterThanOrEqual(ROUGH_ACCURACY);
      expect(new Set(turns.map((t) => t.speaker)).size).toBe(speakers);
      turns.forEach((turn, i) => {
        expect(turn.end).toBeGreaterThan(turn.start);
        if (i > 0) expect(turn.start).toBeGreaterThanOrEqual(turns[i - 1].end);
      });
      expect(segments.length).toBeGreaterThan(0);
      for (const segment of segments) expect(segment.speaker).toMatch(/^Speaker [1-3]$/);
    });
  }
});

describe("speakers by channel", () => {
  it("labels a two-channel call by channel, exactly", async () => {
    const dialogue = await makeDialogue(media.dir, "call", { speakers: 2, turns: 10, stereo: true, noise: true, seed: 5 });
    const jobId = await upload(dialogue.file, { speakers: "channel" });
    const done = await stageEnded(jobId);
    expect(done.speakerStage).toMatchObject({ status: "completed", method: "channel", found: 2 });
    const { turns, segments } = stored(jobId);
    expect(speakerAccuracy(dialogue.truth, turns)).toBeGreaterThanOrEqual(0.95);
    // Channel n is speaker n: no matching needed.
    for (const truth of dialogue.truth) {
      const middle = (truth.start + truth.end) / 2;
      expect(turns.find((t) => t.start <= middle && t.end >= middle)?.speaker).toBe(truth.speaker);
    }
    for (const segment of segments) expect(segment.speaker).toMatch(/^Channel [12]$/);
  });
});

describe("a failing speaker stage never costs the transcript", () => {
  it("words a one-channel file in channel mode, keeps the transcript, and runs again with edits kept", async () => {
    const dialogue = await makeDialogue(media.dir, "mono", { speakers: 2, turns: 8, seed: 11 });
    const jobId = await upload(dialogue.file, { speakers: "channel" });
    const failed = await stageEnded(jobId);
    expect(failed.status).toBe("completed");
    expect(failed.speakerStage?.status).toBe("failed");
    expect(failed.speakerStage?.error).toMatch(/single audio channel.*Auto or Rough.*transcript is safe/);
    const before = stored(jobId).segments;
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((s) => s.speaker === null)).toBe(true);

    // A person's correction, then the stage again with another method.
    const db = openDb(server);
    db.prepare(`UPDATE "Segment" SET text = 'Corrected by hand', edited = 1 WHERE jobId = ? AND "index" = 0`).run(jobId);
    db.close();
    const again = await identify(jobId, { speakers: "rough", speakerCount: 2 });
    expect(again.status).toBe(202);
    const done = await stageEnded(jobId);
    expect(done.speakerStage).toMatchObject({ status: "completed", method: "rough", found: 2 });
    expect(done).toMatchObject({ speakers: "rough", speakerCount: 2 });
    const after = stored(jobId).segments;
    expect(after[0]).toMatchObject({ text: "Corrected by hand", edited: 1 });
    expect(after.every((s) => /^Speaker [12]$/.test(s.speaker ?? ""))).toBe(true);
    expect(speakerAccuracy(dialogue.truth, stored(jobId).turns)).toBeGreaterThanOrEqual(ROUGH_ACCURACY);

    // A renamed speaker keeps its name in a re-transcribed span, from the stored turns.
    const renamer = openDb(server);
    renamer.prepare(`UPDATE "Segment" SET speaker = 'Ana' WHERE jobId = ? AND speaker = 'Speaker 1'`).run(jobId);
    renamer.close();
    const span = { start: dialogue.truth[0].start, end: dialogue.truth[3].end };
    expect(
      (
        await fetch(`${server.url}/api/jobs/${jobId}/transcript/span`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify(span),
        })
      ).status,
    ).toBe(202);
    await waitFor("the span to be transcribed again", async () => (await job(jobId)).status === "completed", 240_000, 250);
    const spanned = stored(jobId).segments;
    expect(spanned.length).toBeGreaterThan(0);
    expect(spanned.every((s) => s.speaker === "Ana" || s.speaker === "Speaker 2")).toBe(true);

    // Off takes the labels away again.
    expect((await identify(jobId, { speakers: "off" })).status).toBe(202);
    expect(stored(jobId).segments.every((s) => s.speaker === null)).toBe(true);
    expect((await job(jobId)).speakerStage).toBeNull();
  });

  it("refuses bad speaker options with a message, before any work", async () => {
    const dialogue = await makeDialogue(media.dir, "mono", { speakers: 2, turns: 8, seed: 11 });
    const response = await fetch(`${server.url}/api/jobs`, {
      method: "POST",
      headers,
      body: uploadForm([{ path: dialogue.file }], { model: "whisper-micro", speakers: "rough", speakerCount: "2", maxSpeakers: "4" }),
    });
    const text = JSON.stringify(await response.json());
    expect(text).toMatch(/either the number of speakers or a range/);
    const neural = await fetch(`${server.url}/api/jobs`, {
      method: "POST",
      headers,
      body: uploadForm([{ path: dialogue.file }], { model: "whisper-micro", speakers: "neural" }),
    });
    expect(JSON.stringify(await neural.json())).toMatch(/Speaker models.*Models page/);
    const wrong = await fetch(`${server.url}/api/jobs`, {
      method: "POST",
      headers,
      body: uploadForm([{ path: dialogue.file }], { model: "whisper-micro", speakers: "loud" }),
    });
    expect(JSON.stringify(await wrong.json())).toMatch(/off, auto, neural, rough or channel/);
  });
});

describe("a worker that dies in the speaker stage", () => {
  it("retries, then words the failure; the transcript stays and another method runs", async () => {
    const crashing = await startServer({ env: { SELENITE_TEST_HOOKS: "1", SELENITE_CRASH_AT: "rough-speakers" } });
    try {
      installModel(crashing.modelsDir);
      const own = userWithToken(crashing, "owner@example.com").headers;
      const call = await makeDialogue(media.dir, "call-crash", { speakers: 2, turns: 6, stereo: true, seed: 9 });
      const response = await fetch(`${crashing.url}/api/jobs`, {
        method: "POST",
        headers: own,
        body: uploadForm([{ path: call.file }], { model: "whisper-micro", speakers: "rough" }),
      });
      const jobId = ((await response.json()) as { results: { job: { id: string } }[] }).results[0].job.id;
      const read = async () => ((await (await fetch(`${crashing.url}/api/jobs/${jobId}`, { headers: own })).json()) as { job: JobSummary }).job;
      const failed = await waitFor("the stage to give up", async () => ((await read()).speakerStage?.status === "failed" ? read() : null), 240_000, 250);
      expect(failed.status).toBe("completed");
      expect(failed.speakerStage?.error).toMatch(/3 times in a row.*transcript is safe/);
      const transcript = (await (await fetch(`${crashing.url}/api/jobs/${jobId}/transcript`, { headers: own })).json()) as { segments: unknown[] };
      expect(transcript.segments.length).toBeGreaterThan(0);

      const again = await fetch(`${crashing.url}/api/jobs/${jobId}/speakers`, {
        method: "POST",
        headers: { ...own, "content-type": "application/json" },
        body: JSON.stringify({ speakers: "channel" }),
      });
      expect(again.status).toBe(202);
      const done = await waitFor("the channel stage", async () => ((await read()).speakerStage?.status === "completed" ? read() : null), 240_000, 250);
      expect(done.speakerStage).toMatchObject({ method: "channel", found: 2, error: null });
    } finally {
      await crashing.stop();
    }
  });
});
