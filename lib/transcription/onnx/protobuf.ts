// Just enough of the protobuf wire format to walk an ONNX model and write a new
// one: fields are located (not decoded) so that megabytes of weights are never
// copied, and unchanged fields are written back byte for byte.

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

export function readVarint(buf: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  let i = at;
  for (;;) {
    if (i >= buf.length) throw new RangeError("Truncated protobuf varint");
    const byte = buf[i++];
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return { value, next: i };
    scale *= 128;
    if (scale > 2 ** 63) throw new RangeError("Protobuf varint too long");
  }
}

/** A varint read exactly as a signed 64-bit integer (ONNX's int64 fields, e.g. axis -1). */
export function readInt64(buf: Uint8Array, at: number): bigint {
  let value = 0n;
  let shift = 0n;
  for (let i = at; ; i++) {
    if (i >= buf.length || shift > 63n) throw new RangeError("Truncated protobuf varint");
    value |= BigInt(buf[i] & 0x7f) << shift;
    if (buf[i] < 0x80) return BigInt.asIntN(64, value);
    shift += 7n;
  }
}

/** The fields of the message in buf[start, end), in order. */
export function readFields(buf: Uint8Array, start = 0, end = buf.length): Field[] {
  const fields: Field[] = [];
  let at = start;
  while (at < end) {
    const tagStart = at;
    const tag = readVarint(buf, at);
    at = tag.next;
    const no = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    let payloadStart = at;
    let varint = 0;
    if (wire === WIRE.varint) {
      const v = readVarint(buf, at);
      varint = v.value;
      at = v.next;
    } else if (wire === WIRE.fixed64) {
      at += 8;
    } else if (wire === WIRE.fixed32) {
      at += 4;
    } else if (wire === WIRE.bytes) {
      const length = readVarint(buf, at);
      payloadStart = length.next;
      at = length.next + length.value;
    } else {
      throw new RangeError(`Unsupported protobuf wire type ${wire}`);
    }
    if (at > end) throw new RangeError("Truncated protobuf field");
    fields.push({ no, wire, tagStart, start: payloadStart, end: at, varint });
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
    return this.raw(varintBytes(no * 8 + WIRE.bytes)).raw(varintBytes(payload.length)).raw(payload);
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
