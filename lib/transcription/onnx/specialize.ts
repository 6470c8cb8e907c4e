// Splits optimum's merged Whisper decoder into the two graphs the engine runs, by
// fixing its `use_cache_branch` input: "step" (cache branch inlined: every token
// after the first) and "project" (no-cache branch, pruned to the cross-attention
// keys/values: once per window). The merged graph routes the cached cross-attention
// keys/values through an If, which copies them (layers x 2 x 1500 x d_model floats)
// on every token; inlined, onnxruntime drops that copy (a third of a decoder step
// on tiny/base). Weights are not copied: the new graphs point into the original
// file as external data.
import { GRAPH, MODEL, TENSOR, type ModelFile } from "./model-file";
import { fieldString, readFields, WIRE, Writer } from "./protobuf";

const NODE = { input: 1, output: 2, opType: 4, attribute: 5 } as const;
const ATTRIBUTE = { name: 1, graph: 6, graphs: 11 } as const;

interface Node {
  inputs: string[];
  outputs: string[];
  opType: string;
  /** Every other field (name, domain, attributes...), encoded. */
  rest: Uint8Array[];
  /** Subgraph attributes by attribute name. */
  graphs: Map<string, Uint8Array>;
}

export class NotSpecializable extends Error {}

function parseNode(bytes: Uint8Array): Node {
  const node: Node = { inputs: [], outputs: [], opType: "", rest: [], graphs: new Map() };
  for (const field of readFields(bytes)) {
    if (field.no === NODE.input) node.inputs.push(fieldString(bytes, field));
    else if (field.no === NODE.output) node.outputs.push(fieldString(bytes, field));
    else {
      if (field.no === NODE.opType) node.opType = fieldString(bytes, field);
      if (field.no === NODE.attribute) {
        const attribute = bytes.subarray(field.start, field.end);
        const parts = readFields(attribute);
        const name = parts.find((f) => f.no === ATTRIBUTE.name);
        const graph = parts.find((f) => f.no === ATTRIBUTE.graph || f.no === ATTRIBUTE.graphs);
        if (graph && name) node.graphs.set(fieldString(attribute, name), attribute.subarray(graph.start, graph.end));
      }
      node.rest.push(bytes.subarray(field.tagStart, field.end));
    }
  }
  return node;
}

function encodeNode(node: Node): Uint8Array {
  const w = new Writer();
  for (const input of node.inputs) w.string(NODE.input, input);
  for (const output of node.outputs) w.string(NODE.output, output);
  for (const part of node.rest) w.raw(part);
  return w.finish();
}

/**
 * Every If on `use_cache_branch` replaced by the nodes of its chosen branch. optimum
 * merges a decoder as one If around two whole graphs; other exporters (and our test
 * model) put one If per layer around the cross-attention only. Both inline the same way.
 */
function inlineBranches(model: ModelFile, cached: boolean): { nodes: Node[]; initializers: Map<string, Uint8Array> } {
  const nodes = model.nodes.map(parseNode);
  const isCacheIf = (n: Node) => n.opType === "If" && n.inputs[0] === "use_cache_branch";
  if (!nodes.some(isCacheIf)) throw new NotSpecializable("no If on use_cache_branch");
  if (nodes.some((n) => n.graphs.size > 0 && !isCacheIf(n))) throw new NotSpecializable("subgraphs other than the cache-branch If");
  const taken = new Set(nodes.flatMap((n) => n.outputs));
  for (const input of model.inputs) taken.add(input.name);
  for (const tensor of model.initializers) taken.add(tensor.name);

  const initializers = new Map<string, Uint8Array>();
  const out: Node[] = [];
  for (const node of nodes) {
    if (isCacheIf(node)) out.push(...inlineIf(node, cached, taken, initializers));
    else out.push(node);
  }
  return { nodes: out, initializers };
}

function inlineIf(node: Node, cached: boolean, taken: Set<string>, initializers: Map<string, Uint8Array>): Node[] {
  const branchBytes = node.graphs.get(cached ? "then_branch" : "else_branch");
  if (!branchBytes) throw new NotSpecializable("If without branches");
  const branch: Node[] = [];
  const branchOutputs: string[] = [];
  const local = new Set<string>();
  for (const field of readFields(branchBytes)) {
    const payload = branchBytes.subarray(field.start, field.end);
    if (field.no === GRAPH.node) branch.push(parseNode(payload));
    else if (field.no === GRAPH.output) branchOutputs.push(nameOfValue(payload));
    else if (field.no === GRAPH.initializer) {
      const name = nameOfTensor(payload);
      local.add(name);
      initializers.set(name, payload);
    }
  }
  if (branch.some((n) => n.graphs.size > 0)) throw new NotSpecializable("nested subgraphs in the branch");
  if (branchOutputs.length !== node.outputs.length) throw new NotSpecializable("If outputs and branch outputs differ");
  // Names made inside a branch are scoped to it; inlined, they share the main graph's
  // namespace, so a clash (possible in a hand-made graph) is refused, not guessed at.
  for (const name of [...local, ...branch.flatMap((n) => n.outputs)]) {
    if (name && taken.has(name) && !node.outputs.includes(name)) throw new NotSpecializable(`name '${name}' is used inside and outside a branch`);
  }

  // The branch's outputs become the If's outputs: rename where the branch makes
  // them, alias with an Identity where it only passes an outer value through
  // (onnxruntime removes such Identities unless they feed a graph output).
  const renames = new Map<string, string>();
  const aliases: Node[] = [];
  node.outputs.forEach((ifOutput, i) => {
    const inner = branchOutputs[i];
    const producer = branch.find((n) => n.outputs.includes(inner));
    if (producer && !renames.has(inner)) renames.set(inner, ifOutput);
    else aliases.push({ inputs: [renames.get(inner) ?? inner], outputs: [ifOutput], opType: "Identity", rest: [identityOp()], graphs: new Map() });
  });
  const rename = (name: string) => renames.get(name) ?? name;
  for (const inlined of branch) {
    inlined.inputs = inlined.inputs.map(rename);
    inlined.outputs = inlined.outputs.map(rename);
  }
  for (const name of [...local, ...branch.flatMap((n) => n.outputs)]) taken.add(name);
  return [...branch, ...aliases];
}

let identityBytes: Uint8Array | null = null;
function identityOp(): Uint8Array {
  identityBytes ??= new Writer().string(NODE.opType, "Identity").finish();
  return identityBytes;
}

function nameField(bytes: Uint8Array, no: number): string {
  const field = readFields(bytes).find((f) => f.no === no && f.wire === WIRE.bytes);
  return field ? fieldString(bytes, field) : "";
}

const nameOfTensor = (bytes: Uint8Array) => nameField(bytes, TENSOR.name);
/** ValueInfoProto.name is field 1. */
const nameOfValue = (bytes: Uint8Array) => nameField(bytes, 1);

/**
 * One of the two decoder graphs, as ONNX bytes whose weights are external data in
 * `fileName` (the merged model's own file, in the same folder).
 */
export function specializeDecoder(model: ModelFile, variant: "step" | "project", fileName: string): Uint8Array {
  const { nodes, initializers: branchInitializers } = inlineBranches(model, variant === "step");
  const isCross = (name: string) => /^present\.\d+\.encoder\.(key|value)$/.test(name);
  const outputs = model.outputs.filter((o) => (variant === "step" ? !isCross(o.name) : isCross(o.name)));
  if (variant === "project" && outputs.length === 0) throw new NotSpecializable("no cross-attention outputs");

  // Keep only what the kept outputs depend on (nodes are in topological order).
  const needed = new Set(outputs.map((o) => o.name));
  const kept: Node[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    if (!nodes[i].outputs.some((name) => needed.has(name))) continue;
    kept.unshift(nodes[i]);
    for (const input of nodes[i].inputs) if (input) needed.add(input);
  }

  const graph = new Writer();
  for (const node of kept) graph.bytes(GRAPH.node, encodeNode(node));
  for (const part of model.graphFields) graph.raw(part);
  for (const tensor of model.initializers) {
    if (!needed.has(tensor.name)) continue;
    if (tensor.whole) graph.bytes(GRAPH.initializer, tensor.whole);
    else if (tensor.raw) graph.bytes(GRAPH.initializer, externalTensor(tensor.header, tensor.raw, fileName));
  }
  for (const [name, bytes] of branchInitializers) if (needed.has(name)) graph.bytes(GRAPH.initializer, bytes);
  for (const input of model.inputs) if (needed.has(input.name)) graph.bytes(GRAPH.input, input.bytes);
  for (const output of outputs) graph.bytes(GRAPH.output, output.bytes);

  const out = new Writer();
  for (const part of model.modelFields) out.raw(part);
  return out.message(MODEL.graph, graph).finish();
}

function externalTensor(header: Uint8Array[], raw: { offset: number; length: number }, fileName: string): Uint8Array {
  const w = new Writer();
  for (const part of header) w.raw(part);
  const entry = (key: string, value: string) => new Writer().string(1, key).string(2, value);
  w.message(TENSOR.externalData, entry("location", fileName));
  w.message(TENSOR.externalData, entry("offset", String(raw.offset)));
  w.message(TENSOR.externalData, entry("length", String(raw.length)));
  return w.varint(TENSOR.dataLocation, 1).finish();
}
