import { describe, expect, it } from "vitest";
import { compareJobs, type SortKey } from "@/lib/jobs/sort";

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const jobs: SortKey[] = [
  { id: "a", title: "recording 10", status: "completed", createdAt: at(1) },
  { id: "b", title: "Recording 2", status: "queued", createdAt: at(2) },
  { id: "c", title: "Ärger", status: "processing", createdAt: at(3) },
  { id: "d", title: "zebra", status: "failed", createdAt: at(4) },
  { id: "e", title: "apple", status: "completed", createdAt: at(5) },
  { id: "f", title: "Apple", status: "cancelled", createdAt: at(6) },
];
const ids = (list: SortKey[]) => list.map((j) => j.id).join("");

describe("job list order", () => {
  it("sorts names as a person reads them: case, accents and numbers", () => {
    // Equal names (apple, Apple) keep newest first in both directions.
    expect(ids([...jobs].sort(compareJobs("name", "asc")))).toBe("fecbad");
    expect(ids([...jobs].sort(compareJobs("name", "desc")))).toBe("dabcfe");
  });

  it("sorts statuses by meaning, work in progress first", () => {
    expect(ids([...jobs].sort(compareJobs("status", "asc")))).toBe("cbdfea");
    expect(ids([...jobs].sort(compareJobs("status", "desc")))).toBe("eafdbc");
  });
});
