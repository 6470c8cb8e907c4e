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
import { ERROR_STATUS, SeleniteError, isSeleniteError, type ErrorCode } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/users";
import { assertModelInstalled, finishUpload, resolveUploadOptions, type ResolvedOptions, type UploadOutcome } from "@/lib/uploads/finish";
import { checkDiskBefore } from "@/lib/uploads/disk-guard";
import { isShuttingDown, trackUpload } from "@/lib/system/lifecycle";

const SHUTTING_DOWN = "Selenite is shutting down. Upload this file again in a moment.";
import { watchIdle } from "@/lib/uploads/idle-watch";
import { liftBodyDeadline } from "@/lib/http/body-deadline";
import { REQUEST_ID_HEADER } from "@/lib/http/headers";
import { newStoredName, removeQuietly, sanitizeFileName } from "@/lib/storage/files";
import { writePart } from "@/lib/storage/write-part";

const MAX_FILES = 50;
const MAX_FIELDS = 50;
const MAX_PARTS = 120;
const MAX_FIELD_SIZE = 10_000;
// After a refusal, at most this much more of the body is read (and discarded) so the
// sender gets the answer; a bigger rest is cut off with the connection.
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

export type Received = { originalName: string; partPath: string; size: number; error?: SeleniteError };

/** What a multipart upload brought: its form fields and its file parts, already on disk as `.part` files. */
export type ReceivedForm = { fields: Record<string, string>; files: Received[] };

/** Receives an upload and queues a job for each good file, with the options its fields ask for. */
export async function receiveUploads(request: Request, user: SessionUser): Promise<UploadOutcome[]> {
  const form = await receiveForm(request);
  let options: ResolvedOptions;
  try {
    options = await resolveUploadOptions(user, form.fields);
  } catch (error) {
    await discardForm(form);
    throw error;
  }
  return queueReceived(user, form.files, options);
}

/**
 * Streams a multipart upload to disk under the upload limits (size, count, disk
 * reserve, idle watch, an installed model). The caller must authenticate first and
 * then either queue the files (queueReceived) or discard them (discardForm).
 */
export async function receiveForm(request: Request, options: { fileField?: string } = {}): Promise<ReceivedForm> {
  const config = getConfig();
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new SeleniteError("unsupported_media", 'Send files as multipart/form-data (a form field named "file").');
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
  const body = Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>);
  // Past a count or size limit busboy would skip parts or cut values silently: the
  // whole upload is refused instead, with the limit named. The rest of the body is
  // read and thrown away (bounded) so the sender hears the answer.
  let overLimit: SeleniteError | undefined;
  const refuse = (error: SeleniteError) => {
    if (overLimit) return;
    overLimit = error;
    body.unpipe(parser);
    parser.destroy(error);
    drainQuietly(body);
  };
  parser.on("filesLimit", () => refuse(tooMany(`At most ${MAX_FILES} files per upload; this one had more. Send the rest in another upload.`)));
  parser.on("fieldsLimit", () =>
    refuse(
      tooMany(
        `At most ${MAX_FIELDS} form fields per upload; this one had more. Send only the fields docs/api.md lists (model, language, task, wordTimestamps, beamSize, patience, vad, prompt, the safeguards, tags).`,
      ),
    ),
  );
  parser.on("partsLimit", () =>
    refuse(tooMany(`At most ${MAX_PARTS} parts (files and fields) per upload; this one had more. Send the rest in another upload.`)),
  );
  parser.on("field", (name, value, info) => {
    if (overLimit) return;
    if (info.valueTruncated) {
      return refuse(
        tooMany(
          `The form field "${name.slice(0, 40)}" is longer than ${MAX_FIELD_SIZE.toLocaleString("en-US")} characters (the limit per field). Shorten it and upload again.`,
        ),
      );
    }
    // A list field ("name[]", sent once per value) keeps every value, comma-separated.
    fields[name] = name.endsWith("[]") && fields[name] !== undefined ? `${fields[name]},${value}` : value;
  });
  parser.on("file", (_name, stream, info) => {
    // busboy finishes parsing the chunk it was given after destroy(): a part that
    // starts there would never end, so it is not written.
    if (overLimit) return void stream.resume();
    const item: Received = {
      originalName: sanitizeFileName(info.filename ?? ""),
      partPath: path.join(config.uploadsDir, `${newStoredName("")}.part`),
      size: 0,
    };
    received.push(item);
    stream.on("data", (chunk: Buffer) => {
      item.size += chunk.length;
    });
    // This file alone is refused (by name, in the results); the others go on.
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

  // Authenticated (the route wrapper ran): from here the idle watch bounds the body, not the
  // short deadline every request gets before a session is known.
  liftBodyDeadline(request.headers.get(REQUEST_ID_HEADER));
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
    if (overLimit) {
      await drained(body);
      throw overLimit;
    }
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
    throw new SeleniteError("bad_request", `No file was sent. Attach at least one file in a field named "${options.fileField ?? "file"}".`);
  }
  return { fields, files: received };
}

/** Removes the files of a form that will not be queued. */
export async function discardForm(form: ReceivedForm): Promise<void> {
  await Promise.all(form.files.map((item) => removeQuietly(item.partPath)));
}

/** Checks each received file and queues a job for every good one; a bad one is reported by name. */
export async function queueReceived(user: SessionUser, received: Received[], options: ResolvedOptions): Promise<UploadOutcome[]> {
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
      limits: { files: MAX_FILES, fields: MAX_FIELDS, fieldSize: MAX_FIELD_SIZE, fileSize: maxFileBytes, parts: MAX_PARTS },
      defParamCharset: "utf8",
    });
  } catch (error) {
    // busboy throws on a multipart Content-Type without a boundary.
    throw new SeleniteError("bad_request", "The upload is not a valid multipart form (its boundary is missing).", { cause: error });
  }
}

function tooMany(message: string): SeleniteError {
  return new SeleniteError("payload_too_large", message);
}

/** Reads the rest of a refused body and discards it, up to MAX_DRAIN_BYTES. */
function drainQuietly(body: Readable): void {
  let read = 0;
  body.on("data", (chunk: Buffer) => {
    read += chunk.length;
    if (read > MAX_DRAIN_BYTES) body.destroy();
  });
  body.on("error", () => {});
  body.resume();
}

async function drained(body: Readable): Promise<void> {
  if (body.readableEnded || body.destroyed) return;
  await new Promise<void>((resolve) => {
    body.once("end", resolve);
    body.once("close", resolve);
  });
}

/** The status of an upload's answer: 201 all accepted, 200 some; when none was, the
 * status of their shared reason (413 too large, 415 not media), else 422. */
export function uploadStatus(results: UploadOutcome[]): number {
  const accepted = results.filter((r) => r.ok).length;
  if (accepted === results.length) return 201;
  if (accepted > 0) return 200;
  const codes = new Set(results.map((r) => (r.ok ? "" : r.error.code)));
  const [code] = codes;
  return codes.size === 1 && code in ERROR_STATUS ? ERROR_STATUS[code as ErrorCode] : 422;
}

function diskError(error: unknown): SeleniteError {
  if (isSeleniteError(error)) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOSPC") return new SeleniteError("insufficient_storage", "The server's disk is full. Free some space and upload again.");
  return new SeleniteError("bad_request", "The upload was interrupted before the file arrived whole.");
}
