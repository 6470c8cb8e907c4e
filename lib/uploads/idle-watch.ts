// A stalled upload (a client that opens a request and then sends nothing, or a
// trickle of bytes, as in slowloris) would otherwise hold a request, a file handle
// and a `.part` file forever. Each window must bring at least MIN_PROGRESS_BYTES.
import type { Readable } from "node:stream";
import { SeleniteError } from "@/lib/errors";

const MIN_PROGRESS_BYTES = 1024;

export type IdleWatch = { stop: () => void; error: () => SeleniteError | undefined };

/** Calls `onIdle` once when `body` has not brought MIN_PROGRESS_BYTES in the last `idleMs`. */
export function watchIdle(body: Readable, idleMs: number, onIdle: (error: SeleniteError) => void): IdleWatch {
  let pending = 0;
  let lastProgress = Date.now();
  let fired: SeleniteError | undefined;
  const count = (chunk: Buffer) => {
    pending += chunk.length;
    if (pending >= MIN_PROGRESS_BYTES) {
      pending = 0;
      lastProgress = Date.now();
    }
  };
  body.on("data", count);
  const timer = setInterval(
    () => {
      // Paused by back-pressure means the disk is slow, not the client.
      if (body.readableFlowing === false || body.readableEnded) lastProgress = Date.now();
      if (Date.now() - lastProgress < idleMs) return;
      const seconds = Math.round(idleMs / 1000);
      fired = new SeleniteError(
        "bad_request",
        `The upload stalled: nothing arrived for ${seconds} s, so Selenite stopped waiting. Try again on a steadier connection.`,
        { status: 408 },
      );
      stop();
      onIdle(fired);
    },
    Math.max(50, Math.round(idleMs / 4)),
  );
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    body.off("data", count);
  };
  return { stop, error: () => fired };
}
