/** Redis pub/sub channel carrying a submission's live progress (design: SSE and webhooks read it). */
export const submissionChannel = (id: string): string => `bastion:submission:${id}`;

export type ProgressEvent =
  | { type: 'status'; status: string }
  | { type: 'test'; ordinal: number; name: string; verdict: string; timeMs: number; memoryKb: number }
  | { type: 'done'; verdict: string | null; score: number | null };
