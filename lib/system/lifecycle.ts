// Whether the server is shutting down. server.ts sets it on SIGTERM/SIGINT; the
// upload path reads it so that a file still arriving when shutdown starts is
// refused (503) instead of becoming a job its sender was never told about.
// On globalThis: server.ts and Next's route handlers are separate module graphs in one process.
const globalForLifecycle = globalThis as unknown as { seleniteShuttingDown?: boolean; seleniteUploads?: { count: number; drained: (() => void)[] } };
const uploads = (globalForLifecycle.seleniteUploads ??= { count: 0, drained: [] });

export function markShuttingDown(): void {
  globalForLifecycle.seleniteShuttingDown = true;
}

export function isShuttingDown(): boolean {
  return globalForLifecycle.seleniteShuttingDown === true;
}

/** Runs the part of an upload that turns a received file into a job, counted so shutdown can wait for it. */
export async function trackUpload<T>(work: () => Promise<T>): Promise<T> {
  uploads.count += 1;
  try {
    return await work();
  } finally {
    uploads.count -= 1;
    if (uploads.count === 0) uploads.drained.splice(0).forEach((resolve) => resolve());
  }
}

/** Resolves when no upload is being turned into a job, or after `timeoutMs`. */
export function uploadsDrained(timeoutMs: number): Promise<void> {
  if (uploads.count === 0) return Promise.resolve();
  return new Promise((resolve) => {
    uploads.drained.push(resolve);
    setTimeout(resolve, timeoutMs).unref();
  });
}
