// Whole jobs with the speaker stage against a real test server: upload, wait for the
// stage to end either way, and read what was stored.
import { expect } from "vitest";
import type { JobSummary } from "@/lib/jobs/select";
import type { SpeakerTurn } from "@/lib/speakers/types";
import { openDb } from "./auth";
import { uploadForm, waitFor } from "./fixtures";
import type { TestServer } from "./server";

export type StoredSpeakers = { turns: SpeakerTurn[]; segments: { text: string; speaker: string | null; edited: number }[] };

export function speakerJobs(server: TestServer, headers: Record<string, string>) {
  async function upload(file: string, fields: Record<string, string>): Promise<string> {
    const response = await fetch(`${server.url}/api/jobs`, {
      method: "POST",
      headers,
      body: uploadForm([{ path: file }], { model: "whisper-micro", ...fields }),
    });
    const body = (await response.json()) as { results: { job?: { id: string } }[] };
    expect(response.status, JSON.stringify(body)).toBe(201);
    return body.results[0].job!.id;
  }

  async function job(jobId: string): Promise<JobSummary> {
    return ((await (await fetch(`${server.url}/api/jobs/${jobId}`, { headers })).json()) as { job: JobSummary }).job;
  }

  /** Waits for the transcript, then for the speaker stage to end either way. */
  async function stageEnded(jobId: string): Promise<JobSummary> {
    return waitFor(
      `the speaker stage of ${jobId}`,
      async () => {
        const current = await job(jobId);
        if (current.status === "failed") throw new Error(`transcription failed: ${current.error}`);
        const stage = current.speakerStage;
        return current.status === "completed" && (stage?.status === "completed" || stage?.status === "failed") && current;
      },
      240_000,
      250,
    );
  }

  function stored(jobId: string): StoredSpeakers {
    const db = openDb(server);
    try {
      const run = db.prepare(`SELECT turns FROM "SpeakerRun" WHERE jobId = ?`).get(jobId) as { turns: string | null } | undefined;
      const segments = db.prepare(`SELECT text, speaker, edited FROM "Segment" WHERE jobId = ? ORDER BY "index"`).all(jobId) as StoredSpeakers["segments"];
      return { turns: JSON.parse(run?.turns ?? "[]") as SpeakerTurn[], segments };
    } finally {
      db.close();
    }
  }

  async function identify(jobId: string, body: Record<string, unknown>): Promise<Response> {
    return fetch(`${server.url}/api/jobs/${jobId}/speakers`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  return { upload, job, stageEnded, stored, identify };
}
