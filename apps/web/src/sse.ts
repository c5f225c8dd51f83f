import { request, type Submission, type SubmissionStatus } from './api';

export type JudgeEvent =
  | { type: 'snapshot'; data: Submission }
  | { type: 'status'; data: { status: SubmissionStatus } }
  | { type: 'test'; data: { ordinal: number; name: string; verdict: string; timeMs: number; memoryKb: number } }
  | { type: 'result'; data: Submission }
  | { type: 'ping'; data: unknown };

/** Parses a text/event-stream body: blocks separated by a blank line, `event:` and `data:` lines. */
export function parseSseBlock(block: string): { event: string; data: string } | null {
  let event = 'message';
  const data: string[] = [];
  for (const raw of block.split(/\r?\n/)) {
    if (!raw || raw.startsWith(':')) continue;
    const colon = raw.indexOf(':');
    const field = colon === -1 ? raw : raw.slice(0, colon);
    let value = colon === -1 ? '' : raw.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length ? { event, data: data.join('\n') } : null;
}

/**
 * Follows a submission's event stream with fetch (EventSource cannot send the Authorization
 * header). Resolves when the stream ends; rejects on a network or HTTP error.
 */
export async function followSubmission(id: string, onEvent: (e: JudgeEvent) => void, signal: AbortSignal) {
  const r = await request(`/submissions/${encodeURIComponent(id)}/events`, {
    headers: { accept: 'text/event-stream' },
    signal,
  });
  if (!r.body) throw new Error('no response body');
  const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let cut: number;
    while ((cut = buffer.search(/\r?\n\r?\n/)) !== -1) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
      const parsed = parseSseBlock(block);
      if (!parsed) continue;
      let data: unknown;
      try {
        data = JSON.parse(parsed.data);
      } catch {
        continue;
      }
      onEvent({ type: parsed.event, data } as JudgeEvent);
    }
  }
}
