// txt, md, json and docx from the edge-case transcript, each read back by something
// other than our code: marked renders the Markdown, ajv checks the JSON against the
// published schema, mammoth opens the Word file.
import fs from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { unzipSync, strFromU8 } from "fflate";
import mammoth from "mammoth";
import { marked } from "marked";
import { beforeAll, describe, expect, it } from "vitest";
import { exportTranscript } from "@/lib/exports";
import { toParagraphs } from "@/lib/exports/paragraphs";
import { ARABIC, CHINESE, EDITED, edgeCaseTranscript, HEBREW, JAPANESE, LONG_WITH_WORDS, MARKDOWN, MARKUP } from "./exports-fixture";

const transcript = edgeCaseTranscript();
const now = new Date("2026-02-01T09:00:00.000Z");

async function text(format: "txt" | "md" | "json", timestamps?: boolean): Promise<string> {
  const result = await exportTranscript(format, transcript, { timestamps, now });
  expect(typeof result.body).toBe("string");
  return result.body as string;
}

describe("paragraphs", () => {
  it("break on a pause over 2 s or a change of speaker, and skip empty segments", () => {
    const paragraphs = toParagraphs(transcript.segments);
    expect(paragraphs.map((p) => [p.start, p.speaker])).toEqual([
      [0, "Alice"],
      [10, "Bob"],
      [72, null],
      [88, "سارة"],
      [93.2, "סיון"],
      [99, null],
      [36_000.5, null],
    ]);
    // Japanese and Chinese run together without a space; Latin segments get one.
    expect(paragraphs[2].text).toBe(JAPANESE + CHINESE);
    expect(paragraphs[0].text).toBe("Good morning everyone, and welcome to the meeting. This segment overlaps the previous one.");
  });
});

describe("txt", () => {
  it("is paragraphs of plain text, with the corrections", async () => {
    const body = await text("txt");
    const blocks = body.trimEnd().split("\n\n");
    expect(blocks).toHaveLength(7);
    expect(blocks[0]).toBe("Alice: Good morning everyone, and welcome to the meeting. This segment overlaps the previous one.");
    expect(body).toContain(`${MARKUP} ${MARKDOWN} ${EDITED}`);
    expect(body).toContain(`سارة: ${ARABIC}`);
    expect(body).not.toMatch(/\[\d/);
  });

  it("puts [HH:MM:SS] before each paragraph on request", async () => {
    const blocks = (await text("txt", true)).trimEnd().split("\n\n");
    expect(blocks[1].startsWith("[00:00:10] Bob: The committee")).toBe(true);
    expect(blocks[6]).toBe("[10:00:00] Ten hours into the recording. An overlapping segment past ten hours.");
  });
});

describe("md", () => {
  const plain = (html: string) =>
    html
      .replace(/<[^>]+>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");

  it("has a heading, the facts as a list and timestamped paragraphs with bold speakers", async () => {
    const body = await text("md");
    expect(body.startsWith("# Weekly \\<meeting\\> \\#12\n\n- **File:** Weekly meeting.m4a\n")).toBe(true);
    expect(body).toContain("- **Language:** English (en, detected, 97%)");
    expect(body).toContain("**[00:00:10]** **Bob:** The committee met");
    expect(body).toContain("**[10:00:00]** Ten hours");
    const html = marked.parse(body, { async: false });
    expect(html).toContain("<h1>Weekly &lt;meeting&gt; #12</h1>");
    expect(html).toContain("<li><strong>Duration:</strong> 10:00:10</li>");
    expect(html).toContain("<p><strong>[00:01:28]</strong> <strong>سارة:</strong> ");
  });

  it("renders the transcript's text exactly as written", async () => {
    const html = marked.parse(await text("md"), { async: false });
    const paragraph = html.split("\n").find((line) => line.includes("He typed"))!;
    expect(paragraph).not.toMatch(/<(b|i|em|code|a|del|h\d)[ >]/);
    expect(plain(paragraph)).toBe(`[00:01:39] ${MARKUP} ${MARKDOWN} ${EDITED}`);
    // Without timestamps a paragraph starts the line: list and heading markers are escaped too.
    const bare = { ...transcript, segments: [{ ...transcript.segments[0], speaker: null, text: "1. - # > not a list" }] };
    const rendered = marked.parse((await exportTranscript("md", bare, { timestamps: false })).body as string, { async: false });
    expect(rendered).toContain("<p>1. - # &gt; not a list</p>");
  });
});

describe("json", () => {
  const schema = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/transcript.schema.json"), "utf8"));
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);

  it("validates against docs/transcript.schema.json", async () => {
    const doc = JSON.parse(await text("json"));
    expect(validate(doc), ajv.errorsText(validate.errors)).toBe(true);
    expect(doc).toMatchObject({ schema: "selenite.transcript", version: 1, exportedAt: now.toISOString() });
    expect(doc.job).toMatchObject({ title: "Weekly <meeting> #12", durationSec: 36_010, language: { requested: null, detected: "en", probability: 0.97 } });
  });

  it("has every segment (even empty ones) with its words and the corrected text", async () => {
    const doc = JSON.parse(await text("json"));
    expect(doc.segments).toHaveLength(transcript.segments.length);
    expect(doc.segments[1].text).toBe("   ");
    const long = doc.segments.find((s: { text: string }) => s.text === LONG_WITH_WORDS);
    expect(long.words.length).toBe(LONG_WITH_WORDS.split(" ").length);
    expect(long.words[0]).toEqual({ word: " The", start: 10, end: expect.any(Number), probability: 0.9 });
    const edited = doc.segments.find((s: { edited: boolean }) => s.edited);
    expect(edited).toMatchObject({ text: EDITED, originalText: "The machine heard something else entirely here." });
    expect(doc.text.split("\n\n")[0]).toBe("Alice: Good morning everyone, and welcome to the meeting. This segment overlaps the previous one.");
  });

  it("has a schema that rejects what it should", () => {
    expect(validate({ schema: "selenite.transcript", version: 2 })).toBe(false);
    const good = JSON.parse(JSON.stringify({ schema: "selenite.transcript", version: 1, exportedAt: now.toISOString(), job: {}, text: "", segments: [] }));
    expect(validate(good)).toBe(false);
  });
});

describe("docx", () => {
  let buffer: Buffer;
  beforeAll(async () => {
    const result = await exportTranscript("docx", transcript);
    expect(result.body).toBeInstanceOf(Uint8Array);
    buffer = Buffer.from(result.body as Uint8Array);
  });

  it("opens in an independent reader and contains the title, facts and all the text", async () => {
    const { value, messages } = await mammoth.extractRawText({ buffer });
    expect(messages.filter((m) => m.type === "error")).toEqual([]);
    for (const expected of [
      "Weekly <meeting> #12",
      "Weekly meeting.m4a",
      "whisper-base",
      "10:00:10",
      "English (en, detected, 97%)",
      JAPANESE + CHINESE,
      ARABIC,
      HEBREW,
      MARKUP,
      EDITED,
      "[10:00:00] Ten hours",
    ]) {
      expect(value).toContain(expected);
    }
  });

  it("puts speaker names in bold and marks right-to-left paragraphs", async () => {
    const { value: html } = await mammoth.convertToHtml({ buffer });
    expect(html).toContain("<strong>Alice: </strong>Good morning everyone");
    expect(html).toContain("<strong>سارة: </strong>");
    const xml = strFromU8(unzipSync(new Uint8Array(buffer))["word/document.xml"]);
    const arabic = xml.split("</w:p>").find((p) => p.includes(ARABIC.slice(0, 10)))!;
    expect(arabic).toContain("<w:bidi");
    expect(arabic).toContain("<w:rtl");
  });
});
