// What a delivery carries: the JSON body of a webhook (signed with the endpoint's
// secret) and the title, link and text of an ntfy/Gotify-style push. Pure functions
// of the job, so a body is fixed when the delivery is queued.
import { createHmac } from "node:crypto";
import { getConfig } from "@/lib/config";
import { formatDuration } from "@/lib/format";

export type JobFacts = { id: string; title: string; status: string; durationSec: number | null; error: string | null };

export type WebhookPayload = {
  event: string;
  occurredAt: string;
  job: JobFacts & { url: string; transcriptUrl: string | null };
};

export const SIGNATURE_HEADER = "X-Selenite-Signature";
export const EVENT_HEADER = "X-Selenite-Event";
export const DELIVERY_HEADER = "X-Selenite-Delivery";

export function jobPayload(event: string, job: JobFacts, now = new Date()): WebhookPayload {
  const base = getConfig().publicUrl;
  return {
    event,
    occurredAt: now.toISOString(),
    job: {
      id: job.id,
      title: job.title,
      status: job.status,
      durationSec: job.durationSec,
      error: job.error,
      url: `${base}/jobs/${job.id}`,
      transcriptUrl: job.status === "completed" ? `${base}/api/jobs/${job.id}/export?format=txt` : null,
    },
  };
}

/** The body Settings' "Send test" queues: shaped like a real event, for a job that does not exist. */
export function testPayload(now = new Date()): WebhookPayload {
  return jobPayload("test", { id: "test", title: "Test notification from Selenite", status: "completed", durationSec: 0, error: null }, now);
}

/** `sha256=<hex>`: HMAC-SHA256 of the exact bytes sent, keyed with the endpoint's secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** ntfy reads Title and Click from headers; headers are Latin-1, so the job's own title goes in the body. */
export function pushMessage(payload: WebhookPayload): { title: string; click: string; tags: string; body: string } {
  const { job } = payload;
  const length = job.durationSec ? ` (${formatDuration(job.durationSec)})` : "";
  if (payload.event === "job.failed") {
    return {
      title: "Selenite: transcription failed",
      click: job.url,
      tags: "warning",
      body: `${job.title}${length} failed: ${job.error ?? "no reason given"}`,
    };
  }
  if (payload.event === "test") {
    return { title: "Selenite: test notification", click: job.url, tags: "bell", body: "Notifications from Selenite reach this topic." };
  }
  return { title: "Selenite: transcript ready", click: job.url, tags: "white_check_mark", body: `${job.title}${length} is transcribed.` };
}
