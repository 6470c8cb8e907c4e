// The tag palette: mid-tone colors that stay readable as a dot and a tinted chip on
// both the light and the dark background. The first is the database default.
export const TAG_COLORS = [
  { value: "#64748b", name: "Slate" },
  { value: "#ef4444", name: "Red" },
  { value: "#f97316", name: "Orange" },
  { value: "#eab308", name: "Yellow" },
  { value: "#22c55e", name: "Green" },
  { value: "#14b8a6", name: "Teal" },
  { value: "#3b82f6", name: "Blue" },
  { value: "#8b5cf6", name: "Violet" },
  { value: "#ec4899", name: "Pink" },
] as const;

export const DEFAULT_TAG_COLOR = TAG_COLORS[0].value;

export function colorName(hex: string): string {
  return TAG_COLORS.find((c) => c.value.toLowerCase() === hex.toLowerCase())?.name ?? hex;
}

export type TagView = { id: string; name: string; color: string };
export type TagWithCount = TagView & { jobCount: number };
