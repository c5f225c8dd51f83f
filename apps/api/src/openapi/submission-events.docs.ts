import { SUBMISSION_EXAMPLE } from './submissions.schemas';

/** GET /submissions/{id}/events in words: what `SubmissionsController.events` sends, in order. */
export const SSE_DESCRIPTION = [
  "A `text/event-stream` of the submission's progress. Each event has `event:` (its type), `id:` and one `data:` line of JSON:",
  '',
  '- `snapshot`: the submission as GET /submissions/{id} gives it, first, so a late listener misses nothing;',
  '- `status`: `{ "type": "status", "status": "compiling" | "analyzing" | "running" }` as judging moves on;',
  '- `test`: `{ "type": "test", "ordinal", "name", "verdict", "timeMs", "memoryKb" }` as each test finishes;',
  '- `ping`: `{}` every 15 s to keep proxies from closing the connection;',
  '- `result`: the full submission once it is `done` or `failed`; the stream then ends.',
  '',
  'For a submission that has already finished, the stream is the single `result` event.',
  "Visible to its author, the problem's author and admins; 404 before the stream starts otherwise.",
].join('\n');

const queued = { ...SUBMISSION_EXAMPLE, status: 'queued', verdict: null, score: null, maxScore: null };
const snapshot = { ...queued, tests: [], compileOutput: null, security: null, finishedAt: null };

const event = (id: number, type: string, data: unknown) => `event: ${type}\nid: ${id}\ndata: ${JSON.stringify(data)}\n`;

export const SSE_EXAMPLE = [
  event(1, 'snapshot', snapshot),
  event(2, 'status', { type: 'status', status: 'compiling' }),
  event(3, 'status', { type: 'status', status: 'analyzing' }),
  event(4, 'status', { type: 'status', status: 'running' }),
  event(5, 'test', { type: 'test', ordinal: 1, name: 'sample/1', verdict: 'AC', timeMs: 0, memoryKb: 1300 }),
  event(6, 'test', { type: 'test', ordinal: 2, name: 'secret/1', verdict: 'AC', timeMs: 0, memoryKb: 1380 }),
  event(7, 'test', { type: 'test', ordinal: 3, name: 'attack/long-name', verdict: 'RE', timeMs: 0, memoryKb: 1020 }),
  event(8, 'result', SUBMISSION_EXAMPLE),
].join('\n');
