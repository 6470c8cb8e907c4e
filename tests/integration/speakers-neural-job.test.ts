// The neural method through whole jobs on the real server, on the generated speaker
// models (random weights: structure is checked, not accuracy): upload → VAD → transcript
// on the micro model → the speaker stage runs neuralTurns in the worker → every segment
// carries a speaker.
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMBEDDING_MODEL, SEGMENTATION_MODEL } from "@/lib/models/speakers";
import { makeSpeakerModels } from "@/scripts/gen/speaker-models/index";
import { userWithToken } from "../helpers/auth";
import { makeDialogue } from "../helpers/dialogue";
import { installModel, waitFor } from "../helpers/fixtures";
import { makeTempDir } from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";
import { speakerJobs } from "../helpers/speaker-jobs";

type SpeakerJobs = ReturnType<typeof speakerJobs>;

let server: TestServer;
let media: { dir: string; cleanup: () => Promise<void> };
let headers: Record<string, string>;
let upload: SpeakerJobs["upload"],
  job: SpeakerJobs["job"],
  stageEnded: SpeakerJobs["stageEnded"],
  stored: SpeakerJobs["stored"],
  identify: SpeakerJobs["identify"];

beforeAll(async () => {
  media = await makeTempDir("selenite-speakers-neural-");
  server = await startServer();
  installModel(server.modelsDir);
  await makeSpeakerModels({ outDir: server.modelsDir, quantized: false });
  ({ headers } = userWithToken(server, "owner@example.com"));
  ({ upload, job, stageEnded, stored, identify } = speakerJobs(server, headers));
});

afterAll(async () => {
  await server?.stop();
  await media?.cleanup();
});

describe("neural speakers through a whole job", () => {
  const cases: { name: string; speakers: number; noise: boolean; fields: Record<string, string> }[] = [
    { name: "two voices, count given", speakers: 2, noise: false, fields: { speakers: "neural", speakerCount: "2" } },
    { name: "three voices over noise, auto (the models are installed)", speakers: 3, noise: true, fields: { speakers: "auto", wordTimestamps: "true" } },
  ];
  for (const { name, speakers, noise, fields } of cases) {
    it(`labels ${name} with well-formed turns and a speaker on every segment`, async () => {
      const dialogue = await makeDialogue(media.dir, `neural-${speakers}-${noise}`, { speakers, turns: 12, noise, seed: speakers * 5 + (noise ? 1 : 0) });
      const jobId = await upload(dialogue.file, fields);
      const done = await stageEnded(jobId);
      expect(done.speakerStage).toMatchObject({ status: "completed", method: "neural", error: null, progress: 1 });
      const { turns, segments } = stored(jobId);
      const labels = segments.map((s) => s.speaker);
      expect(turns.length).toBeGreaterThan(0);
      const found = new Set(turns.map((t) => t.speaker));
      expect(found.size).toBeLessThanOrEqual(fields.speakerCount ? Number(fields.speakerCount) : 8);
      turns.forEach((turn, i) => {
        expect(turn.end).toBeGreaterThan(turn.start);
        if (i > 0) expect(turn.start).toBeGreaterThanOrEqual(turns[i - 1].start);
      });
      expect(labels.length).toBeGreaterThan(0);
      for (const label of labels) expect(label).toMatch(/^Speaker \d+$/);
    });
  }
});

describe("a damaged speaker model", () => {
  it("fails the stage with a message, keeps the job and its transcript, and another method runs", async () => {
    const dialogue = await makeDialogue(media.dir, "neural-damaged", { speakers: 2, turns: 6, seed: 21 });
    const jobId = await upload(dialogue.file, { speakers: "off" });
    await waitFor("the transcript", async () => (await job(jobId)).status === "completed", 240_000, 250);
    // A valid ONNX file with the wrong contract: it passes the folder check, and loading it says what is wrong.
    const embedding = path.join(server.modelsDir, EMBEDDING_MODEL, "onnx", "model.onnx");
    const backup = `${embedding}.bak`;
    await fs.rename(embedding, backup);
    await fs.copyFile(path.join(server.modelsDir, SEGMENTATION_MODEL, "onnx", "model.onnx"), embedding);
    try {
      expect((await identify(jobId, { speakers: "neural" })).status).toBe(202);
      const failed = await stageEnded(jobId);
      expect(failed.status).toBe("completed");
      expect(failed.speakerStage).toMatchObject({ status: "failed", method: "neural" });
      expect(failed.speakerStage?.error).toMatch(/Re-download the speaker models.*transcript is safe/);
      expect(stored(jobId).segments.length).toBeGreaterThan(0);
      expect(stored(jobId).segments.every((s) => s.speaker === null)).toBe(true);
    } finally {
      await fs.rm(embedding);
      await fs.rename(backup, embedding);
    }
    expect((await identify(jobId, { speakers: "rough" })).status).toBe(202);
    const done = await stageEnded(jobId);
    expect(done.speakerStage).toMatchObject({ status: "completed", method: "rough", error: null });
  });
});
