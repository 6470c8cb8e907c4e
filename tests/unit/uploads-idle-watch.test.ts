// The upload idle timeout: stalls and trickles end the upload; steady data and
// back-pressure from a slow disk do not.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { watchIdle } from "@/lib/uploads/idle-watch";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("watchIdle", () => {
  it("fires once, with a 408, when nothing arrives", async () => {
    const body = new PassThrough();
    body.resume();
    const fired: number[] = [];
    const watch = watchIdle(body, 200, (error) => fired.push(error.status));
    body.write(Buffer.alloc(4096));
    await sleep(450);
    expect(fired).toEqual([408]);
    expect(watch.error()?.message).toMatch(/upload stalled/);
  });

  it("fires on a trickle below the minimum and not on steady data", async () => {
    const trickle = new PassThrough();
    trickle.resume();
    const steady = new PassThrough();
    steady.resume();
    const fired: string[] = [];
    const a = watchIdle(trickle, 200, () => fired.push("trickle"));
    const b = watchIdle(steady, 200, () => fired.push("steady"));
    for (let i = 0; i < 10; i++) {
      trickle.write("x");
      steady.write(Buffer.alloc(2048));
      await sleep(50);
    }
    a.stop();
    b.stop();
    expect(fired).toEqual(["trickle"]);
  });

  it("does not blame the client while the stream is paused by back-pressure", async () => {
    const body = new PassThrough();
    body.on("data", () => undefined);
    body.pause();
    const fired: string[] = [];
    const watch = watchIdle(body, 100, () => fired.push("fired"));
    await sleep(350);
    watch.stop();
    expect(fired).toEqual([]);
  });
});
