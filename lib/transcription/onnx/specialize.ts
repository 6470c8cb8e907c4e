// Splits optimum's merged Whisper decoder into the two graphs the engine runs, by
// fixing its `use_cache_branch` input: "step" (cache branch inlined: every token
// after the first) and "project" (no-cache branch, pruned to the cross-attention
// keys/values: once per window). The merged graph routes the cached cross-attention
// keys/values through an If, which copies them (layers x 2 x 1500 x d_model floats)
// on every token; inlined, onnxruntime drops that copy (a third of a decoder step
// on tiny/base). Weights are not copied: the new graphs point into the original
// file as external data.
import { makeNode, nameOfTensor, nameOfValue, parseNode, writeModel, type Node } from "./graph-edit";
import { GRAPH, type ModelFile } from "./model-file";
import { readFields } from "./protobuf";
import { isCrossPresent, USE_CACHE_BRANCH } from "../tensor-names";

export class NotSpecializable extends Error {}

/**
 * Every If on `use_cache_branch` replaced by the nodes of its chosen branch. optimum
 * merges a decoder as one If around two whole graphs; other exporters (and our test
 * model) put one If per layer around the cross-attention only. Both inline the same way.
 */
function inlineBranches(model: ModelFile, cached: boolean): { nodes: Node[]; initializers: Map<string, Uint8Array> } {
  const nodes = model.nodes.map(parseNode);
  const isCacheIf = (n: Node) => n.opType === "If" && n.inputs[0] === USE_CACHE_BRANCH;
  if (!nodes.some(isCacheIf)) throw new NotSpecializable(`no If on ${USE_CACHE_BRANCH}`);
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
    else aliases.push(makeNode("Identity", [renames.get(inner) ?? inner], [ifOutput]));
  });
  const rename = (name: string) => renames.get(name) ?? name;
  for (const inlined of branch) {
    inlined.inputs = inlined.inputs.map(rename);
    inlined.outputs = inlined.outputs.map(rename);
  }
  for (const name of [...local, ...branch.flatMap((n) => n.outputs)]) taken.add(name);
  return [...branch, ...aliases];
}

/**
 * One of the two decoder graphs, as ONNX bytes whose weights are external data in
 * `fileName` (the merged model's own file, in the same folder).
 */
export function specializeDecoder(model: ModelFile, variant: "step" | "project", fileName: string): Uint8Array {
  const { nodes, initializers: branchInitializers } = inlineBranches(model, variant === "step");
  const outputs = model.outputs.filter((o) => (variant === "step" ? !isCrossPresent(o.name) : isCrossPresent(o.name)));
  if (variant === "project" && outputs.length === 0) throw new NotSpecializable("no cross-attention outputs");

  // Keep only what the kept outputs depend on (nodes are in topological order).
  const needed = new Set(outputs.map((o) => o.name));
  const kept: Node[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    if (!nodes[i].outputs.some((name) => needed.has(name))) continue;
    kept.unshift(nodes[i]);
    for (const input of nodes[i].inputs) if (input) needed.add(input);
  }

  return writeModel(
    model,
    {
      nodes: kept,
      keepInitializer: (name) => needed.has(name),
      extraInitializers: [...branchInitializers].filter(([name]) => needed.has(name)).map(([, bytes]) => bytes),
      inputs: model.inputs.filter((input) => needed.has(input.name)),
      outputs,
    },
    fileName,
  );
}
