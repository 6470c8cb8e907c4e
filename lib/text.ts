// Transcript text as stored: no control characters (they would corrupt exports and
// collide with the search snippet markers), single-spaced, trimmed.
export function cleanText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
