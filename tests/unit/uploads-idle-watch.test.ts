// The upload idle timeout: stalls and trickles end the upload; steady data and
// back-pressure from a slow disk do not. The tests wait for the watch to act, not
// for a fixed time, so a busy machine makes them slower, not wrong.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { watchIdle } from "@/lib/uploads/idle-watch";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("watchIdle", () => {
  it("fires once, with a 408, when nothing arrives", async () => {
    const body = new PassThrough();
    body.resume();
    const fired: number[] = [];
    const started = Date.now();
    let watch: ReturnType<typeof watchIdle> | undefined;
    await new Promise<void>((resolve) => {
      watch = watchIdle(body, 200, (error) => {
        fired.push(error.status);
        resolve();
      });
      body.write(Buffer.alloc(4096));
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    // Once only: it stopped itself.
    await sleep(300);
    expect(fired).toEqual([408]);
    expect(watch?.error()?.message).toMatch(/upload stalled/);
  });

  it("fires on a trickle below the minimum and not on steady data", async () => {
    const trickle = new PassThrough();
    trickle.resume();
    const steady = new PassThrough();
    steady.resume();
    const fired: string[] = [];
    // Steady data is blamed only if this process stalls for a whole second between
    // two 20 ms writes; the trickle is caught about a second in.
    let trickled = false;
    const a = watchIdle(trickle, 1000, () => {
      fired.push("trickle");
      trickled = true;
    });
    const b = watchIdle(steady, 1000, () => fired.push("steady"));
    while (!trickled) {
      trickle.write("x");
      steady.write(Buffer.alloc(2048));
      await sleep(20);
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
