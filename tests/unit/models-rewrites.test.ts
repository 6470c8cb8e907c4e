// The graph-rewrite record in a model folder: one entry per precision, kept across
// writes, and an unreadable file reads as "not loaded yet".
import fs from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeRewrites, readRewrites, recordRewrites, REWRITES_FILE } from "@/lib/models/rewrites";
import { makeTempDir } from "../helpers/media";

let dir: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir("selenite-rewrites-");
});
afterEach(async () => {
  await dir.cleanup();
});

describe("rewrite records", () => {
  it("keeps each precision's record and describes them for a person", async () => {
    await recordRewrites(dir.dir, "q8", [
      { name: "row-block attention", applied: true, detail: "4 self-attentions in 10 blocks of 150 of 1500 query rows" },
      { name: "split decoder", applied: true, detail: "step and project graphs" },
    ]);
    await recordRewrites(dir.dir, "fp32", [
      { name: "row-block attention", applied: false, detail: "no attention in the expected form" },
      { name: "split decoder", applied: true, detail: "step and project graphs" },
    ]);
    const records = await readRewrites(dir.dir);
    expect(Object.keys(records).sort()).toEqual(["fp32", "q8"]);
    expect(describeRewrites(records)).toEqual([
      "fp32: split decoder; row-block attention not applied: no attention in the expected form",
      "q8: row-block attention, split decoder",
    ]);
  });

  it("reads a missing or damaged record as none", async () => {
    expect(await readRewrites(dir.dir)).toEqual({});
    await fs.writeFile(path.join(dir.dir, REWRITES_FILE), "{ half");
    expect(await readRewrites(dir.dir)).toEqual({});
  });
});
