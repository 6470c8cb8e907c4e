import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NoJobsYet, NoMatchingJobs } from "@/components/dashboard/dashboard-empty";
import { PAGE_SIZE, currentOrder, filtersToParams, hasFilters } from "@/components/dashboard/filters";
import { JobFilters } from "@/components/dashboard/job-filters";
import { JobList } from "@/components/dashboard/job-list";
import { Pagination } from "@/components/dashboard/pagination";
import { parseFilters, type SearchParams } from "@/components/dashboard/parse-filters";
import { TagManager } from "@/components/tags/tag-manager";
import { Alert } from "@/components/ui/alert";
import { NoModelUpload } from "@/components/upload/no-model-upload";
import { UploadPanel } from "@/components/upload/upload-panel";
import { isOwner } from "@/lib/auth/owner";
import { speakerValues } from "@/components/upload/speaker-values";
import { decodingValues } from "@/components/upload/decoding-values";
import { requirePageUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { countJobs, listJobs } from "@/lib/jobs/service";
import { FINISHED_STATUSES } from "@/lib/jobs/status";
import { scanModels } from "@/lib/models/registry";
import { modelSuggestion } from "@/lib/models/service";
import { getSettings } from "@/lib/settings/service";
import { listTags } from "@/lib/tags/service";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser();
  const { query, filters, problems } = parseFilters(await searchParams);
  const config = getConfig();
  const [list, tags, settings, { models }, finished] = await Promise.all([
    listJobs(user.id, query),
    listTags(user.id),
    getSettings(),
    scanModels(config.modelsDir),
    listJobs(user.id, { status: [...FINISHED_STATUSES], limit: 1 }),
  ]);
  const params = filtersToParams(filters);
  // Past the last page (jobs were deleted, or an old link): show the last page instead.
  if (list.jobs.length === 0 && list.total > 0) {
    if (list.pageCount > 1) params.set("page", String(list.pageCount));
    redirect(params.size ? `/?${params.toString()}` : "/");
  }
  const anyJobs = list.total > 0 || (hasFilters(filters) && (await countJobs(user.id)) > 0);
  const choices = models.map((m) => ({ name: m.name, multilingual: m.multilingual, sizeBytes: m.sizeBytes }));
  const defaultModel = models.some((m) => m.name === settings.defaultModel) ? settings.defaultModel! : (models[0]?.name ?? "");

  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>
        <p className="text-sm text-muted-foreground">Your recordings and their transcripts.</p>
      </div>
      {models.length > 0 ? (
        <UploadPanel
          models={choices}
          defaults={{
            model: defaultModel,
            language: settings.defaultLanguage ?? "auto",
            task: settings.defaultTask,
            wordTimestamps: settings.wordTimestamps,
            beamSize: settings.beamSize,
            patience: settings.patience,
            vad: settings.vad,
            decoding: decodingValues(settings),
            speakers: speakerValues({ speakers: settings.speakers }),
          }}
          tags={tags}
          maxUploadBytes={config.maxUploadBytes}
          hasJobs={anyJobs}
        />
      ) : (
        <NoModelUpload suggestion={await modelSuggestion()} canDownload={await isOwner(user.id)} />
      )}
      {problems.length > 0 ? <Alert variant="destructive">Some filters in the address were ignored: {problems.join("; ")}</Alert> : null}
      {!anyJobs ? (
        <NoJobsYet hasModel={models.length > 0} />
      ) : (
        <>
          <JobFilters filters={filters} tags={tags}>
            <TagManager tags={tags} />
          </JobFilters>
          {list.total === 0 ? (
            <NoMatchingJobs />
          ) : (
            <>
              <JobList
                jobs={list.jobs}
                tags={tags}
                models={choices}
                finishedCount={finished.total}
                trashDays={settings.trashDays}
                query={params.toString()}
                order={currentOrder(filters)}
                page={list.page}
              />
              <Pagination page={list.page} pageCount={list.pageCount} total={list.total} pageSize={PAGE_SIZE} params={params} />
            </>
          )}
        </>
      )}
    </div>
  );
}
