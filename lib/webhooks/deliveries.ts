// The delivery queue: a row per event and endpoint, written in the transaction that
// finishes the job (so a delivery pending at a crash is still there after it), and
// the one loop, started by server.ts, that sends due rows and retries failures with
// backoff (WEBHOOK_RETRY_SEC) until they are delivered or have failed for good.
import type { Logger } from "pino";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WebhookEvent } from "@/lib/validation/webhooks";
import { DELIVERY_HEADER, EVENT_HEADER, jobPayload, pushMessage, SIGNATURE_HEADER, signature, type WebhookPayload } from "@/lib/webhooks/payload";

/** A receiver gets this long to answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;
const POLL_MS = 1_000;
const BATCH = 10;

type Client = Pick<Prisma.TransactionClient, "job" | "webhookEndpoint" | "webhookDelivery">;

/**
 * Queues `event` for every enabled endpoint of the job's owner that asked for it.
 * Pass the transaction that moved the job, so both commit or neither does.
 */
export async function enqueueJobEvent(tx: Client, jobId: string, event: WebhookEvent): Promise<number> {
  const job = await tx.job.findUnique({ where: { id: jobId }, select: { id: true, userId: true, title: true, status: true, durationSec: true, error: true } });
  if (!job) return 0;
  const endpoints = await tx.webhookEndpoint.findMany({ where: { userId: job.userId, enabled: true }, select: { id: true, events: true } });
  const wanted = endpoints.filter((e) => e.events.includes(`"${event}"`));
  if (wanted.length === 0) return 0;
  const payload = JSON.stringify(jobPayload(event, job));
  await tx.webhookDelivery.createMany({ data: wanted.map((e) => ({ endpointId: e.id, jobId, event, payload })) });
  nudgeDeliverer();
  return wanted.length;
}

let wake: (() => void) | null = null;

/** Sends what was just queued without waiting for the next poll (in the server's own process). */
export function nudgeDeliverer(): void {
  wake?.();
}

type Due = { id: string; event: string; payload: string; attempts: number; endpoint: { url: string; kind: string; secret: string; enabled: boolean } };

/** One attempt: resolves with the receiver's status, or throws with a reason a person can read. */
async function send(delivery: Due, stop?: AbortSignal): Promise<number> {
  const body = delivery.payload;
  const common = { [EVENT_HEADER]: delivery.event, [DELIVERY_HEADER]: delivery.id, "User-Agent": "Selenite-Webhooks/1" };
  const request =
    delivery.endpoint.kind === "ntfy"
      ? (() => {
          const push = pushMessage(JSON.parse(body) as WebhookPayload);
          return {
            headers: { ...common, "Content-Type": "text/plain; charset=utf-8", Title: push.title, Click: push.click, Tags: push.tags },
            body: push.body,
          };
        })()
      : { headers: { ...common, "Content-Type": "application/json", [SIGNATURE_HEADER]: signature(delivery.endpoint.secret, body) }, body };
  let response: Response;
  try {
    response = await fetch(delivery.endpoint.url, {
      method: "POST",
      ...request,
      redirect: "manual",
      signal: stop ? AbortSignal.any([AbortSignal.timeout(DELIVERY_TIMEOUT_MS), stop]) : AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(unreachable(delivery.endpoint.url, error));
  }
  const text = await response.text().catch(() => "");
  if (response.status >= 200 && response.status < 300) return response.status;
  const moved = response.status >= 300 && response.status < 400 ? " Redirects are not followed: enter the address it redirects to." : "";
  const said = text.trim() ? `: ${text.trim().replace(/\s+/g, " ").slice(0, 200)}` : "";
  throw Object.assign(new Error(`The receiver answered HTTP ${response.status}${said}.${moved}`), { status: response.status });
}

function unreachable(url: string, error: unknown): string {
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  const name = (error as { name?: string }).name;
  if (name === "AbortError") return `Selenite stopped before ${host} answered; it is sent again after the restart.`;
  if (name === "TimeoutError") return `${host} did not answer within ${DELIVERY_TIMEOUT_MS / 1000} s.`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? "";
  if (code === "ECONNREFUSED") return `Nothing is listening at ${host} (connection refused). Is the receiver running?`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `The name ${host} could not be resolved. Check the URL.`;
  return `Could not reach ${host}: ${cause?.message ?? (error instanceof Error ? error.message : String(error))}`;
}

/** Sends one claimed delivery and records the outcome: delivered, queued for a retry, or failed. */
async function attempt(delivery: Due, retryMs: number[], logger: Logger, stop?: AbortSignal): Promise<void> {
  const attempts = delivery.attempts + 1;
  const now = new Date();
  if (!delivery.endpoint.enabled && delivery.event !== "test") {
    await db.webhookDelivery.update({
      where: { id: delivery.id },
      data: { status: "failed", lastError: "The endpoint was switched off before this was sent." },
    });
    return;
  }
  try {
    const status = await send(delivery, stop);
    await db.webhookDelivery.update({
      where: { id: delivery.id },
      data: { status: "delivered", attempts, lastStatus: status, lastError: null, deliveredAt: new Date() },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (stop?.aborted) {
      // Cut short by the server stopping: not the receiver's fault, so not counted.
      await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "queued", nextAttemptAt: new Date(), lastError: message } });
      return;
    }
    const lastStatus = typeof (error as { status?: unknown }).status === "number" ? (error as { status: number }).status : null;
    const wait = retryMs[attempts - 1];
    const retry = wait === undefined ? { status: "failed" } : { status: "queued", nextAttemptAt: new Date(now.getTime() + wait) };
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { ...retry, attempts, lastStatus, lastError: message } });
    logger.warn({ deliveryId: delivery.id, url: delivery.endpoint.url, attempts, retry: retry.status === "queued" }, `webhook delivery failed: ${message}`);
  }
}

/**
 * Claims and sends the deliveries that are due; returns how many it tried. Endpoints
 * are served side by side, each one's deliveries one after another in the order the
 * events happened, so a healthy receiver sees them in that order.
 */
export async function deliverDue(logger: Logger, retryMs = getConfig().webhookRetryMs, stop?: AbortSignal): Promise<number> {
  const due = await db.webhookDelivery.findMany({
    where: { status: "queued", nextAttemptAt: { lte: new Date() } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: BATCH,
    select: {
      id: true,
      endpointId: true,
      event: true,
      payload: true,
      attempts: true,
      endpoint: { select: { url: true, kind: true, secret: true, enabled: true } },
    },
  });
  const byEndpoint = new Map<string, Due[]>();
  for (const row of due) {
    // Compare-and-set, as job claims are: a row is sent once per attempt.
    const { count } = await db.webhookDelivery.updateMany({ where: { id: row.id, status: "queued" }, data: { status: "sending" } });
    if (count === 1) byEndpoint.set(row.endpointId, [...(byEndpoint.get(row.endpointId) ?? []), row]);
  }
  await Promise.all(
    [...byEndpoint.values()].map(async (rows) => {
      for (const row of rows) await attempt(row, retryMs, logger, stop);
    }),
  );
  return due.length;
}

/** Attempts that were in flight when the server stopped or died go again now. */
export async function recoverDeliveries(): Promise<number> {
  const { count } = await db.webhookDelivery.updateMany({ where: { status: "sending" }, data: { status: "queued", nextAttemptAt: new Date() } });
  return count;
}

/** Starts the loop; the returned function stops it, cutting attempts in flight short (they go again after a restart). */
export async function startWebhookDeliverer(logger: Logger): Promise<() => Promise<void>> {
  const recovered = await recoverDeliveries();
  if (recovered) logger.info({ recovered }, "webhook deliveries interrupted by the last stop are sent again");
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;
  let again = false;
  const stopping = new AbortController();
  const pass = async () => {
    do {
      again = false;
      try {
        // A full batch means more may be waiting.
        while (!stopped && (await deliverDue(logger, undefined, stopping.signal)) === BATCH);
      } catch (error) {
        logger.error({ err: error }, "webhook deliverer failed; trying again shortly");
      }
    } while (again && !stopped);
  };
  const run = () => {
    if (stopped) return;
    if (current) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    current = pass().finally(() => {
      current = null;
      if (!stopped) timer = setTimeout(run, POLL_MS);
    });
  };
  wake = run;
  run();
  return async () => {
    stopped = true;
    wake = null;
    if (timer) clearTimeout(timer);
    stopping.abort();
    await current;
  };
}
