// Computes the encoder's self-attention a block of query rows at a time. Whisper's
// encoder attends over 1500 frames: each layer's score matrix is heads x 1500 x
// 1500 floats (72 MB at base size, 180 MB at large), and its softmax another one,
// which makes the encoder pass the engine's memory peak. Softmax works row by row,
// so slicing the queries into blocks and concatenating the blocks' outputs gives
// the same result while only one block's scores exist at a time (onnxruntime runs
// the blocks one after another: its default order is a depth-first walk back from
// the Concat that joins them).
//
// Matched pattern, as exported by optimum/torch (eager or SDPA): MatMul(Q, K^T) ->
// [Mul|Div|Add|Sub by a scalar constant, Cast]* -> Softmax(last axis) -> [Cast]* ->
// MatMul(., V), each intermediate used once. Anything else is left as it is.
import {
  constantValue,
  copyNode,
  defaultOpset,
  int64Initializer,
  intAttribute,
  makeNode,
  parseNode,
  readIntAttribute,
  tensorElements,
  writeModel,
  type Node,
} from "./graph-edit";
import type { ModelFile } from "./model-file";

export interface ChunkedModel {
  /** ONNX bytes whose weights are external data in the original file. */
  bytes: Uint8Array;
  /** Attention blocks rewritten. */
  attentions: number;
}

const SCALAR_OPS = new Set(["Mul", "Div", "Add", "Sub"]);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The model with every matched attention split into blocks of at most `rowsPerBlock`
 * query rows (out of `queryRows`), or null when nothing matched or the model's
 * opset is older than 13 (whose Softmax normalises over flattened axes).
 */
export function chunkAttention(model: ModelFile, fileName: string, options: { queryRows: number; rowsPerBlock: number }): ChunkedModel | null {
  const { queryRows, rowsPerBlock } = options;
  if (defaultOpset(model) < 13 || rowsPerBlock >= queryRows) return null;
  const nodes = model.nodes.map(parseNode);
  const producer = new Map<string, number>();
  const uses = new Map<string, number>();
  nodes.forEach((node, i) => {
    for (const output of node.outputs) producer.set(output, i);
    for (const input of node.inputs) uses.set(input, (uses.get(input) ?? 0) + 1);
  });
  for (const output of model.outputs) uses.set(output.name, (uses.get(output.name) ?? 0) + 1);
  const scalars = scalarConstants(model, nodes);
  const usedOnce = (name: string) => uses.get(name) === 1;

  /** The chain from the first MatMul to the second, or null when `softmax` is not an attention. */
  const match = (softmaxAt: number): number[] | null => {
    const softmax = nodes[softmaxAt];
    const axis = readIntAttribute(softmax, "axis");
    if (softmax.domain !== "" || (axis !== undefined && axis !== -1)) return null;
    const before: number[] = [];
    for (let at = producer.get(softmax.inputs[0]); ; at = producer.get(nodes[at].inputs[0])) {
      if (at === undefined || !usedOnce(nodes[at].outputs[0]) || nodes[at].domain !== "") return null;
      const node = nodes[at];
      if (node.opType === "MatMul") {
        before.unshift(at);
        break;
      }
      const scaled = SCALAR_OPS.has(node.opType) && node.inputs.length === 2 && scalars.has(node.inputs[1]);
      if (!scaled && node.opType !== "Cast") return null;
      before.unshift(at);
    }
    const after: number[] = [];
    let value = softmax.outputs[0];
    for (;;) {
      if (!usedOnce(value)) return null;
      const at = nodes.findIndex((n) => n.inputs.includes(value));
      const node = nodes[at];
      if (node.domain !== "") return null;
      if (node.opType === "MatMul" && node.inputs[0] === value) {
        after.push(at);
        return [...before, softmaxAt, ...after];
      }
      if (node.opType !== "Cast") return null;
      after.push(at);
      value = node.outputs[0];
    }
  };

  const blocks: [bigint, bigint][] = [];
  for (let start = 0; start < queryRows; start += rowsPerBlock) {
    blocks.push([BigInt(start), start + rowsPerBlock >= queryRows ? INT64_MAX : BigInt(start + rowsPerBlock)]);
  }
  const constants = [int64Initializer("selenite.chunk.axes", [-2n])];
  blocks.forEach(([start, end], b) => {
    constants.push(int64Initializer(`selenite.chunk.${b}.start`, [start]), int64Initializer(`selenite.chunk.${b}.end`, [end]));
  });

  const removed = new Set<number>();
  const replacements = new Map<number, Node[]>();
  let attentions = 0;
  nodes.forEach((node, at) => {
    if (node.opType !== "Softmax") return;
    const chain = match(at);
    if (!chain) return;
    attentions += 1;
    const first = nodes[chain[0]];
    const last = nodes[chain[chain.length - 1]];
    const out: Node[] = [];
    const blockOutputs: string[] = [];
    blocks.forEach((_, b) => {
      const tag = (name: string) => `${name}.selenite_block${b}`;
      const query = tag(first.inputs[0]);
      out.push(makeNode("Slice", [first.inputs[0], `selenite.chunk.${b}.start`, `selenite.chunk.${b}.end`, "selenite.chunk.axes"], [query]));
      let value = query;
      for (const index of chain) {
        const original = nodes[index];
        const inputs = [value, ...original.inputs.slice(1)];
        value = tag(original.outputs[0]);
        out.push(copyNode(original, inputs, [value]));
      }
      blockOutputs.push(value);
    });
    out.push(makeNode("Concat", blockOutputs, [last.outputs[0]], [intAttribute("axis", -2)]));
    for (const index of chain) removed.add(index);
    // Where the second MatMul was: Q, K and V all exist by then.
    replacements.set(chain[chain.length - 1], out);
  });
  if (attentions === 0) return null;

  const rewritten = nodes.flatMap((node, at) => replacements.get(at) ?? (removed.has(at) ? [] : [node]));
  const bytes = writeModel(
    model,
    { nodes: rewritten, keepInitializer: () => true, extraInitializers: constants, inputs: model.inputs, outputs: model.outputs },
    fileName,
  );
  return { bytes, attentions };
}

/** Names of initializers and Constant outputs holding a single value. */
function scalarConstants(model: ModelFile, nodes: Node[]): Set<string> {
  const names = new Set<string>();
  for (const tensor of model.initializers) {
    if (tensor.whole && tensorElements([tensor.whole]) <= 1) names.add(tensor.name);
  }
  for (const node of nodes) {
    const value = constantValue(node);
    if (value && tensorElements([value]) <= 1) names.add(node.outputs[0]);
  }
  return names;
}
