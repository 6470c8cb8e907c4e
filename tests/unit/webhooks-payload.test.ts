// What a delivery carries (lib/webhooks/payload.ts): the signature a receiver checks,
// the links, and the ntfy title/link/text, which must stay Latin-1 in headers.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { jobPayload, pushMessage, signature, testPayload } from "@/lib/webhooks/payload";
import { webhookCreateSchema } from "@/lib/validation/webhooks";

const job = { id: "job1", title: "Réunion d'équipe", status: "completed", durationSec: 125, error: null };

describe("webhook payloads", () => {
  it("signs the exact bytes with HMAC-SHA256 of the endpoint's secret", () => {
    const body = JSON.stringify(jobPayload("job.completed", job, new Date("2026-12-04T10:00:00Z")));
    const expected = createHmac("sha256", "s3cret").update(Buffer.from(body, "utf8")).digest("hex");
    expect(signature("s3cret", body)).toBe(`sha256=${expected}`);
    expect(signature("other", body)).not.toBe(`sha256=${expected}`);
    expect(signature("s3cret", `${body} `)).not.toBe(`sha256=${expected}`);
  });

  it("links to the job page and, once completed, to its transcript", () => {
    const done = jobPayload("job.completed", job, new Date("2026-12-04T10:00:00Z"));
    expect(done).toEqual({
      event: "job.completed",
      occurredAt: "2026-12-04T10:00:00.000Z",
      job: { ...job, url: "http://localhost:3000/jobs/job1", transcriptUrl: "http://localhost:3000/api/jobs/job1/export?format=txt" },
    });
    const failed = jobPayload("job.failed", { ...job, status: "failed", error: "The file holds no audio." });
    expect(failed.job.transcriptUrl).toBeNull();
    expect(testPayload().event).toBe("test");
  });

  it("writes ntfy pushes with ASCII headers and the title in the body", () => {
    const done = pushMessage(jobPayload("job.completed", job));
    expect(done).toEqual({
      title: "Selenite: transcript ready",
      click: "http://localhost:3000/jobs/job1",
      tags: "white_check_mark",
      body: "Réunion d'équipe (2:05) is transcribed.",
    });
    const failed = pushMessage(jobPayload("job.failed", { ...job, status: "failed", durationSec: null, error: "The file holds no audio." }));
    expect(failed.title).toBe("Selenite: transcription failed");
    expect(failed.body).toBe("Réunion d'équipe failed: The file holds no audio.");
    for (const header of [done.title, done.click, done.tags, failed.title]) expect(header).toMatch(/^[\x20-\x7e]+$/);
  });

  it("defaults to a webhook for both events and keeps the events in a fixed order", () => {
    expect(webhookCreateSchema.parse({ url: " https://example.com/h " })).toEqual({
      url: "https://example.com/h",
      kind: "webhook",
      events: ["job.completed", "job.failed"],
    });
    expect(webhookCreateSchema.parse({ url: "http://ntfy.lan/t", kind: "ntfy", events: ["job.failed", "job.completed", "job.failed"] }).events).toEqual([
      "job.completed",
      "job.failed",
    ]);
  });
});
