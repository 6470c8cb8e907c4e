// GET /api/events - live job changes as server-sent events (reconnect with Last-Event-ID)
import { eventStream } from "@/lib/events/sse";
import { withUser } from "@/lib/http/api";

export const dynamic = "force-dynamic";

export const GET = withUser(async (request, { user }) => {
  const lastEventId = request.headers.get("last-event-id") ?? request.nextUrl.searchParams.get("lastEventId");
  return new Response(eventStream(user.id, lastEventId, request.signal), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
