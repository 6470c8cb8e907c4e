// A large WAV upload produced while it is sent (header + silence, 8 kHz s16 mono),
// so tests and the load bench can put many big uploads in flight without holding
// them in memory or on disk first.
import http from "node:http";

const CHUNK = Buffer.alloc(256 * 1024);

/** A 44-byte PCM WAV header for `dataBytes` of 8 kHz, 16-bit mono samples. */
export function wavHeader(dataBytes: number): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(dataBytes + 36, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

export type StreamingUpload = {
  /** Bytes of the body written so far. */
  sent: () => number;
  /** Settles with the response (or a network error: status 0). */
  done: Promise<{ status: number; body: string; error?: string }>;
};

/**
 * POSTs one multipart file of `bytes` (header included) to `${baseUrl}/api/jobs`.
 * `pauseMs` between chunks slows it down, to keep an upload in flight; `chunked`
 * sends it without a Content-Length.
 */
export function streamingUpload(
  baseUrl: string,
  headers: Record<string, string>,
  options: { bytes: number; name?: string; pauseMs?: number; chunked?: boolean },
): StreamingUpload {
  const boundary = `----selenite${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${options.name ?? "load.wav"}"\r\nContent-Type: audio/wav\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const dataBytes = Math.max(0, options.bytes - 44);
  let sent = 0;
  const url = new URL("/api/jobs", baseUrl);
  const done = new Promise<{ status: number; body: string; error?: string }>((resolve) => {
    const request = http.request(url, {
      method: "POST",
      headers: {
        ...headers,
        "content-type": `multipart/form-data; boundary=${boundary}`,
        // Chunked: no declared length, so only the bytes themselves can fill the disk.
        ...(options.chunked ? {} : { "content-length": String(head.length + 44 + dataBytes + tail.length) }),
      },
    });
    request.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      response.on("error", (error) => resolve({ status: 0, body, error: error.message }));
    });
    request.on("error", (error) => resolve({ status: 0, body: "", error: error.message }));

    const write = (buffer: Buffer) =>
      new Promise<void>((ok) => {
        sent += buffer.length;
        if (request.write(buffer)) ok();
        else request.once("drain", ok);
      });
    void (async () => {
      try {
        await write(head);
        await write(wavHeader(dataBytes));
        let left = dataBytes;
        while (left > 0 && !request.destroyed) {
          const size = Math.min(left, CHUNK.length);
          await write(size === CHUNK.length ? CHUNK : CHUNK.subarray(0, size));
          left -= size;
          if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
        }
        if (!request.destroyed) request.end(tail);
      } catch {
        // the request failed; the error handler settles `done`
      }
    })();
  });
  return { sent: () => sent, done };
}
