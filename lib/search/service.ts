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

type Parsed = NonNullable<ReturnType<typeof toFtsQuery>>;

/**
 * The candidate matches as a CTE named `c` (id, jobId, start, score), with its
 * arguments. FTS5's bm25() needs each term's document frequency, which costs a full
 * scan of the term's postings: ~0.5 s for a common word over millions of segments.
 * Within one query that frequency is the same for every row, so ranking by how
 * densely a segment holds the hits (counted with highlight(), a per-row operation)
 * orders results just as usefully. Candidates are the newest CANDIDATES matches that
 * pass the filters: FTS5 walks its index newest-first and stops there, which is
 * exact for any query with fewer matches.
 */
function candidates(userId: string, filters: SearchFilters, parsed: Parsed): { sql: string; args: unknown[] } {
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
  args.push(CANDIDATES);
  return {
    sql: `WITH c AS (
        SELECT "SegmentSearch".rowid AS id, s."jobId" AS jobId, s.start AS start,
               (length(highlight("SegmentSearch", 0, char(2), '')) - length(s.text)) * 1.0 / (length(s.text) + 40) AS score
          FROM "SegmentSearch"
          JOIN "Segment" s ON s.id = "SegmentSearch".rowid
          JOIN "Job" j ON j.id = s."jobId"
         WHERE ${where.join(" AND ")}
         ORDER BY "SegmentSearch".rowid DESC
         LIMIT ?
      )`,
    args,
  };
}

/** The hits for these segment ids, in the order given, with their snippets. */
async function loadHits(parsed: Parsed, ids: number[]): Promise<SearchHit[]> {
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
  return ids.flatMap((id) => {
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
}

export async function searchTranscripts(userId: string, filters: SearchFilters) {
  const parsed = toFtsQuery(filters.q);
  const limit = Math.min(filters.limit ?? 20, 100);
  const page = Math.max(1, filters.page ?? 1);
  if (!parsed) return { hits: [] as SearchHit[], terms: [] as string[], page, hasMore: false };
  const c = candidates(userId, filters, parsed);
  const ranked = await db.$queryRawUnsafe<{ id: number | bigint }[]>(
    `${c.sql} SELECT id FROM c ORDER BY score DESC, id DESC LIMIT ? OFFSET ?`,
    ...c.args,
    limit + 1,
    (page - 1) * limit,
  );
  const hits = await loadHits(
    parsed,
    ranked.slice(0, limit).map((r) => Number(r.id)),
  );
  return { hits, terms: parsed.terms, page, hasMore: ranked.length > limit };
}

/** Hits shown under each recording; the rest are a click away on the job page. */
export const HITS_PER_RECORDING = 3;

export type RecordingHits = { jobId: string; jobTitle: string; createdAt: string; matches: number; hits: SearchHit[] };

export type GroupedSearch = {
  groups: RecordingHits[];
  /** Matching segments and the recordings they are in, over every page. */
  totalMatches: number;
  totalRecordings: number;
  /** True when there were more matches than the search counts (CANDIDATES): the totals are then "at least". */
  capped: boolean;
  page: number;
  hasMore: boolean;
};

/**
 * The same search, grouped by recording: recordings ordered by their best match,
 * each with its number of matches and its best few hits in the order they were said.
 * Pages count recordings, not segments.
 */
export async function searchByRecording(userId: string, filters: SearchFilters): Promise<GroupedSearch> {
  const parsed = toFtsQuery(filters.q);
  const limit = Math.min(filters.limit ?? 10, 50);
  const page = Math.max(1, filters.page ?? 1);
  const empty = { groups: [], totalMatches: 0, totalRecordings: 0, capped: false, page, hasMore: false };
  if (!parsed) return empty;
  const c = candidates(userId, filters, parsed);
  const jobs = await db.$queryRawUnsafe<{ jobId: string; matches: number | bigint; totalMatches: number | bigint; totalRecordings: number | bigint }[]>(
    `${c.sql}, g AS (SELECT jobId, COUNT(*) AS matches, MAX(score) AS best, MAX(id) AS newest FROM c GROUP BY jobId)
     SELECT jobId, matches, (SELECT COUNT(*) FROM c) AS totalMatches, (SELECT COUNT(*) FROM g) AS totalRecordings
       FROM g ORDER BY best DESC, newest DESC LIMIT ? OFFSET ?`,
    ...c.args,
    limit + 1,
    (page - 1) * limit,
  );
  const shown = jobs.slice(0, limit);
  if (shown.length === 0) return empty;
  const top = await db.$queryRawUnsafe<{ id: number | bigint }[]>(
    `${c.sql}, r AS (SELECT id, jobId, start, ROW_NUMBER() OVER (PARTITION BY jobId ORDER BY score DESC, id DESC) AS rank FROM c
                      WHERE jobId IN (${shown.map(() => "?").join(", ")}))
     SELECT id FROM r WHERE rank <= ? ORDER BY jobId, start`,
    ...c.args,
    ...shown.map((j) => j.jobId),
    HITS_PER_RECORDING,
  );
  const hits = await loadHits(
    parsed,
    top.map((r) => Number(r.id)),
  );
  const groups = shown.map((job): RecordingHits => {
    const own = hits.filter((h) => h.jobId === job.jobId);
    return { jobId: job.jobId, jobTitle: own[0]?.jobTitle ?? "", createdAt: own[0]?.createdAt ?? "", matches: Number(job.matches), hits: own };
  });
  const totalMatches = Number(jobs[0].totalMatches);
  return {
    groups,
    totalMatches,
    totalRecordings: Number(jobs[0].totalRecordings),
    capped: totalMatches >= CANDIDATES,
    page,
    hasMore: jobs.length > limit,
  };
}
