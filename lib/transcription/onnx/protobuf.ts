// Just enough of the protobuf wire format to walk an ONNX model and write a new
// one: fields are located (not decoded) so that megabytes of weights are never
// copied, and unchanged fields are written back byte for byte. The one protobuf
// reader of the codebase: in memory (readFields) and in a file, a field header at
// a time (readFileFields: the graph rewrites' model-file.ts and the download check
// lib/models/onnx-check.ts).
import type { FileHandle } from "node:fs/promises";

export const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

export interface Field {
  no: number;
  wire: number;
  /** Offset of the field's tag in the buffer: [tagStart, end) is the whole field. */
  tagStart: number;
  /** Offset of the payload (for bytes fields, after the length prefix). */
  start: number;
  end: number;
  /** The value of a varint field. */
  varint: number;
}

/** Why bytes are not protobuf: they stop early, or they never were protobuf. */
export class ProtobufError extends RangeError {
  constructor(
    readonly kind: "truncated" | "malformed",
    message: string,
  ) {
    super(message);
  }
}

export function readVarint(buf: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  let i = at;
  for (;;) {
    if (i >= buf.length) throw new ProtobufError("truncated", "Truncated protobuf varint");
    const byte = buf[i++];
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return { value, next: i };
    scale *= 128;
    if (scale > 2 ** 63) throw new ProtobufError("malformed", "Protobuf varint too long");
  }
}

/** A varint read exactly as a signed 64-bit integer (ONNX's int64 fields, e.g. axis -1). */
export function readInt64(buf: Uint8Array, at: number): bigint {
  let value = 0n;
  let shift = 0n;
  for (let i = at; ; i++) {
    if (i >= buf.length) throw new ProtobufError("truncated", "Truncated protobuf varint");
    if (shift > 63n) throw new ProtobufError("malformed", "Protobuf varint too long");
    value |= BigInt(buf[i] & 0x7f) << shift;
    if (buf[i] < 0x80) return BigInt.asIntN(64, value);
    shift += 7n;
  }
}

/** One field from its first bytes: tag, wire type, payload offsets relative to `at`. */
function readField(buf: Uint8Array, at: number): { no: number; wire: number; payload: number; next: number; varint: number } {
  const tag = readVarint(buf, at);
  const no = Math.floor(tag.value / 8);
  const wire = tag.value % 8;
  if (wire === WIRE.varint) {
    const v = readVarint(buf, tag.next);
    return { no, wire, payload: tag.next, next: v.next, varint: v.value };
  }
  if (wire === WIRE.fixed64) return { no, wire, payload: tag.next, next: tag.next + 8, varint: 0 };
  if (wire === WIRE.fixed32) return { no, wire, payload: tag.next, next: tag.next + 4, varint: 0 };
  if (wire === WIRE.bytes) {
    const length = readVarint(buf, tag.next);
    return { no, wire, payload: length.next, next: length.next + length.value, varint: 0 };
  }
  throw new ProtobufError("malformed", `Unsupported protobuf wire type ${wire}`);
}

/** The fields of the message in buf[start, end), in order. */
export function readFields(buf: Uint8Array, start = 0, end = buf.length): Field[] {
  const fields: Field[] = [];
  // Varints must not run past the message's end either.
  const message = end === buf.length ? buf : buf.subarray(0, end);
  for (let at = start; at < end;) {
    const field = readField(message, at);
    if (field.next > end) throw new ProtobufError("truncated", "Truncated protobuf field");
    fields.push({ no: field.no, wire: field.wire, tagStart: at, start: field.payload, end: field.next, varint: field.varint });
    at = field.next;
  }
  return fields;
}

/** A tag and a length prefix take at most 10 bytes each. */
const HEADER_BYTES = 20;

/**
 * The fields of the message at [start, end) of a file, read a field header at a time
 * (the payloads stay on disk: a 1.5 GB model is a handful of small reads). Offsets
 * are absolute. Stops with a ProtobufError after `maxFields` (junk can look like
 * millions of tiny fields); `check` may refuse a field (by throwing) before its
 * length is compared with the end, so junk is called junk rather than truncated.
 */
export async function readFileFields(
  file: FileHandle,
  start: number,
  end: number,
  options: { maxFields?: number; check?: (field: { no: number; wire: number; varint: number }, index: number) => void } = {},
): Promise<Field[]> {
  const fields: Field[] = [];
  const head = new Uint8Array(HEADER_BYTES);
  for (let at = start; at < end;) {
    if (options.maxFields !== undefined && fields.length >= options.maxFields) throw new ProtobufError("malformed", "Too many protobuf fields");
    const { bytesRead } = await file.read(head, 0, Math.min(HEADER_BYTES, end - at), at);
    if (bytesRead === 0) throw new ProtobufError("truncated", "The file ends inside a protobuf field");
    const field = readField(head.subarray(0, bytesRead), 0);
    options.check?.(field, fields.length);
    if (at + field.next > end) throw new ProtobufError("truncated", "Truncated protobuf field");
    fields.push({ no: field.no, wire: field.wire, tagStart: at, start: at + field.payload, end: at + field.next, varint: field.varint });
    at += field.next;
  }
  return fields;
}

const decoder = new TextDecoder();

export function fieldString(buf: Uint8Array, field: Field): string {
  return decoder.decode(buf.subarray(field.start, field.end));
}

export function varintBytes(value: number): Uint8Array {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return Uint8Array.from(out);
}

/** A signed 64-bit integer as a varint (negative values take ten bytes, as protobuf's int64). */
export function int64Bytes(value: bigint): Uint8Array {
  let rest = BigInt.asUintN(64, value);
  const out: number[] = [];
  while (rest >= 0x80n) {
    out.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  out.push(Number(rest));
  return Uint8Array.from(out);
}

/** Collects encoded pieces without copying them until the end. */
export class Writer {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  raw(bytes: Uint8Array): this {
    this.parts.push(bytes);
    this.size += bytes.length;
    return this;
  }

  varint(no: number, value: number): this {
    return this.raw(varintBytes(no * 8 + WIRE.varint)).raw(varintBytes(value));
  }

  int64(no: number, value: bigint): this {
    return this.raw(varintBytes(no * 8 + WIRE.varint)).raw(int64Bytes(value));
  }

  bytes(no: number, payload: Uint8Array): this {
    return this.raw(varintBytes(no * 8 + WIRE.bytes))
      .raw(varintBytes(payload.length))
      .raw(payload);
  }

  string(no: number, value: string): this {
    return this.bytes(no, new TextEncoder().encode(value));
  }

  message(no: number, inner: Writer): this {
    return this.bytes(no, inner.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}
