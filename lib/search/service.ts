// Full-text search across one user's transcripts (FTS5 index SegmentSearch, kept
// in step with segments by triggers; see the search migration).
import { db } from "@/lib/db";
import { toFtsQuery } from "@/lib/search/query";

import { HIT_END, HIT_START } from "@/lib/search/markers";

export { HIT_END, HIT_START };

const CANDIDATES = 2_000;

export type SearchFilters = { q: string; tag?: string; from?: Date; to?: Date; page?: number; limit?: number };

export type SearchHit = {
  segmentId: number;
  jobId: string;
  jobTitle: string;
  start: number;
  end: number;
  snippet: string;
  createdAt: string;
};

/** How Prisma's SQLite adapter stores DateTime, so raw comparisons line up. */
function sqliteTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

type Row = { segmentId: number | bigint; jobId: string; jobTitle: string; start: number; end: number; snippet: string; createdAt: string | number | Date };

export async function searchTranscripts(userId: string, filters: SearchFilters) {
  const parsed = toFtsQuery(filters.q);
  const limit = Math.min(filters.limit ?? 20, 100);
  const page = Math.max(1, filters.page ?? 1);
  if (!parsed) return { hits: [] as SearchHit[], terms: [] as string[], page, hasMore: false };
  // j."deletedAt" IS NULL: the raw-SQL form of ownedJobs() (lib/jobs/guard.ts), so the trash never shows in results.
  const where: string[] = [`"SegmentSearch" MATCH ?`, `j."userId" = ?`, `j."deletedAt" IS NULL`];
  const args: unknown[] = [parsed.fts, userId];
  if (filters.tag) {
    where.push(`EXISTS (SELECT 1 FROM "JobTag" jt WHERE jt."jobId" = j.id AND jt."tagId" = ?)`);
    args.push(filters.tag);
  }
  if (filters.from) {
    where.push(`j."createdAt" >= ?`);
    args.push(sqliteTime(filters.from));
  }
  if (filters.to) {
    where.push(`j."createdAt" < ?`);
    args.push(sqliteTime(new Date(filters.to.getTime() + 86_400_000)));
  }
  // FTS5's bm25() needs each term's document frequency, which costs a full scan of
  // the term's postings: ~0.5 s for a common word over millions of segments. Within
  // one query that frequency is the same for every row, so ranking by how densely a
  // segment holds the hits (counted with highlight(), a per-row operation) orders
  // results just as usefully. Candidates are the newest CANDIDATES matches that pass
  // the filters: FTS5 walks its index newest-first and stops there, which is exact
  // for any query with fewer matches.
  args.push(CANDIDATES, limit + 1, (page - 1) * limit);
  const ranked = await db.$queryRawUnsafe<{ id: number | bigint }[]>(
    `SELECT c.id AS id FROM (
        SELECT "SegmentSearch".rowid AS id,
               (length(highlight("SegmentSearch", 0, char(2), '')) - length(s.text)) * 1.0 / (length(s.text) + 40) AS score
          FROM "SegmentSearch"
          JOIN "Segment" s ON s.id = "SegmentSearch".rowid
          JOIN "Job" j ON j.id = s."jobId"
         WHERE ${where.join(" AND ")}
         ORDER BY "SegmentSearch".rowid DESC
         LIMIT ?
      ) c
      ORDER BY c.score DESC, c.id DESC
      LIMIT ? OFFSET ?`,
    ...args,
  );
  const ids = ranked.slice(0, limit).map((r) => Number(r.id));
  const rows = ids.length
    ? await db.$queryRawUnsafe<Row[]>(
        `SELECT s.id AS segmentId, s."jobId" AS jobId, j.title AS jobTitle, s.start AS start, s."end" AS "end",
                snippet("SegmentSearch", 0, '${HIT_START}', '${HIT_END}', '…', 16) AS snippet, j."createdAt" AS createdAt
           FROM "SegmentSearch"
           JOIN "Segment" s ON s.id = "SegmentSearch".rowid
           JOIN "Job" j ON j.id = s."jobId"
          WHERE "SegmentSearch" MATCH ? AND "SegmentSearch".rowid IN (${ids.map(() => "?").join(", ")})`,
        parsed.fts,
        ...ids,
      )
    : [];
  const byId = new Map(rows.map((row) => [Number(row.segmentId), row]));
  const hits = ids.flatMap((id) => {
    const row = byId.get(id);
    return row
      ? [
          {
            segmentId: id,
            jobId: row.jobId,
            jobTitle: row.jobTitle,
            start: row.start,
            end: row.end,
            snippet: row.snippet,
            createdAt: new Date(row.createdAt).toISOString(),
          },
        ]
      : [];
  });
  return { hits, terms: parsed.terms, page, hasMore: ranked.length > limit };
}
