import "server-only";
// stream=true: OpenAI's transcription events over SSE as the engine commits each
// window's segments: transcript.text.segment and transcript.text.delta per segment,
// then transcript.text.done; a failure ends the stream with an `error` event.
import { getConfig } from "@/lib/config";
import { joinTexts } from "@/lib/exports/text";
import { JOB_ID_HEADER, JobOutcomeError, transcriptOf } from "@/lib/integrations/compat/outcome";
import { waitForJob } from "@/lib/integrations/compat/wait";
import { transcriptText } from "@/lib/integrations/compat/whisper-result";
import { logger } from "@/lib/logger";

const HEARTBEAT_MS = 15_000;

export function streamTranscription(userId: string, jobId: string, signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  let closed = false;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          closed = true;
        }
      };
      const event = (data: unknown, name?: string) => send(`${name ? `event: ${name}\n` : ""}data: ${JSON.stringify(data)}\n\n`);
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      let sofar = "";
      try {
        const finished = await waitForJob(userId, jobId, {
          timeoutMs: getConfig().compatWaitMs,
          signal,
          onSegment: (segment) => {
            if (!segment.text) return;
            const joined = joinTexts([sofar, segment.text]);
            const delta = joined.slice(sofar.length);
            sofar = joined;
            event({ type: "transcript.text.segment", id: `seg_${segment.index}`, start: segment.start, end: segment.end, text: segment.text, speaker: "" });
            event({ type: "transcript.text.delta", delta, segment_id: `seg_${segment.index}` });
          },
        });
        if (signal.aborted) return;
        const transcript = await transcriptOf(userId, jobId, finished);
        event({ type: "transcript.text.done", text: transcriptText(transcript) });
      } catch (error) {
        const known = error instanceof JobOutcomeError;
        if (!known) logger.error({ err: error, jobId }, "a streamed transcription failed");
        const message = known ? error.message : `Job ${jobId} could not be streamed. The server log has the details.`;
        event({ error: { message, type: "server_error", param: null, code: known ? `job_${error.kind}` : "internal" } }, "error");
      } finally {
        clearInterval(heartbeat);
        if (!closed) {
          closed = true;
          try {
            controller.close();
          } catch {
            // the client already went away
          }
        }
      }
    },
    cancel() {
      closed = true;
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      [JOB_ID_HEADER]: jobId,
      "x-accel-buffering": "no",
    },
  });
}
