// SRT and WebVTT from an edge-case transcript, read back by independent parsers
// (`subtitle` for both, the W3C's `webvtt-parser` validator for WebVTT), then checked
// against the readability rules: ≤ 2 lines, ≤ 42 columns, no overlap, no empty cue.
import { createRequire } from "node:module";
import { parseSync, type NodeCue } from "subtitle";
import { describe, expect, it } from "vitest";
import { buildCues, CUE_RULES } from "@/lib/exports/cues";
import { toSrt } from "@/lib/exports/srt";
import { cueTimestamp } from "@/lib/exports/time";
import { toVtt } from "@/lib/exports/vtt";
import { edgeCaseTranscript, EDITED, JAPANESE, LONG_WITH_WORDS, LONG_WITHOUT_WORDS, wordsFor } from "./exports-fixture";

type W3cNode = { type: string; name?: string; value?: string; children?: W3cNode[] };
type W3cCue = { startTime: number; endTime: number; text: string; tree: { children: W3cNode[] } };
type W3cParser = { parse(input: string, mode: string): { cues: W3cCue[]; errors: { message: string; line: number }[] } };
const require = createRequire(import.meta.url);
const { WebVTTParser } = require("webvtt-parser") as { WebVTTParser: new (entities?: unknown) => W3cParser };
const entities = require("webvtt-parser/html-entities.json") as unknown;

const transcript = edgeCaseTranscript();
const srt = toSrt(transcript.segments);
const vtt = toVtt(transcript.segments);

const SPEAKERS = [...new Set(transcript.segments.flatMap((s) => (s.speaker ? [s.speaker] : [])))];
const srtLabel = new RegExp(`^(${SPEAKERS.join("|")}): `);
const vttVoice = new RegExp(`^<v (${SPEAKERS.join("|")})>`);

function cuesOf(text: string) {
  return parseSync(text)
    .filter((node): node is NodeCue => node.type === "cue")
    .map((node) => node.data);
}

/** Every segment's words in order, as one string without spaces: what must reach the viewer. */
function spokenText(escape: (line: string) => string): string {
  return [...transcript.segments]
    .sort((a, b) => a.start - b.start)
    .map((s) => escape(s.text))
    .join("")
    .replace(/\s+/g, "");
}

describe.each([
  {
    format: "srt",
    file: srt,
    decode: (t: string) => t,
    unlabel: (t: string) => t.replace(srtLabel, ""),
    escape: (t: string) => t.replace(/-->/g, "→").replace(/</g, "‹").replace(/>/g, "›").replace(/\{/g, "｛").replace(/\}/g, "｝"),
  },
  {
    format: "vtt",
    file: vtt,
    decode: (t: string) => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"),
    unlabel: (t: string) => t.replace(vttVoice, ""),
    escape: (t: string) => t.replace(/-->/g, "→"),
  },
])("$format", ({ file, decode, unlabel, escape }) => {
  const cues = cuesOf(file);

  it("parses with an independent parser into readable cues", () => {
    expect(cues.length).toBeGreaterThan(20);
    for (const cue of cues) {
      const lines = cue.text.split(/\r?\n/);
      expect(lines.length, cue.text).toBeLessThanOrEqual(2);
      for (const line of lines) {
        expect(line.trim(), "no empty line").not.toBe("");
        // The speaker's label comes on top of the 42 columns of text.
        expect([...decode(unlabel(line))].length, line).toBeLessThanOrEqual(42);
      }
    }
  });

  it("never overlaps, never shows a cue for less than the minimum or more than the maximum", () => {
    let previousEnd = 0;
    for (const cue of cues) {
      expect(cue.start, cue.text).toBeGreaterThanOrEqual(previousEnd);
      expect(cue.end - cue.start, cue.text).toBeGreaterThanOrEqual(CUE_RULES.minDurationSec * 1000);
      expect(cue.end - cue.start, cue.text).toBeLessThanOrEqual(CUE_RULES.maxDurationSec * 1000);
      previousEnd = cue.end;
    }
  });

  it("loses no text, skips the empty segment, and shows the corrected text", () => {
    const shown = cues
      .map((c) => decode(unlabel(c.text)))
      .join("")
      .replace(/\s+/g, "");
    expect(shown).toBe(spokenText(escape));
    expect(shown).toContain(EDITED.replace(/\s+/g, ""));
  });

  it("formats times past ten hours", () => {
    const late = cues.filter((c) => c.start >= 36_000_000);
    expect(late.map((c) => c.start)).toEqual([36_000_500, expect.any(Number)]);
    expect(late[1].start).toBeGreaterThanOrEqual(late[0].end);
  });
});

describe("srt specifics", () => {
  const blocks = srt.trimEnd().split("\r\n\r\n");

  it("numbers cues from 1 and uses HH:MM:SS,mmm with CRLF lines", () => {
    blocks.forEach((block, i) => {
      const [number, timing] = block.split("\r\n");
      expect(number).toBe(String(i + 1));
      expect(timing).toMatch(/^\d{2,}:[0-5]\d:[0-5]\d,\d{3} --> \d{2,}:[0-5]\d:[0-5]\d,\d{3}$/);
    });
    expect(srt).toContain("10:00:00,500 --> ");
    expect(srt.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("keeps markup and arrows from being read as tags or timings", () => {
    expect(
      srt
        .split("\r\n")
        .filter((line) => line.includes("-->"))
        .every((line) => /^\d{2,}:\d{2}:\d{2},\d{3} --> /.test(line)),
    ).toBe(true);
    const text = srt.split("\r\n").filter((line) => !/^\d{2,}:\d{2}:\d{2},\d{3} --> /.test(line));
    expect(text.join("\n")).not.toMatch(/<|>|\{\\/);
    expect(srt).toContain("‹b›bold‹/b›");
  });
});

describe("vtt specifics", () => {
  const parsed = new WebVTTParser(entities).parse(vtt, "metadata");

  it("passes the W3C WebVTT validator", () => {
    expect(vtt.startsWith("WEBVTT\n\n")).toBe(true);
    expect(parsed.errors).toEqual([]);
    expect(parsed.cues.length).toBe(cuesOf(vtt).length);
    expect(vtt).toMatch(/^10:00:00\.500 --> 10:00:0\d\.\d{3}$/m);
  });

  it("shows <b> and & literally and keeps --> out of cue text", () => {
    const markup = parsed.cues.filter((c) => c.tree.children.some((n) => n.value?.includes("<b>bold</b>")));
    expect(markup).toHaveLength(1);
    const texts = (nodes: W3cNode[]): W3cNode[] => nodes.flatMap((n) => (n.type === "object" && n.name === "v" ? texts(n.children ?? []) : [n]));
    for (const cue of parsed.cues)
      expect(
        texts(cue.tree.children).every((n) => n.type === "text"),
        cue.text,
      ).toBe(true);
    const shown = parsed.cues
      .map((c) =>
        texts(c.tree.children)
          .map((n) => n.value)
          .join(""),
      )
      .join(" ");
    expect(shown).toContain("& <i>x</i> then");
    expect(shown).toContain("→ an arrow");
    expect(shown).not.toContain("-->");
  });
});

describe("speakers in subtitles", () => {
  it("SRT names the speaker when the speaker changes, and only then", () => {
    const labelled = cuesOf(srt).filter((c) => srtLabel.test(c.text));
    expect(labelled.map((c) => c.text.match(srtLabel)![1])).toEqual(["Alice", "Bob", "سارة", "סיון"]);
  });

  it("WebVTT puts every cue of a named speaker in a voice span the W3C parser reads", () => {
    const parsed = new WebVTTParser(entities).parse(vtt, "metadata");
    const voices = parsed.cues.map((c) => c.tree.children.find((n) => n.type === "object" && n.name === "v"));
    const named = voices.filter(Boolean).length;
    expect(named).toBe(buildCues(transcript.segments).filter((c) => c.speaker).length);
    expect(vtt).toContain("<v Alice>Good morning everyone,");
    expect(buildCues(transcript.segments).some((c) => !c.speaker)).toBe(true);
  });
});

describe("cue splitting", () => {
  const cues = buildCues(transcript.segments);
  const cueText = (c: { lines: string[] }) => c.lines.join(" ");

  it("splits at word boundaries using the word timestamps when they match the text", () => {
    const segment = transcript.segments.find((s) => s.text === LONG_WITH_WORDS)!;
    const fromWords = cues.filter((c) => c.startMs >= 10_000 && c.endMs <= 40_000);
    expect(fromWords.length).toBeGreaterThanOrEqual(6);
    const wordStarts = new Set(segment.words!.map((w) => Math.round(w.start * 1000)));
    const wordEnds = new Set(segment.words!.map((w) => Math.round(w.end * 1000)));
    for (const cue of fromWords) {
      expect(wordStarts.has(cue.startMs), cueText(cue)).toBe(true);
      expect(wordEnds.has(cue.endMs), cueText(cue)).toBe(true);
      // Each cue starts with the word the timings say is spoken then.
      const first = segment.words!.find((w) => Math.round(w.start * 1000) === cue.startMs)!;
      expect(cueText(cue).startsWith(first.word.trim())).toBe(true);
    }
    expect(fromWords.map(cueText).join(" ")).toBe(LONG_WITH_WORDS);
  });

  it("divides time in proportion to characters without word timestamps", () => {
    const fromText = cues.filter((c) => c.startMs >= 41_000 && c.endMs <= 71_000);
    expect(fromText.map(cueText).join(" ")).toBe(LONG_WITHOUT_WORDS);
    expect(fromText[0].startMs).toBe(41_000);
    const total = [...LONG_WITHOUT_WORDS].length;
    const firstChars = [...cueText(fromText[0])].length;
    expect(Math.abs(fromText[1].startMs - (41_000 + (29_000 * firstChars) / total))).toBeLessThan(5);
  });

  it("ignores word timestamps that no longer spell an edited text", () => {
    const edited = cues.filter((c) => c.startMs >= 110_000 && c.startMs < 115_000);
    expect(edited.map(cueText).join(" ")).toBe(EDITED);
    expect(edited[0].startMs).toBe(110_000);
    expect(edited.at(-1)!.endMs).toBe(114_000);
  });

  it("wraps text without spaces (Japanese) between words", () => {
    const japanese = cues.filter((c) => c.startMs >= 72_000 && c.startMs < 80_000);
    expect(japanese.length).toBeGreaterThan(1);
    expect(japanese.map((c) => c.lines.join("")).join("")).toBe(JAPANESE);
    for (const cue of japanese) for (const line of cue.lines) expect([...line].length).toBeLessThanOrEqual(21);
  });

  it("ends a cue at a pause in the words and caps a lingering word", () => {
    const words = [...wordsFor("Before the pause", 0, 1.5), ...wordsFor("after it", 5, 6), ...wordsFor("lingering", 6.2, 30)];
    const segment = { ...transcript.segments[0], start: 0, end: 30, text: "Before the pause after it lingering", words };
    const result = buildCues([segment]);
    expect(result.map(cueText)).toEqual(["Before the pause", "after it", "lingering"]);
    expect(result[2].endMs - result[2].startMs).toBe(CUE_RULES.maxDurationSec * 1000);
  });

  it("clamps a segment that starts inside the previous one", () => {
    const [first, second] = cues;
    expect(cueText(second)).toBe("This segment overlaps the previous one.");
    expect(second.startMs).toBe(first.endMs);
  });

  it("splits a word longer than a line and a segment with end before start", () => {
    const url = `https://example.com/${"a".repeat(100)}`;
    const result = buildCues([{ ...transcript.segments[0], start: 5, end: 2, text: url, words: null }]);
    expect(result.flatMap((c) => c.lines).join("")).toBe(url);
    for (const cue of result) for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(42);
    expect(result[0].startMs).toBe(5000);
  });

  it("formats cue times with hours beyond two digits", () => {
    expect(cueTimestamp(0, ",")).toBe("00:00:00,000");
    expect(cueTimestamp(36_000_000, ",")).toBe("10:00:00,000");
    expect(cueTimestamp(3_599_999.6, ".")).toBe("01:00:00.000");
    expect(cueTimestamp(123 * 3_600_000 + 61_001, ".")).toBe("123:01:01.001");
  });
});
