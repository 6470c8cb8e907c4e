// Serves a file with HTTP range requests (RFC 9110 §14), so the player can seek
// without downloading the whole recording.
import fs from "node:fs";

export type ByteRange = { start: number; end: number };

/** The single range asked for, "none" when there is no usable Range header, or "invalid" (416). */
export function parseRange(header: string | null, size: number): ByteRange | "none" | "invalid" {
  if (!header) return "none";
  const value = header.trim();
  // A unit other than bytes (`items=0-1`, or no `unit=` at all) MUST be ignored
  // (RFC 9110 §14.2): the whole file, 200. Units compare case-insensitively.
  const unit = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)=/.exec(value)?.[1];
  if (!unit || unit.toLowerCase() !== "bytes") return "none";
  const match = /^bytes=(\d*)-(\d*)$/i.exec(value);
  // Multiple ranges: serve the whole file, as the spec allows.
  if (!match) return value.includes(",") ? "none" : "invalid";
  const [, first, last] = match;
  if (first === "" && last === "") return "invalid";
  let start: number;
  let end: number;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0) return "invalid";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(first);
    end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  }
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start > end || start >= size) return "invalid";
  return { start, end };
}

export async function fileResponse(file: string, request: Request, headers: Record<string, string>): Promise<Response> {
  const stat = await fs.promises.stat(file);
  const size = stat.size;
  const range = parseRange(request.headers.get("range"), size);
  const common = { "Accept-Ranges": "bytes", "Last-Modified": stat.mtime.toUTCString(), ...headers };
  if (range === "invalid") {
    return new Response(null, { status: 416, headers: { ...common, "Content-Range": `bytes */${size}` } });
  }
  const { start, end } = range === "none" ? { start: 0, end: size - 1 } : range;
  const stream = size === 0 ? null : fileStream(file, start, end);
  return new Response(request.method === "HEAD" ? null : stream, {
    status: range === "none" ? 200 : 206,
    headers: {
      ...common,
      "Content-Length": String(size === 0 ? 0 : end - start + 1),
      ...(range === "none" ? {} : { "Content-Range": `bytes ${start}-${end}/${size}` }),
    },
  });
}

/**
 * The bytes [start, end] of a file as a web stream. Not Readable.toWeb: when a browser
 * drops a request (a video seeking does, all the time) its adapter can still enqueue a
 * late chunk into the cancelled stream, an uncaught ERR_INVALID_STATE in Node 20
 * (nodejs/node#54205). Here nothing is enqueued or closed once the stream is done.
 */
function fileStream(file: string, start: number, end: number): ReadableStream<Uint8Array> {
  let source: fs.ReadStream | null = null;
  let done = false;
  const finish = (settle: () => void) => {
    if (done) return;
    done = true;
    settle();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        source = fs.createReadStream(file, { start, end });
        source.on("data", (chunk) => {
          if (done) return;
          controller.enqueue(typeof chunk === "string" ? Buffer.from(chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) source?.pause();
        });
        source.once("end", () => finish(() => controller.close()));
        source.once("error", (error) => finish(() => controller.error(error)));
      },
      pull() {
        source?.resume();
      },
      cancel() {
        done = true;
        source?.destroy();
      },
    },
    { highWaterMark: 4 },
  );
}
