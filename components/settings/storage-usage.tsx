import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getConfig } from "@/lib/config";
import { storageUsage } from "@/lib/storage/usage";
import { formatBytes } from "@/lib/format";

/** Storage used by media and by transcripts, and what is left on the disk. */
export async function StorageUsage() {
  const config = getConfig();
  const { mediaBytes, transcriptBytes, disk } = await storageUsage();
  const rows = [
    ["Recordings", formatBytes(mediaBytes)],
    ["Transcripts", formatBytes(transcriptBytes)],
    ["Free on disk", disk ? `${formatBytes(disk.freeBytes)} of ${formatBytes(disk.totalBytes)}` : "unknown"],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Storage</CardTitle>
        <CardDescription>In {config.storageDir}</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-2 text-sm sm:grid-cols-3">
          {rows.map(([label, value]) => (
            <div key={label} className="rounded-md border px-4 py-3">
              <dt className="text-muted-foreground">{label}</dt>
              <dd className="text-lg font-semibold" data-testid={`storage-${label.toLowerCase().replace(/\s+/g, "-")}`}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
