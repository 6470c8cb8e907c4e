import "server-only";
// Server-sent events for one signed-in user. Event ids are "<epoch>-<n>": after a
// network drop the browser sends Last-Event-ID and gets exactly the events it
// missed; after a server restart (new epoch) or a long absence it gets a fresh
// snapshot instead.
import { db } from "@/lib/db";
import { bus, type NumberedEvent } from "@/lib/events/bus";
import { ownedJobs } from "@/lib/jobs/guard";
import { jobEventSelect, toEventPayload } from "@/lib/jobs/select";

const HEARTBEAT_MS = 15_000;
const SNAPSHOT_LIMIT = 200;

function format(event: string, data: unknown, id?: string): string {
  return `${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function encodeEvent(event: NumberedEvent): string {
  const id = `${bus.epoch}-${event.eventId}`;
  if (event.kind === "job") return format("job", event.job, id);
  if (event.kind === "segments") return format("segments", event.segments, id);
  if (event.kind === "job-deleted") return format("job-deleted", { id: event.jobId }, id);
  if (event.kind === "model") return format("model", event.download, id);
  return format("jobs-changed", {}, id);
}

function missedSince(lastEventId: string | null): NumberedEvent[] | null {
  const match = lastEventId ? /^([a-z0-9]+)-(\d+)$/.exec(lastEventId) : null;
  if (!match || match[1] !== bus.epoch) return null;
  return bus.since(Number(match[2]));
}

export function eventStream(userId: string, lastEventId: string | null, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = bus.subscribe((event) => {
        if (event.userId === userId) send(encodeEvent(event));
      });
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      signal.addEventListener("abort", () => cleanup(), { once: true });

      send("retry: 2000\n\n");
      const missed = missedSince(lastEventId);
      if (missed) {
        for (const event of missed) if (event.userId === userId) send(encodeEvent(event));
      } else {
        const rows = await db.job.findMany({ where: ownedJobs(userId), orderBy: { updatedAt: "desc" }, take: SNAPSHOT_LIMIT, select: jobEventSelect });
        const latest = bus.since(0)?.at(-1)?.eventId ?? 0;
        send(format("snapshot", { jobs: rows.map(toEventPayload) }, `${bus.epoch}-${latest}`));
      }
    },
    cancel() {
      cleanup();
    },
  });
}
