import type { JobSummary } from "@/lib/jobs/select";

export type DashboardJob = JobSummary;

/** What a row's menu and the selection bar can ask the list to do. */
export type JobCommands = {
  cancel: (ids: string[]) => void;
  restart: (ids: string[]) => void;
  restartWithOptions: (job: DashboardJob) => void;
  remove: (ids: string[]) => void;
  tag: (ids: string[], tagId: string, mode: "add" | "remove") => void;
  manageTags: () => void;
  pending: boolean;
};
