// The demuxer allow-list against real ffprobe and ffmpeg: a DASH manifest that points
// at a real recording is refused by the probe, and by the decoder and the duration
// pass on their own, as if the probe had been skipped.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SeleniteError } from "@/lib/errors";
import { decodeAll, measureDuration, probeMedia } from "@/lib/transcription/media";
import { isAllowedFormat, refusedFormat, unsupportedFormatError } from "@/lib/transcription/media/formats";
import { makeTempDir, makeTone } from "@/tests/helpers/media";

const REFUSAL = /^This file's format \(dash\) is not supported: upload an audio or video file such as /;
let dir = "";
let cleanup = async () => {};
let manifest = "";
let recording = "";

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  recording = await makeTone(join(dir, "victim.m4a"), 2);
  manifest = join(dir, "meeting.wav");
  await writeFile(
    manifest,
    '<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT2S" ' +
      'profiles="urn:mpeg:dash:profile:isoff-on-demand:2011"><Period><AdaptationSet mimeType="audio/mp4">' +
      `<Representation id="a" bandwidth="64000"><BaseURL>${recording}</BaseURL></Representation></AdaptationSet></Period></MPD>\n`,
  );
});

afterAll(() => cleanup());

async function refusal(work: Promise<unknown>): Promise<SeleniteError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SeleniteError);
  return error as SeleniteError;
}

describe("the demuxer allow-list", () => {
  it("matches ffmpeg's multi-name demuxers by any of their names", () => {
    expect(isAllowedFormat("mov,mp4,m4a,3gp,3g2,mj2")).toBe(true);
    expect(isAllowedFormat("matroska,webm")).toBe(true);
    for (const name of ["dash", "imf", "hls", "hls,applehttp", "concat", "webm_dash_manifest", "tty", "image2"]) {
      expect(isAllowedFormat(name), name).toBe(false);
    }
  });

  it("reads the refused demuxer from ffmpeg's log line", () => {
    expect(refusedFormat("[dash @ 0x41708d00] Format not on whitelist 'wav,mp3'\nfile:/x: Invalid argument")).toBe("dash");
    expect(refusedFormat("file:/x: Invalid data found when processing input")).toBeNull();
    expect(unsupportedFormatError("hls,applehttp").message).toMatch(/format \(hls\) is not supported/);
  });

  it("still reads the recording the manifest points at", async () => {
    expect((await probeMedia(recording)).formatName).toMatch(/^mov,/);
  });

  it("refuses the manifest in the probe", async () => {
    const error = await refusal(probeMedia(manifest));
    expect(error.code).toBe("media_not_media");
    expect(error.message).toMatch(REFUSAL);
  });

  it("refuses the manifest in the decoder and the duration pass when the probe is skipped", async () => {
    const error = await refusal(decodeAll(manifest));
    expect(error.code).toBe("media_not_media");
    expect(error.message).toMatch(REFUSAL);
    expect(await measureDuration(manifest)).toBeNull();
  });
});
