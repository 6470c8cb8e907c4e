// What every view of a stored segment shares (the edit primitive, the exporters, the
// transcript view): its times, its text now and as the machine wrote it, and who spoke.
export type SegmentFields = {
  start: number;
  end: number;
  /** The current text: the person's correction when there is one. */
  text: string;
  /** The machine's text, kept when the segment was edited. */
  originalText: string | null;
  edited: boolean;
  speaker: string | null;
};
