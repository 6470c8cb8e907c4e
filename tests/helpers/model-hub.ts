// A real HTTP server on 127.0.0.1 that mimics the model hub: the
// `/<owner>/<repo>/resolve/<rev>/<file>` layout, HEAD with sizes, Range requests, a
// redirect hop to a "CDN" path, and connections dropped, stalled or slowed on demand.
// Used by the pull tests, the models service tests, and (through model-hub-main.ts)
// the browser tests, so nothing ever talks to the internet.
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;

export const HUB_ENCODER = "onnx/encoder_model_quantized.onnx";
export const HUB_DECODER = "onnx/decoder_model_merged_quantized.onnx";

/** A ModelProto padded with a doc string so a file is big enough to cut in half. */
export function onnxFile(padding: number): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: 8,
    docString: "w".repeat(padding),
    graph: { name: "g", node: [{ opType: "Identity", input: ["x"], output: ["y"] }] },
    opsetImport: [{ domain: "", version: 17 }],
  }).finish();
}

/** A hub repo in the transformers.js layout with fp32 and q8 weights (not a working model: structure only). */
export async function writeHubModel(dir: string, padding = { encoder: 300_000, decoder: 200_000 }): Promise<void> {
  await fs.mkdir(path.join(dir, "onnx"), { recursive: true });
  const json: Record<string, unknown> = {
    "config.json": { model_type: "whisper" },
    "generation_config.json": { is_multilingual: true, lang_to_id: { "<|en|>": 1 }, alignment_heads: [[0, 0]] },
    "preprocessor_config.json": {},
    "tokenizer.json": {},
    "tokenizer_config.json": {},
  };
  for (const [name, value] of Object.entries(json)) await fs.writeFile(path.join(dir, name), JSON.stringify(value));
  for (const suffix of ["", "_quantized"]) {
    await fs.writeFile(path.join(dir, `onnx/encoder_model${suffix}.onnx`), onnxFile(padding.encoder));
    await fs.writeFile(path.join(dir, `onnx/decoder_model_merged${suffix}.onnx`), onnxFile(padding.decoder));
  }
}

export type Hit = { method: string; url: string; range?: string };

export type ModelHub = {
  host: string;
  root: string;
  log: Hit[];
  dropOnce: Set<string>;
  stallOnce: Set<string>;
  ignoreRange: Set<string>;
  redirect: Set<string>;
  noHead: boolean;
  /** Send each GET body in chunks of this many bytes, this many ms apart (0 = all at once). */
  throttle: { chunkBytes: number; delayMs: number };
  reset: () => void;
  close: () => Promise<void>;
};

export async function startModelHub(root: string, options: { port?: number } = {}): Promise<ModelHub> {
  const hub: ModelHub = {
    host: "",
    root,
    log: [],
    dropOnce: new Set(),
    stallOnce: new Set(),
    ignoreRange: new Set(),
    redirect: new Set([HUB_ENCODER]),
    noHead: false,
    throttle: { chunkBytes: 0, delayMs: 0 },
    reset: () => {
      hub.log = [];
      hub.dropOnce.clear();
      hub.stallOnce.clear();
      hub.ignoreRange.clear();
      hub.noHead = false;
      hub.throttle = { chunkBytes: 0, delayMs: 0 };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    hub.log.push({ method: req.method ?? "", url: req.url ?? "", range: req.headers.range });
    const url = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (url === "/health") return void res.writeHead(200).end("ok");
    const match = /^\/(cdn\/)?([^/]+\/[^/]+)\/(?:resolve\/)?([^/]+)\/(.+)$/.exec(url);
    if (!match || match[3] !== "main" || match[4].includes("..")) return void res.writeHead(404).end("Entry not found");
    const [, cdn, repo, , file] = match;
    if (!cdn && hub.redirect.has(file)) {
      return void res.writeHead(302, { location: `/cdn/${repo}/main/${file}` }).end();
    }
    const data = await fs.readFile(path.join(hub.root, repo, file)).catch(() => undefined);
    if (!data) return void res.writeHead(404).end("Entry not found");
    if (req.method === "HEAD") {
      return void (hub.noHead ? res.writeHead(405).end() : res.writeHead(200, { "content-length": data.length }).end());
    }
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    if (range && !hub.ignoreRange.has(file)) {
      start = Number(range[1]);
      if (start >= data.length) {
        return void res.writeHead(416, { "content-range": `bytes */${data.length}` }).end();
      }
      res.writeHead(206, {
        "content-range": `bytes ${start}-${data.length - 1}/${data.length}`,
        "content-length": data.length - start,
      });
    } else {
      res.writeHead(200, { "content-length": data.length });
    }
    const body = data.subarray(start);
    if (hub.dropOnce.delete(file)) {
      // Promise the whole file, send half, hang up.
      return void res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
    }
    if (hub.stallOnce.delete(file)) {
      // Send a little, then go quiet with the connection open.
      return void res.write(body.subarray(0, 1000));
    }
    const { chunkBytes, delayMs } = hub.throttle;
    if (chunkBytes <= 0) return void res.end(body);
    for (let offset = 0; offset < body.length && !res.destroyed; offset += chunkBytes) {
      res.write(body.subarray(offset, offset + chunkBytes));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    res.end();
  }

  const server = http.createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  hub.host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return hub;
}
