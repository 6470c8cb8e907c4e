// Word (.docx) through the `docx` package: title, a facts table, then one paragraph per
// reading paragraph with its timestamp and the speaker's name in bold.
import { BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { exportTitle, jobFacts } from "@/lib/exports/facts";
import { toParagraphs, type Paragraph as ReadingParagraph } from "@/lib/exports/paragraphs";
import { cleanText, isRightToLeft } from "@/lib/exports/text";
import { clockTimestamp } from "@/lib/exports/time";
import type { Transcript } from "@/lib/exports/types";

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };

function factsTable(transcript: Transcript): Table {
  const rows = jobFacts(transcript.job).map(
    (fact) =>
      new TableRow({
        children: [
          new TableCell({
            width: { size: 25, type: WidthType.PERCENTAGE },
            children: [new Paragraph({ children: [new TextRun({ text: fact.label, bold: true })] })],
          }),
          new TableCell({ width: { size: 75, type: WidthType.PERCENTAGE }, children: [new Paragraph(fact.value)] }),
        ],
      }),
  );
  return new Table({
    rows,
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
  });
}

function body(paragraph: ReadingParagraph, timestamps: boolean): Paragraph {
  // Right-to-left paragraphs (Arabic, Hebrew) must be marked so Word orders and aligns them.
  const rtl = isRightToLeft(paragraph.text);
  const runs: TextRun[] = [];
  if (timestamps) runs.push(new TextRun({ text: `[${clockTimestamp(paragraph.start)}] `, color: "6B7280" }));
  if (paragraph.speaker) runs.push(new TextRun({ text: `${paragraph.speaker}: `, bold: true, rightToLeft: isRightToLeft(paragraph.speaker) }));
  runs.push(new TextRun({ text: paragraph.text, rightToLeft: rtl }));
  return new Paragraph({ children: runs, bidirectional: rtl, spacing: { after: 160 } });
}

export async function toDocx(transcript: Transcript, options: { timestamps?: boolean } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const title = exportTitle(transcript.job);
  const paragraphs = toParagraphs(transcript.segments);
  const document = new Document({
    title,
    creator: "Selenite",
    description: `Transcript of ${cleanText(transcript.job.originalName)}`,
    sections: [
      {
        children: [
          new Paragraph({ text: title, heading: HeadingLevel.TITLE, bidirectional: isRightToLeft(title) }),
          factsTable(transcript),
          new Paragraph({ text: "Transcript", heading: HeadingLevel.HEADING_1, spacing: { before: 240 } }),
          ...(paragraphs.length
            ? paragraphs.map((p) => body(p, options.timestamps ?? true))
            : [new Paragraph({ children: [new TextRun({ text: "This transcript has no text.", italics: true })] })]),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
