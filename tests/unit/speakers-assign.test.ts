import { describe, expect, it } from "vitest";
import { assignSpeakers, smoothWordSpeakers, speakerLabels, speakerOver } from "@/lib/speakers/assign";
import type { SegmentData } from "@/lib/transcripts/range";

const segment = (start: number, end: number, text: string, words?: [string, number, number][], edited = false): SegmentData => ({
  start,
  end,
  text,
  originalText: text,
  edited,
  speaker: null,
  words: words ? JSON.stringify(words.map(([word, s, e]) => ({ word, start: s, end: e }))) : null,
  avgLogprob: -0.2,
  noSpeechProb: 0.01,
  compressionRatio: 1.1,
  temperature: 0,
  speechRatio: 1,
});

const TURNS = [
  { start: 0, end: 2.05, speaker: 4 },
  { start: 2.05, end: 5, speaker: 1 },
];

describe("speaker assignment", () => {
  it("gives a span the speaker of most of its time, or of the nearest turn", () => {
    expect(speakerOver(TURNS, 1.5, 3)).toBe(1);
    expect(speakerOver(TURNS, 0, 1.2)).toBe(4);
    expect(speakerOver(TURNS, 7, 8)).toBe(1);
    expect(speakerOver([], 0, 1)).toBeNull();
  });

  it("splits a segment that spans a turn at the words, with the machine's spacing", () => {
    const words: [string, number, number][] = [
      [" Hello", 0, 0.5],
      [" there,", 0.5, 1],
      [" friend.", 1, 2],
      [" Hi", 2.1, 2.6],
      [" back!", 2.6, 3.2],
    ];
    const out = assignSpeakers([segment(0, 3.4, "Hello there, friend. Hi back!", words)], TURNS, speakerLabels(TURNS));
    expect(out.map((s) => [s.speaker, s.start, s.end, s.text])).toEqual([
      ["Speaker 1", 0, 2, "Hello there, friend."],
      ["Speaker 2", 2.1, 3.4, "Hi back!"],
    ]);
    expect(JSON.parse(out[1].words!)).toHaveLength(2);
    expect(out[1].originalText).toBe("Hi back!");
    expect(out[1].avgLogprob).toBe(-0.2);
  });

  it("keeps an edited segment whole and labels it by most of its time", () => {
    const words: [string, number, number][] = [
      [" a", 0, 1],
      [" b", 2.2, 4],
    ];
    const out = assignSpeakers([segment(1, 4, "A corrected line", words, true)], TURNS, speakerLabels(TURNS));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ text: "A corrected line", speaker: "Speaker 2", edited: true });
  });

  it("smooths a one-word island between two runs of one speaker", () => {
    const words = [0, 1, 2, 3, 4].map((i) => ({ start: i * 0.4, end: i * 0.4 + 0.35 }));
    expect(smoothWordSpeakers(words, [0, 0, 1, 0, 0])).toEqual([0, 0, 0, 0, 0]);
    // A real turn (two runs of different speakers) stays.
    expect(smoothWordSpeakers(words, [0, 0, 1, 1, 1])).toEqual([0, 0, 1, 1, 1]);
  });

  it("numbers speakers by their first turn", () => {
    const label = speakerLabels([
      { start: 5, end: 6, speaker: 0 },
      { start: 1, end: 2, speaker: 3 },
    ]);
    expect([label(3), label(0)]).toEqual(["Speaker 1", "Speaker 2"]);
    expect(speakerLabels([{ start: 0, end: 1, speaker: 1 }], "Channel")(1)).toBe("Channel 1");
  });
});
