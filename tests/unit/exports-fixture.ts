// A finished transcript full of the cases exporters get wrong: empty and overlapping
// segments, 500+ character segments with and without word timestamps, Japanese, Chinese,
// Arabic and Hebrew text, "-->" and markup in the text, and times past ten hours.
import type { ExportSegment, Transcript } from "@/lib/exports/types";
import type { Word } from "@/lib/transcripts/words";

/** Word timestamps the way Whisper gives them: a leading space on each word, times spread evenly. */
export function wordsFor(text: string, start: number, end: number): Word[] {
  const parts = text.split(" ");
  const step = (end - start) / parts.length;
  return parts.map((word, i) => ({ word: ` ${word}`, start: start + i * step, end: start + (i + 1) * step - 0.01, probability: 0.9 }));
}

const LONG_SENTENCE =
  "The committee met on Tuesday to discuss the budget for next year, and after a long debate about priorities, " +
  "maintenance of the old bridge, new playground equipment, and the library's extended opening hours, " +
  "they agreed to postpone the final vote until every member had read the engineers' report in full. ";
export const LONG_WITH_WORDS = (LONG_SENTENCE + LONG_SENTENCE).trim();
export const LONG_WITHOUT_WORDS = `Without timings: ${LONG_SENTENCE}${LONG_SENTENCE}`.trim();
export const JAPANESE = "今日はとても良い天気ですね。明日も晴れるといいのですが、天気予報によると午後から雨が降るそうです。傘を忘れないでください。";
export const CHINESE = "我们明天早上九点在图书馆门口见面，然后一起去参观新开的博物馆。";
export const ARABIC = "مرحبا بكم في الاجتماع الأسبوعي، سنناقش اليوم الميزانية والخطط القادمة.";
export const HEBREW = "שלום לכולם, זוהי הקלטה של הפגישה השבועית שלנו.";
export const MARKUP = 'He typed <b>bold</b> & <i>x</i> then --> an arrow, a {\\an8} tag and "quotes".';
export const MARKDOWN = "*not bold* and _not italic_ # not a heading [not](a link) `not code` | a pipe ~~no strike~~";
export const EDITED = "The corrected text reads completely differently now.";
const ORIGINAL = "The machine heard something else entirely here.";

let next = 1;
function segment(start: number, end: number, text: string, extra: Partial<ExportSegment> = {}): ExportSegment {
  const id = next++;
  return {
    id,
    index: id - 1,
    start,
    end,
    text,
    originalText: null,
    edited: false,
    speaker: null,
    words: null,
    avgLogprob: null,
    noSpeechProb: null,
    compressionRatio: null,
    temperature: null,
    speechRatio: null,
    ...extra,
  };
}

export function edgeCaseTranscript(): Transcript {
  next = 1;
  const opening = " Good morning everyone, and welcome to the meeting.";
  const segments: ExportSegment[] = [
    segment(0, 3.2, opening, {
      speaker: "Alice",
      words: wordsFor(opening.trim(), 0, 3.2),
      avgLogprob: -0.21,
      noSpeechProb: 0.01,
      compressionRatio: 1.35,
      temperature: 0,
    }),
    segment(3.5, 4, "   "),
    // The model's segments sometimes overlap: this one starts before the previous ends.
    segment(3, 6, "This segment overlaps the previous one.", { speaker: "Alice" }),
    segment(10, 40, LONG_WITH_WORDS, { speaker: "Bob", words: wordsFor(LONG_WITH_WORDS, 10, 40) }),
    segment(41, 70, LONG_WITHOUT_WORDS, { speaker: "Bob" }),
    segment(72, 80, JAPANESE),
    segment(80.5, 85, CHINESE),
    segment(88, 93, ARABIC, { speaker: "سارة" }),
    segment(93.2, 96, HEBREW, { speaker: "סיון" }),
    segment(99, 104, MARKUP),
    segment(104.5, 108, MARKDOWN),
    // Edited: the stored words still spell the machine's text and must not be used.
    segment(110, 114, EDITED, { edited: true, originalText: ORIGINAL, words: wordsFor(ORIGINAL, 110, 114) }),
    segment(36_000.5, 36_004.25, "Ten hours into the recording.", { words: wordsFor("Ten hours into the recording.", 36_000.5, 36_004.25) }),
    segment(36_003, 36_009, "An overlapping segment past ten hours."),
  ];
  return {
    job: {
      id: "job1",
      title: "Weekly <meeting> #12",
      originalName: "Weekly meeting.m4a",
      durationSec: 36_010,
      model: "whisper-base",
      language: null,
      detectedLanguage: "en",
      languageProb: 0.97,
      task: "transcribe",
      createdAt: "2026-01-31T14:05:00.000Z",
      finishedAt: "2026-01-31T14:20:00.000Z",
      processingMs: 900_000,
      warnings: [],
    },
    segments,
  };
}
