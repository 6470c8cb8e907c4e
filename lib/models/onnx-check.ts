// A cheap "is this really an ONNX model?" check that never reads a 1.5 GB file whole.
// An ONNX file is one protobuf ModelProto. We walk only its top-level fields with the
// engine's protobuf reader (lib/transcription/onnx/protobuf.ts): read each tag and
// length, then seek past the body. That is a handful of small reads per
// file, yet it catches what actually goes wrong with downloaded weights: empty files,
// HTML error pages, Git LFS pointers, and truncation (the last field's length runs
// past the end of the file, or the walk does not land exactly on the end).
import fs from "node:fs/promises";
import { ProtobufError, readFileFields, type Field } from "../transcription/onnx/protobuf";

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
const HEAD_BYTES = 64;

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
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, size));
    await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.toString("latin1");
    if (head.startsWith("version https://git-lfs")) {
      return "it is a Git LFS pointer, not the weights (fetch it again on the Models page, or with “npm run models -- pull”)";
    }
    if (/^\s*</.test(head)) return "it is an HTML/XML page, not a model";
    return await walkModelProto(handle, size);
  } catch (error) {
    return `cannot read it: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  } finally {
    await handle.close();
  }
}

const NOT_ONNX = "it does not have the structure of an ONNX model";
const TRUNCATED = "it ends early (truncated download or copy?)";

/** Walks the top-level fields only (the shared protobuf reader reads their headers, never their bodies). */
async function walkModelProto(handle: fs.FileHandle, size: number): Promise<string | null> {
  let fields: Field[];
  try {
    fields = await readFileFields(handle, 0, size, {
      maxFields: MAX_FIELDS,
      check: (field, index) => {
        const expected = MODEL_FIELDS.get(field.no);
        // Unknown fields (from a newer onnx.proto) are allowed, but only with a real wire type.
        if (field.no === 0 || (expected !== undefined && field.wire !== expected)) throw new ProtobufError("malformed", NOT_ONNX);
        // ir_version is field 1 and every writer (C++ protobuf, protobufjs) emits fields
        // in number order, so a real model starts with it.
        if (index === 0 && field.no !== IR_VERSION_FIELD) throw new ProtobufError("malformed", NOT_ONNX);
        if (field.no === IR_VERSION_FIELD && (field.varint < 1 || field.varint > MAX_IR_VERSION)) throw new ProtobufError("malformed", NOT_ONNX);
      },
    });
  } catch (error) {
    if (!(error instanceof ProtobufError)) throw error;
    return error.kind === "truncated" ? TRUNCATED : NOT_ONNX;
  }
  if (!fields.some((f) => f.no === IR_VERSION_FIELD)) return NOT_ONNX;
  if (!fields.some((f) => f.no === GRAPH_FIELD)) return "it has no graph";
  return null;
}
