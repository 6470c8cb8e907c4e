import "server-only";
// Receives uploads: streams each multipart file part straight to disk (never whole
// in memory), enforces the size limit while streaming, then checks what arrived
// (magic bytes, then ffprobe) and creates a queued job for every good file. A bad
// file is reported by name with a reason; the rest of the batch goes on.
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import Busboy from "busboy";
import { getConfig } from "@/lib/config";
import { SeleniteError, isSeleniteError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/users";
import { assertModelInstalled, finishUpload, resolveUploadOptions, type UploadOutcome } from "@/lib/uploads/finish";
import { checkDiskBefore } from "@/lib/uploads/disk-guard";
import { isShuttingDown, trackUpload } from "@/lib/system/lifecycle";

const SHUTTING_DOWN = "Selenite is shutting down. Upload this file again in a moment.";
import { watchIdle } from "@/lib/uploads/idle-watch";
import { liftBodyDeadline } from "@/lib/http/body-deadline";
import { REQUEST_ID_HEADER } from "@/lib/http/headers";
import { newStoredName, removeQuietly, sanitizeFileName } from "@/lib/storage/files";
import { writePart } from "@/lib/storage/write-part";

const MAX_FILES = 50;

type Received = { originalName: string; partPath: string; size: number; error?: SeleniteError };

export async function receiveUploads(request: Request, user: SessionUser): Promise<UploadOutcome[]> {
  const config = getConfig();
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new SeleniteError("unsupported_media", "Send files as multipart/form-data (a form field named \"file\").");
  }
  if (!request.body) throw new SeleniteError("bad_request", "The request has no body.");
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > config.maxUploadBytes * MAX_FILES) {
    throw new SeleniteError("payload_too_large", `Uploads are limited to ${config.maxUploadBytes / 1024 / 1024} MB per file.`);
  }
  if (isShuttingDown()) throw new SeleniteError("unavailable", SHUTTING_DOWN);
  await checkDiskBefore(Number.isFinite(declared) ? declared : 0);
  // Refuse before reading gigabytes when nothing could transcribe them.
  await assertModelInstalled();
  fs.mkdirSync(config.uploadsDir, { recursive: true });

  const fields: Record<string, string> = {};
  const received: Received[] = [];
  const writes: Promise<void>[] = [];
  const parser = createParser(contentType, config.maxUploadBytes);
  parser.on("field", (name, value) => {
    fields[name] = value;
  });
  parser.on("file", (_name, stream, info) => {
    const item: Received = {
      originalName: sanitizeFileName(info.filename ?? ""),
      partPath: path.join(config.uploadsDir, `${newStoredName("")}.part`),
      size: 0,
    };
    received.push(item);
    stream.on("data", (chunk: Buffer) => {
      item.size += chunk.length;
    });
    stream.on("limit", () => {
      item.error = new SeleniteError("payload_too_large", `This file is larger than the ${config.maxUploadBytes / 1024 / 1024} MB limit.`);
    });
    writes.push(
      writePart(stream, item.partPath).catch((error: unknown) => {
        item.error ??= diskError(error);
        stream.resume();
      }),
    );
  });

  // Authenticated (withUser ran): from here the idle watch bounds the body, not the
  // short deadline every request gets before a session is known.
  liftBodyDeadline(request.headers.get(REQUEST_ID_HEADER));
  const body = Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>);
  const idle = watchIdle(body, config.uploadIdleTimeoutMs, (error) => {
    body.unpipe(parser);
    body.destroy();
    // Destroying the parser errors the file stream being written, which ends its pipeline.
    parser.destroy(error);
  });
  try {
    body.on("error", (error) => parser.destroy(error));
    body.pipe(parser);
    await once(parser, "close");
  } catch (error) {
    await Promise.allSettled(writes);
    await Promise.all(received.map((item) => removeQuietly(item.partPath)));
    throw idle.error() ?? new SeleniteError("bad_request", "The upload was interrupted or is not a valid multipart form.", { cause: error });
  } finally {
    idle.stop();
  }
  await Promise.allSettled(writes);
  // A full disk fails the whole request with 507, not one file among "rejected" ones.
  const full = received.find((item) => item.error?.code === "insufficient_storage");
  if (full?.error) {
    await Promise.all(received.map((item) => removeQuietly(item.partPath)));
    throw full.error;
  }
  if (received.length === 0) {
    throw new SeleniteError("bad_request", "No file was sent. Attach at least one file in a field named \"file\".");
  }

  let options: Awaited<ReturnType<typeof resolveUploadOptions>>;
  try {
    options = await resolveUploadOptions(user, fields);
  } catch (error) {
    await Promise.all(received.map((item) => removeQuietly(item.partPath)));
    throw error;
  }
  const outcomes: UploadOutcome[] = [];
  for (const item of received) {
    if (item.error || item.size === 0) {
      await removeQuietly(item.partPath);
      const error = item.error ?? new SeleniteError("media_empty", "This file is empty (0 bytes).");
      outcomes.push({ ok: false, name: item.originalName, error: { code: error.code, message: error.message } });
      continue;
    }
    outcomes.push(
      await trackUpload(async () => {
        // A file that finished arriving after shutdown began is not queued: its
        // sender may never get the answer, and would upload it again.
        if (isShuttingDown()) {
          await removeQuietly(item.partPath);
          return { ok: false as const, name: item.originalName, error: { code: "unavailable", message: SHUTTING_DOWN } };
        }
        return finishUpload(user, item, options);
      }),
    );
  }
  return outcomes;
}

function createParser(contentType: string, maxFileBytes: number): Busboy.Busboy {
  try {
    return Busboy({
      headers: { "content-type": contentType },
      limits: { files: MAX_FILES, fields: 50, fieldSize: 10_000, fileSize: maxFileBytes, parts: 120 },
      defParamCharset: "utf8",
    });
  } catch (error) {
    // busboy throws on a multipart Content-Type without a boundary.
    throw new SeleniteError("bad_request", "The upload is not a valid multipart form (its boundary is missing).", { cause: error });
  }
}

function diskError(error: unknown): SeleniteError {
  if (isSeleniteError(error)) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOSPC") return new SeleniteError("insufficient_storage", "The server's disk is full. Free some space and upload again.");
  return new SeleniteError("bad_request", "The upload was interrupted before the file arrived whole.");
}
