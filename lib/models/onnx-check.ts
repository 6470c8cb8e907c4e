// A cheap "is this really an ONNX model?" check that never reads a 1.5 GB file whole.
// An ONNX file is one protobuf ModelProto. We walk only its top-level fields: read
// each tag and length, then seek past the body. That is a handful of small reads per
// file, yet it catches what actually goes wrong with downloaded weights: empty files,
// HTML error pages, Git LFS pointers, and truncation (the last field's length runs
// past the end of the file, or the walk does not land exactly on the end).
import fs from "node:fs/promises";

// ModelProto field number -> protobuf wire type (0 = varint, 2 = length-delimited),
// from onnx.proto: ir_version, producer_name, producer_version, domain,
// model_version, doc_string, graph, opset_import, metadata_props, training_info,
// functions.
const MODEL_FIELDS: ReadonlyMap<number, number> = new Map([
  [1, 0],
  [2, 2],
  [3, 2],
  [4, 2],
  [5, 0],
  [6, 2],
  [7, 2],
  [8, 2],
  [14, 2],
  [20, 2],
  [25, 2],
]);
const IR_VERSION_FIELD = 1;
const GRAPH_FIELD = 7;
// ONNX IR versions are single digits today; allow headroom, reject noise.
const MAX_IR_VERSION = 64;
// Real models have a dozen top-level fields; stop walking junk long before it hurts.
const MAX_FIELDS = 10_000;
const WINDOW = 64 * 1024;

class Window {
  private start = 0;
  private bytes = Buffer.alloc(0);

  constructor(
    private readonly handle: fs.FileHandle,
    readonly size: number,
  ) {}

  /** Byte at absolute offset `pos`, reading a new window when `pos` is outside. */
  async byteAt(pos: number): Promise<number> {
    if (pos < this.start || pos >= this.start + this.bytes.length) {
      const length = Math.min(WINDOW, this.size - pos);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await this.handle.read(buffer, 0, length, pos);
      this.start = pos;
      this.bytes = buffer.subarray(0, bytesRead);
      if (bytesRead === 0) throw new RangeError("read past end of file");
    }
    return this.bytes[pos - this.start];
  }

  async head(length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(Math.min(length, this.size));
    await this.handle.read(buffer, 0, buffer.length, 0);
    return buffer;
  }
}

/** Reads a base-128 varint; returns [value, next offset] or null when malformed. */
async function readVarint(win: Window, pos: number): Promise<[number, number] | null> {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= win.size) return null;
    const byte = await win.byteAt(pos + i);
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) {
      return Number.isSafeInteger(value) ? [value, pos + i + 1] : null;
    }
  }
  return null;
}

/**
 * Returns why `file` is not a readable ONNX model, in words for a person
 * ("the file is empty", "it ends early (truncated download?)"), or null when its
 * top-level structure is sound. Only the tag/length bytes are read.
 */
export async function describeOnnxProblem(file: string): Promise<string | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, "r");
  } catch (error) {
    return `cannot open it: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return "the file is empty";
    const win = new Window(handle, size);
    const head = (await win.head(64)).toString("latin1");
    if (head.startsWith("version https://git-lfs")) {
      return "it is a Git LFS pointer, not the weights (fetch it with `git lfs pull` or `npm run models -- pull`)";
    }
    if (/^\s*</.test(head)) return "it is an HTML/XML page, not a model";
    return await walkModelProto(win);
  } catch (error) {
    return `cannot read it: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  } finally {
    await handle.close();
  }
}

async function walkModelProto(win: Window): Promise<string | null> {
  const notOnnx = "it does not have the structure of an ONNX model";
  const truncated = "it ends early (truncated download or copy?)";
  let pos = 0;
  let sawIrVersion = false;
  let sawGraph = false;
  for (let fields = 0; pos < win.size; fields++) {
    if (fields >= MAX_FIELDS) return notOnnx;
    const tag = await readVarint(win, pos);
    if (!tag) return fields === 0 ? notOnnx : truncated;
    const [key, afterTag] = tag;
    const fieldNumber = Math.floor(key / 8);
    const wireType = key % 8;
    const expected = MODEL_FIELDS.get(fieldNumber);
    // Unknown fields (from a newer onnx.proto) are allowed, but only with a real wire type.
    if (fieldNumber === 0 || (expected !== undefined ? wireType !== expected : ![0, 1, 2, 5].includes(wireType))) {
      return notOnnx;
    }
    // ir_version is field 1 and every writer (C++ protobuf, protobufjs) emits fields
    // in number order, so a real model starts with it.
    if (fields === 0 && fieldNumber !== IR_VERSION_FIELD) return notOnnx;
    if (wireType === 0) {
      const value = await readVarint(win, afterTag);
      if (!value) return truncated;
      if (fieldNumber === IR_VERSION_FIELD) {
        if (value[0] < 1 || value[0] > MAX_IR_VERSION) return notOnnx;
        sawIrVersion = true;
      }
      pos = value[1];
    } else if (wireType === 2) {
      const length = await readVarint(win, afterTag);
      if (!length) return truncated;
      const end = length[1] + length[0];
      if (end > win.size) return truncated;
      if (fieldNumber === GRAPH_FIELD) sawGraph = true;
      pos = end;
    } else {
      pos = afterTag + (wireType === 1 ? 8 : 4);
      if (pos > win.size) return truncated;
    }
  }
  if (!sawIrVersion) return notOnnx;
  if (!sawGraph) return "it has no graph";
  return null;
}
