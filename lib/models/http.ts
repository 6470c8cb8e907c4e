// One file from the model host into a local path, resumable. Bytes go to `<dest>.part`
// and the file is renamed to `dest` only once its size matches what the server
// announced, so "dest exists" always means "dest is complete".
import fsp from "node:fs/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { SeleniteError } from "../errors";

export type FetchFileOptions = {
  url: string;
  dest: string;
  /** Size from a HEAD request, when known; lets a complete .part skip the request. */
  expectedSize?: number;
  signal?: AbortSignal;
  /** Abort when no bytes arrive for this long; a stalled CDN must not hang a pull. */
  idleTimeoutMs: number;
  /** Called as bytes land: bytes of this file on disk so far, and its size if known. */
  onBytes?: (fileBytes: number, fileSize: number | undefined) => void;
};

/** The host does not have this file (404), or will not show it to us (401/403). */
export class MissingOnHostError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
    this.name = "MissingOnHostError";
  }
}

export async function fetchToFile(options: FetchFileOptions): Promise<void> {
  const part = `${options.dest}.part`;
  let start = await fsp.stat(part).then((s) => s.size, () => 0);
  if (options.expectedSize !== undefined) {
    if (start === options.expectedSize) return fsp.rename(part, options.dest);
    if (start > options.expectedSize) start = 0;
  }

  const idle = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const poke = () => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(new Error("stalled")), options.idleTimeoutMs);
  };
  const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal;
  poke();
  try {
    // Node's fetch follows the hub's redirect to its CDN and keeps the Range header.
    // Ask for raw bytes: with gzip, Content-Length and ranges count compressed bytes.
    const headers: Record<string, string> = { "accept-encoding": "identity" };
    if (start > 0) headers.range = `bytes=${start}-`;
    const res = await fetch(options.url, { headers, signal, redirect: "follow" }).catch((error: unknown) => {
      throw signal.aborted ? error : unreachable(options.url, error);
    });

    if (res.status === 416) {
      // Nothing left to send: our .part is the whole file if the sizes agree.
      await res.body?.cancel();
      const total = parseTotal(res.headers.get("content-range"));
      if (total !== undefined && total === start) return await fsp.rename(part, options.dest);
      await fsp.rm(part, { force: true });
      throw new SeleniteError("unavailable", `The host refused to resume ${options.url}; run the pull again to restart it.`);
    }
    if (res.status === 404 || res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new MissingOnHostError(res.status);
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw new SeleniteError("unavailable", `The host answered HTTP ${res.status} for ${options.url}.`);
    }

    const encoded = (res.headers.get("content-encoding") ?? "identity") !== "identity";
    let size: number | undefined;
    if (res.status === 206) {
      const range = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(res.headers.get("content-range") ?? "");
      if (!range || Number(range[1]) !== start || encoded) {
        await res.body.cancel();
        await fsp.rm(part, { force: true });
        throw new SeleniteError("unavailable", `The host sent the wrong part of ${options.url}; run the pull again.`);
      }
      size = range[2] === "*" ? undefined : Number(range[2]);
    } else {
      // 200 to a range request: the server ignored Range, so start the file over.
      start = 0;
      const length = res.headers.get("content-length");
      // fetch decodes a compressed body, so its Content-Length says nothing about ours.
      size = length === null || encoded ? undefined : Number(length);
    }

    let written = start;
    options.onBytes?.(written, size);
    const file = await fsp.open(part, start > 0 ? "a" : "w");
    // The DOM and node:stream/web typings of ReadableStream differ only on paper.
    const body = res.body as unknown as NodeReadableStream<Uint8Array>;
    try {
      // Each chunk is on disk before the next one is read: when the connection drops,
      // every byte received so far is in the .part file for the resume. (A stream
      // pipeline would discard chunks still queued for its writer when it fails.)
      for await (const chunk of body) {
        poke();
        await file.appendFile(chunk);
        written += chunk.length;
        options.onBytes?.(written, size);
      }
    } catch (error) {
      if (signal.aborted || isDiskError(error)) throw error;
      throw new SeleniteError(
        "unavailable",
        `The connection dropped after ${written} bytes of ${options.url} (${causeText(error)}); run the pull again to resume.`,
        { cause: error },
      );
    } finally {
      await file.close();
    }

    if (size !== undefined && written !== size) {
      throw new SeleniteError(
        "unavailable",
        `The download of ${options.url} stopped at ${written} of ${size} bytes; run the pull again to resume.`,
      );
    }
    await fsp.rename(part, options.dest);
  } catch (error) {
    if (options.signal?.aborted) throw new SeleniteError("cancelled", "The download was cancelled.", { cause: error });
    if (idle.signal.aborted) {
      throw new SeleniteError(
        "unavailable",
        `No data from the host for ${seconds(options.idleTimeoutMs)} while downloading ${options.url}; run the pull again to resume.`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Size of a file on the host from a HEAD request; undefined when it does not say. */
export async function probeSize(url: string, signal?: AbortSignal): Promise<number | undefined> {
  const headers = { "accept-encoding": "identity" };
  const res = await fetch(url, { method: "HEAD", headers, signal, redirect: "follow" }).catch((error: unknown) => {
    if (signal?.aborted) throw new SeleniteError("cancelled", "The download was cancelled.", { cause: error });
    throw unreachable(url, error);
  });
  if (res.status === 404 || res.status === 401 || res.status === 403) throw new MissingOnHostError(res.status);
  if (!res.ok) return undefined;
  // The hub answers HEAD on LFS files with the size in x-linked-size as well.
  const length = res.headers.get("content-length") ?? res.headers.get("x-linked-size");
  const size = length === null ? NaN : Number(length);
  return Number.isSafeInteger(size) && size >= 0 ? size : undefined;
}

// What the local file system throws; undici's network errors are TypeErrors whose
// cause carries ECONNRESET and friends, so they never match this list.
const DISK_CODES = new Set([
  ...["ENOSPC", "EDQUOT", "EFBIG", "EIO"],
  ...["EACCES", "EPERM", "EROFS"],
  ...["EISDIR", "ENOTDIR", "EEXIST", "ENOTEMPTY", "EMFILE", "ENFILE"],
]);

export function isDiskError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && DISK_CODES.has((error as NodeJS.ErrnoException).code ?? "");
}

function unreachable(url: string, error: unknown): SeleniteError {
  return new SeleniteError("unavailable", `Could not reach ${new URL(url).origin}: ${causeText(error)}.`, {
    cause: error,
  });
}

/** undici wraps the useful part ("connect ECONNREFUSED ...") in error.cause. */
export function causeText(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function parseTotal(contentRange: string | null): number | undefined {
  const match = /\/(\d+)$/.exec(contentRange ?? "");
  return match ? Number(match[1]) : undefined;
}
