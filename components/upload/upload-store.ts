"use client";

// Uploads live outside React so they keep going (and keep their rows) when the
// person opens a job page and comes back. One XMLHttpRequest per file: fetch() has
// no upload progress, and a request per file gives each its own bar and cancel.
import { useSyncExternalStore } from "react";

export type UploadState = "waiting" | "uploading" | "checking" | "queued" | "rejected" | "failed" | "cancelled";

export type UploadItem = {
  key: string;
  name: string;
  size: number;
  state: UploadState;
  /** 0..1 of the file sent. */
  progress: number;
  jobId?: string;
  message?: string;
  /** A network or server hiccup, not a verdict on the file: offer "Try again". */
  retryable?: boolean;
};

export type UploadFields = {
  model?: string;
  language: string;
  task: string;
  wordTimestamps: boolean;
  beamSize: number;
  patience: number;
  vad: boolean;
  tags: string[];
  /** Sent as form fields of the same names (docs/api.md); left out = the Settings defaults. */
  decoding?: Record<string, string | number | boolean>;
  /** speakers, speakerCount, minSpeakers, maxSpeakers ("" = not given). */
  speakers?: Record<string, string>;
};

type Entry = { item: UploadItem; file: File; fields: UploadFields; xhr?: XMLHttpRequest };
type Snapshot = { items: UploadItem[]; finished: number; noModelAnswers: number };

const PARALLEL = 2;
const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();
let snapshot: Snapshot = { items: [], finished: 0, noModelAnswers: 0 };
let sequence = 0;
const EMPTY: Snapshot = snapshot;

function emit(patch: Partial<Snapshot> = {}) {
  snapshot = { ...snapshot, ...patch, items: [...entries.values()].map((e) => e.item) };
  listeners.forEach((listener) => listener());
}

function update(key: string, patch: Partial<UploadItem>) {
  const entry = entries.get(key);
  if (!entry) return;
  entry.item = { ...entry.item, ...patch };
  emit();
}

const active = () => [...entries.values()].filter((e) => e.item.state === "uploading" || e.item.state === "checking").length;

function warnBeforeLeaving(event: BeforeUnloadEvent) {
  if (active() > 0 || [...entries.values()].some((e) => e.item.state === "waiting")) event.preventDefault();
}

function pump() {
  for (const entry of entries.values()) {
    if (active() >= PARALLEL) break;
    if (entry.item.state === "waiting") send(entry);
  }
}

function settle(key: string, patch: Partial<UploadItem>, extra: Partial<Snapshot> = {}) {
  const entry = entries.get(key);
  if (entry) entry.xhr = undefined;
  update(key, patch);
  emit({ finished: snapshot.finished + (patch.state === "queued" ? 1 : 0), ...extra });
  pump();
}

type Answer = { results?: { ok: boolean; job?: { id: string }; error?: { message: string } }[]; error?: { code: string; message: string } };

function outcome(status: number, body: Answer | null): { patch: Partial<UploadItem>; needsModel?: boolean } {
  const result = body?.results?.[0];
  if (result?.ok && result.job) return { patch: { state: "queued", progress: 1, jobId: result.job.id } };
  if (result && !result.ok) return { patch: { state: "rejected", message: result.error?.message ?? "The server refused this file." } };
  const message = body?.error?.message;
  if (status === 401) return { patch: { state: "failed", message: "Your session has ended. Sign in again, then try again.", retryable: true } };
  if (status === 409)
    return { patch: { state: "rejected", message: message ?? "No Whisper model is installed." }, needsModel: body?.error?.code === "conflict" };
  if (status === 413 || status === 415 || status === 422) return { patch: { state: "rejected", message: message ?? "The server refused this file." } };
  return { patch: { state: "failed", message: message ?? `The server answered ${status}. Try again in a moment.`, retryable: true } };
}

function send(entry: Entry) {
  const { key } = entry.item;
  const form = new FormData();
  // Options first: the server reads fields as they stream past, before the file.
  if (entry.fields.model) form.append("model", entry.fields.model);
  form.append("language", entry.fields.language);
  form.append("task", entry.fields.task);
  form.append("wordTimestamps", String(entry.fields.wordTimestamps));
  form.append("beamSize", String(entry.fields.beamSize));
  form.append("patience", String(entry.fields.patience));
  form.append("vad", String(entry.fields.vad));
  if (entry.fields.tags.length) form.append("tags", entry.fields.tags.join(","));
  for (const [field, value] of Object.entries({ ...entry.fields.decoding, ...entry.fields.speakers })) if (value !== "") form.append(field, String(value));
  form.append("file", entry.file, entry.file.name);

  const xhr = new XMLHttpRequest();
  entry.xhr = xhr;
  xhr.open("POST", "/api/jobs");
  xhr.responseType = "json";
  xhr.upload.onprogress = (event) => {
    if (event.lengthComputable && event.total > 0) update(key, { progress: event.loaded / event.total });
  };
  // Every byte is out; the server now sniffs and probes the file before answering.
  xhr.upload.onload = () => update(key, { state: "checking", progress: 1 });
  xhr.onload = () => {
    const { patch, needsModel } = outcome(xhr.status, xhr.response as Answer | null);
    settle(key, patch, needsModel ? { noModelAnswers: snapshot.noModelAnswers + 1 } : {});
  };
  xhr.onerror = () => settle(key, { state: "failed", message: "The connection dropped before the server answered. Try again.", retryable: true });
  xhr.onabort = () => settle(key, { state: "cancelled", message: undefined });
  update(key, { state: "uploading", progress: 0, message: undefined, retryable: undefined });
  xhr.send(form);
}

export function addUploads(files: File[], fields: UploadFields, maxBytes: number) {
  if (typeof window !== "undefined" && entries.size === 0) window.addEventListener("beforeunload", warnBeforeLeaving);
  for (const file of files) {
    sequence += 1;
    const key = `u${Date.now().toString(36)}-${sequence}`;
    const tooBig = file.size > maxBytes;
    const empty = file.size === 0;
    const item: UploadItem = {
      key,
      name: file.name,
      size: file.size,
      progress: 0,
      state: tooBig || empty ? "rejected" : "waiting",
      message: tooBig ? `This file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit.` : empty ? "This file is empty (0 bytes)." : undefined,
    };
    entries.set(key, { item, file, fields: { ...fields, tags: [...fields.tags] } });
  }
  emit();
  pump();
}

/** Stops a file that is waiting or on its way; a file the server already has cannot be un-sent (cancel the job instead). */
export function cancelUpload(key: string) {
  const entry = entries.get(key);
  if (!entry) return;
  if (entry.xhr) entry.xhr.abort();
  else if (entry.item.state === "waiting") settle(key, { state: "cancelled" });
}

export function retryUpload(key: string) {
  const entry = entries.get(key);
  if (!entry || !(entry.item.state === "failed" || entry.item.state === "cancelled")) return;
  update(key, { state: "waiting", progress: 0, message: undefined, retryable: undefined });
  pump();
}

export function dismissUpload(key: string) {
  const entry = entries.get(key);
  if (entry?.xhr) return;
  entries.delete(key);
  emit();
}

/** Removes every row that is done (queued, rejected, cancelled, failed). */
export function clearDoneUploads() {
  for (const [key, entry] of entries) if (!entry.xhr && entry.item.state !== "waiting") entries.delete(key);
  if (entries.size === 0 && typeof window !== "undefined") window.removeEventListener("beforeunload", warnBeforeLeaving);
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUploads(): Snapshot {
  return useSyncExternalStore(
    subscribe,
    () => snapshot,
    () => EMPTY,
  );
}
