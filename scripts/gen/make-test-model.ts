// Writes a Whisper-architecture model with seeded random weights, for tests and
// benchmarks (no real Whisper weights can be downloaded on the build machines).
//
//   tsx scripts/gen/make-test-model.ts --size micro --out DIR [--seed 42] [--english-only]
//       [--quantized] [--fp16] [--full-vocab] [--layers N] [--name whisper-micro]
//   tsx scripts/gen/make-test-model.ts --speakers [--out DIR] [--seed 42]
//       writes DIR/pyannote-segmentation-3.0 and DIR/wespeaker-voxceleb-resnet34-LM
import path from "node:path";
import { parseArgs } from "node:util";
import { formatBytes } from "../../lib/format";
import { makeSpeakerModels } from "./speaker-models/index";
import { makeTestModel, type ModelSize } from "./test-model/index";

const USAGE = `Usage: tsx scripts/gen/make-test-model.ts [options]
  --size micro|tiny|base   model dimensions (default micro; tiny/base = whisper-tiny/base)
  --out DIR                output folder (default models/<name>)
  --seed N                 32-bit seed; same seed, same bytes (default 42)
  --english-only           English-only model, like whisper-*.en
  --quantized              also write int8 *_quantized.onnx (dtype "q8")
  --fp16                   also write *_fp16.onnx (dtype "fp16")
  --full-vocab             Whisper's full 51,865-token vocabulary instead of 1,864
  --layers N               encoder and decoder layers instead of the size's own
  --name NAME              name recorded in config.json (default whisper-<size>[.en])
  --speakers               instead: the speaker models (pyannote-segmentation-3.0 and
                           wespeaker-voxceleb-resnet34-LM, real sizes, fp32 + int8) into
                           --out (default models/)`;

const SIZES: readonly ModelSize[] = ["micro", "tiny", "base"];

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        size: { type: "string", default: "micro" },
        out: { type: "string" },
        seed: { type: "string", default: "42" },
        "english-only": { type: "boolean", default: false },
        quantized: { type: "boolean", default: false },
        fp16: { type: "boolean", default: false },
        "full-vocab": { type: "boolean", default: false },
        layers: { type: "string" },
        name: { type: "string" },
        speakers: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }

  if (values.speakers) {
    await writeSpeakerModels(path.resolve(values.out ?? "models"), values.seed);
    return;
  }
  const size = values.size as ModelSize;
  if (!SIZES.includes(size)) fail(`Unknown --size "${values.size}"`);
  if (!/^\d+$/.test(values.seed) || Number(values.seed) > 0xffffffff) fail(`--seed must be an integer from 0 to 4294967295`);
  if (values.layers !== undefined && !/^\d+$/.test(values.layers)) fail(`--layers must be a whole number`);
  const englishOnly = values["english-only"];
  const name = values.name ?? `whisper-${size}${englishOnly ? ".en" : ""}`;
  const outDir = path.resolve(values.out ?? path.join("models", name));

  const started = Date.now();
  const result = await makeTestModel({
    outDir,
    size,
    seed: Number(values.seed),
    englishOnly,
    quantized: values.quantized,
    fp16: values.fp16,
    fullVocab: values["full-vocab"],
    layers: values.layers === undefined ? undefined : Number(values.layers),
    name,
  });

  const { dims, tokenIds: ids } = result;
  console.log(`Wrote ${result.name} to ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(
    `  d_model ${dims.dModel}, ${dims.encoderLayers}+${dims.decoderLayers} layers, ${dims.heads} heads, ` + `ffn ${dims.ffn}, vocab ${dims.vocabSize}`,
  );
  console.log(
    `  tokens: eot ${ids.endOfText}, sot ${ids.startOfTranscript}, <|en|> ${ids.firstLanguage}, ` +
      `translate ${ids.translate}, transcribe ${ids.transcribe}, notimestamps ${ids.noTimestamps}, ` +
      `<|0.00|> ${ids.timestampBegin}`,
  );
  for (const file of result.files) console.log(`  ${formatBytes(file.bytes).padStart(9)}  ${file.path}`);
  console.log(`  ${formatBytes(result.totalBytes).padStart(9)}  total`);
}

async function writeSpeakerModels(outDir: string, seed: string): Promise<void> {
  if (!/^\d+$/.test(seed) || Number(seed) > 0xffffffff) fail(`--seed must be an integer from 0 to 4294967295`);
  const started = Date.now();
  const result = await makeSpeakerModels({ outDir, seed: Number(seed) });
  console.log(`Wrote the speaker models to ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const model of [result.segmentation, result.embedding]) {
    console.log(`  ${path.basename(model.dir)}: ${(model.parameters / 1e6).toFixed(2)}M parameters`);
    for (const file of model.files) console.log(`  ${formatBytes(file.bytes).padStart(9)}  ${file.path}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
